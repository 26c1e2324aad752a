import type { Pacer } from '../progress.js';
/** The words of a training corpus: symbol sequences with weighted counts. */
export interface Words {
    pool: Int32Array;
    spans: Int32Array;
    counts: Float64Array;
    n: number;
}
/** Calls fn for every adjacent pair of every word, yielding to the event loop now and then. */
export declare function eachPair(words: Words, fn: (a: number, b: number, w: number) => void, pacer?: Pacer): Promise<void>;
/** Pair → the words it occurs in. */
export declare class PairIndex {
    private readonly begin;
    private readonly end;
    private readonly entries;
    private readonly lists;
    private constructor();
    /**
     * Indexes `words`; `pairAt[i]` is the pair id of symbols i and i + 1 of the pool; `pairs` is
     * the number of pair ids; only pairs that `keep` accepts are indexed.
     */
    static build(words: Words, pairAt: Int32Array, pairs: number, keep: (p: number) => boolean, pacer?: Pacer): Promise<PairIndex>;
    /** Bytes held. */
    get bytes(): number;
    /** Records that pair `p` occurs in word `w`. */
    note(p: number, w: number): void;
    /** Calls fn for each word pair `p` was noted in. */
    forEach(p: number, fn: (w: number) => void): void;
    /** Forgets pair `p` (merged: it occurs nowhere any more). */
    clear(p: number): void;
}
