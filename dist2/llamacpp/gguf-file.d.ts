import type { GgufVocab } from '../gguf/vocab.js';
/** Options of `tokext gguf`. */
export interface GgufOptions {
    db: string;
    force?: boolean;
    architecture?: string;
    pre?: string;
    vocabSize?: number;
    onNote?: (note: string) => void;
}
/** What was written. */
export interface GgufResult {
    out: string;
    tokens: number;
    architecture: string;
    model: GgufVocab['model'];
    pre: string;
}
/** Writes a vocab-only GGUF of `ref` (a build directory or a stored version) to `out`. */
export declare function writeGgufOf(ref: string, out: string, o: GgufOptions): Promise<GgufResult>;
