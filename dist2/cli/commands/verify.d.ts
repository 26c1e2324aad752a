import { Command } from 'commander';
import type { CliContext } from '../context.js';
/** `tokext verify DIR [--corpus PATH...]`. */
export declare function verifyCommand(ctx: CliContext): Command;
