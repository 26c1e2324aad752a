import { Command } from 'commander';
import type { CliContext } from '../context.js';
/** `tokext count`: a count shard of a corpus, to sum with others by tokext train --counts (or any Parquet engine). */
export declare function countCommand(ctx: CliContext): Command;
/** `tokext train`: pieces with counts (continued), or a standalone model (--from-scratch). */
export declare function trainCommand(ctx: CliContext): Command;
/** `tokext plan`: select to --target and pad to --pad-to. */
export declare function planCommand(ctx: CliContext): Command;
/** `tokext write`: artefacts from a plan. */
export declare function writeCommand(ctx: CliContext): Command;
