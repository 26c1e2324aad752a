import { Command } from 'commander';
import type { CliContext } from '../context.js';
/** `tokext init-embeddings --model DIR --init embedding-init.json --out DIR`. */
export declare function initEmbeddingsCommand(ctx: CliContext): Command;
