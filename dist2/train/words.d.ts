import type { ChunkSet } from '../corpus/chunk-store.js';
import type { Alphabet } from './alphabet.js';
import { ReductionHistogram, type Cut } from './reduce.js';
import type { Words } from './pair-index.js';
/** Estimated trainer bytes for a chunk of `units` code units: its symbols, its pair index
 * entries and the per-word arrays. */
export declare const wordBytes: (units: number) => number;
/** What one pass over the chunks learns. */
export interface ChunkScan {
    charCounts: Float64Array;
    histogram: ReductionHistogram;
}
/** Counts characters of every chunk and sizes of the ones `trains` accepts. */
export declare function scanChunks(chunks: ChunkSet, trains: (chunk: string) => boolean, signal?: AbortSignal): Promise<ChunkScan>;
/** The base segmentation of every kept chunk into words of two or more symbols. `units` (code units of the kept
 * chunks) bounds the symbols, so the pool is allocated once. */
export declare function buildWords(chunks: ChunkSet, enc: Alphabet, trains: (chunk: string) => boolean, kept: {
    cut: Cut | null;
    units: number;
    chunks: number;
}, signal?: AbortSignal, onChunk?: (done: number) => void): Promise<Words>;
