import { Command } from 'commander';
import type { CliContext } from '../context.js';
/** `tokext import PATH --label NAME`. */
export declare function importCommand(ctx: CliContext): Command;
/** `tokext versions`. */
export declare function versionsCommand(ctx: CliContext): Command;
/** `tokext diff A B`. */
export declare function diffCommand(ctx: CliContext): Command;
/** `tokext export VERSION --out DIR`. */
export declare function exportCommand(ctx: CliContext): Command;
