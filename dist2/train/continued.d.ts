import type { ChunkSet } from '../corpus/chunk-store.js';
import { type RunControl } from '../progress.js';
import type { Alphabet } from './alphabet.js';
import type { Reduction } from './reduce.js';
/** A learned piece in training order. */
export interface TrainedPiece {
    piece: string;
    kind: 'new-char' | 'new-merge';
    count: number;
    merge?: [string, string];
    uses?: number;
}
/** Options of the trainer (a subset of BuildSpec). */
export interface TrainOptions extends RunControl {
    maxPieces: number;
    characterCoverage: number;
    minPairCount: number;
    seedChars?: string[];
    memoryBytes?: number;
}
/** Training result: pieces in order plus facts for the manifest. */
export interface TrainResult {
    pieces: TrainedPiece[];
    charCoverage: {
        japaneseChars: number;
        covered: number;
        occurrences: number;
        coveredOccurrences: number;
    };
    words: number;
    reduction: Reduction;
}
/** The result of a run that needs no new pieces (a trim to exactly --target): nothing trained. */
export declare function untrained(): TrainResult;
/** Runs continued BPE over counted chunks on top of the base `enc` (which grows); disposes
 * `chunks` once segmented. */
export declare function trainContinued(enc: Alphabet, chunks: ChunkSet, opts: TrainOptions): Promise<TrainResult>;
