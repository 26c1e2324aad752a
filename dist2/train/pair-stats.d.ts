import { PairTable } from '../bpe/pair-table.js';
import type { Pacer } from '../progress.js';
import type { PairHeap } from './heap.js';
import { PairIndex, type Words } from './pair-index.js';
/** Ties between equal counts: the pair with the smaller (left, right) ids, never reading order. */
export declare const tieOf: (table: PairTable, p: number) => number;
export declare const DEAD = 1;
/**
 * Pair statistics over the words: weighted counts, the words each pair occurs in, pending
 * changes of a merge step. Occurrences that merges create are indexed only for pairs whose count
 * reaches `threshold`: most created pairs are rare and never merged. When a pair that was not
 * fully indexed comes up for merging, one scan of the words indexes every such pair above a
 * lower threshold (a quarter of its count): popped counts never rise, so there are only a few
 * scans, and the result is exact either way.
 */
export declare class PairStats {
    readonly words: Words;
    private readonly minCount;
    readonly table: PairTable;
    counts: Float64Array;
    private stamp;
    flags: Uint8Array;
    index: PairIndex;
    private readonly touched;
    private readonly before;
    private readonly notedPairs;
    private readonly notedWords;
    step: number;
    threshold: number;
    scans: number;
    private constructor();
    /** Counts the pairs of `words` and indexes the ones that could plausibly be merged. */
    static build(words: Words, minCount: number, merges: number, pacer: Pacer): Promise<PairStats>;
    /** Bytes held by the statistics and the index. */
    get bytes(): number;
    /** The pair id of (a, b), interning it. */
    pairOf(a: number, b: number): number;
    /** Changes the count of pair p by d within this step (the result is clamped at 0 by `apply`). */
    bump(p: number, d: number): void;
    /** Records that pair p now occurs in word w (indexed when the step ends). */
    note(p: number, w: number): void;
    /** Applies what the simple merges of a step gathered in `d`: the merged pair (l, r) lost
     * `d.merged` occurrences; each neighbour's pairs with l, r and the new piece `id` changed. */
    applyNeighbours(d: StepDeltas, l: number, r: number, id: number, pi: number): void;
    /** Ends a step: clamps counts, indexes the new occurrences of qualifying pairs, pushes pairs that grew. */
    apply(heap: PairHeap): void;
    /** Lowers the threshold to `t` and indexes, in one scan of the words, every pair not fully
     * indexed whose count reaches it. */
    reindex(t: number, pacer: Pacer): Promise<void>;
    /** Calls fn(pair, word) for the occurrences in every word of the pairs `wanted` (and maybe a
     * few others): a 2 MB bit filter keeps the hash table out of the loop for all other pairs. */
    private scan;
    /** The words pair p occurs in; a pair not fully indexed first triggers a reindex. */
    forEachWord(p: number, fn: (w: number) => void, pacer: Pacer): Promise<void>;
}
/**
 * What the simple merges of one step change, gathered per neighbouring symbol: in a step that
 * merges (l, r) into `id`, the pairs that change are (x, l), (x, id), (r, y), (id, y) for the
 * symbols x before and y after each occurrence, so four small arrays indexed by x or y replace
 * millions of hash-table updates (key = slot × cap + neighbour; slots 0..3 in that order).
 */
export declare class StepDeltas {
    cap: number;
    private stamp;
    delta: Float64Array<ArrayBuffer>;
    pair: Int32Array<ArrayBuffer>;
    keys: number[];
    noteKeys: Int32Array<ArrayBuffer>;
    noteWords: Int32Array<ArrayBuffer>;
    notes: number;
    merged: number;
    private step;
    /** Starts step `step` with symbol ids below `symbols`. */
    begin(step: number, symbols: number): void;
    add(key: number, d: number): void;
    note(key: number, w: number): void;
}
