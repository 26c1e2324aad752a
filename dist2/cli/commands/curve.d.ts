import { Command } from 'commander';
import type { CliContext } from '../context.js';
/** `tokext curve BUILD --corpus X ...`. */
export declare function curveCommand(ctx: CliContext): Command;
