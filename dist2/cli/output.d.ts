import type { Command } from 'commander';
/** Adds --force for a command whose outputs are files. */
export declare function forceFileOption(cmd: Command): Command;
