/** Where the cut falls: chunks in classes below `cls`, and in class `cls` with bucket below `bucket`, are left out. */
export interface Cut {
    cls: number;
    bucket: number;
}
/** What a reduction left out (all zero when nothing was). */
export interface Reduction {
    budget_bytes: number;
    needed_bytes: number;
    kept_chunks: number;
    dropped_chunks: number;
    dropped_occurrences: number;
    dropped_char_share: number;
    rule: string;
}
/** Histogram of chunk counts × hash buckets: chunks, characters, occurrences and estimated bytes. */
export declare class ReductionHistogram {
    private readonly chunks;
    private readonly chars;
    private readonly occurrences;
    private readonly bytes;
    private readonly units;
    /** Records a chunk of `units` code units, weighted `count`, whose words need about `bytes`. */
    add(count: number, hash: number, units: number, bytes: number): void;
    /** The smallest cut after which the kept chunks need at most `budget` bytes (null: everything fits). */
    plan(budget: number): {
        cut: Cut | null;
        reduction: Reduction;
        keptUnits: number;
    };
}
/** True if a chunk of this count and hash is kept under `cut`. */
export declare function kept(cut: Cut | null, count: number, hash: number): boolean;
