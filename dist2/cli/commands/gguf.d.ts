import { Command } from 'commander';
import type { CliContext } from '../context.js';
/** `tokext gguf DIR|VERSION --out vocab.gguf`. */
export declare function ggufCommand(ctx: CliContext): Command;
