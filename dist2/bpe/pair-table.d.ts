/** Pair → dense index (0, 1, 2, … in insertion order), with an optional int32 value per index. */
export declare class PairTable {
    private readonly withValues;
    private slots;
    private mask;
    lefts: Int32Array;
    rights: Int32Array;
    values: Int32Array;
    size: number;
    constructor(capacity?: number, withValues?: boolean);
    /** Bytes held. */
    get bytes(): number;
    private static hash;
    /** Index of (l, r), or -1. */
    find(l: number, r: number): number;
    /** Index of (l, r), inserting it (value 0) if absent. */
    intern(l: number, r: number): number;
    /** Value stored for (l, r), or -1 if absent. */
    get(l: number, r: number): number;
    /** Sets the value of (l, r). */
    set(l: number, r: number, value: number): void;
    /** Grows the entry arrays by half (the slots grow on their own, by load). */
    private growEntries;
    private rehash;
}
