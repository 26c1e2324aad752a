import { PairTable } from './pair-table.js';
/** Pair → merged symbol with a priority, and the merge loop over them. */
export declare class PairMerger {
    readonly pairs: PairTable;
    protected prio: Float64Array<ArrayBuffer>;
    /** Makes (l, r) merge into `result` with priority `priority` (a later call for the same pair wins). */
    protected setPair(l: number, r: number, result: number, priority: number): void;
    /** Runs the merge loop over symbols (short inputs in place) and returns the final symbols. */
    merge(symbols: number[]): number[];
    private mergeSmall;
}
