import { Command } from 'commander';
import type { CliContext } from '../context.js';
/** `tokext eval --tokenizer A ... --corpus X ...`. */
export declare function evalCommand(ctx: CliContext): Command;
