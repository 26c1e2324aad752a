import { Command } from 'commander';
import type { CliContext } from '../context.js';
/** `tokext build --corpus ... --out DIR`. */
export declare function buildCommand(ctx: CliContext): Command;
