/** The table's hash of code units [start, end) of `s`: stable across runs, orders, machines. */
export declare function hashUnits(s: string, start: number, end: number): number;
/** Chunk → weighted count, with exact memory accounting (`bytes`); never grows past `limit` bytes. */
export declare class ChunkTable {
    readonly limit: number;
    private slots;
    private mask;
    private arena;
    private arenaLen;
    hashes: Uint32Array;
    private offs;
    lens: Int32Array;
    counts: Float64Array;
    size: number;
    /** @param limit bytes the table may grow to: `add` returns false instead of growing past it. */
    constructor(capacity?: number, limit?: number);
    /** Bytes held by the table's arrays. */
    get bytes(): number;
    private equals;
    /** Adds `count` to the chunk made of code units [start, end) of `s`; false (nothing added) if
     * a new entry would grow the table past its limit. */
    add(s: string, start: number, end: number, count: number, hash?: number): boolean;
    /** The chunk of entry `e` as a string. */
    key(e: number): string;
    /** Calls fn for every entry, in insertion order. */
    forEach(fn: (chunk: string, count: number, hash: number) => void): void;
    /** The raw code units of entry `e` (a view into the arena; valid until the next add). */
    units(e: number): Uint16Array;
    /** Bytes of the per-entry arrays (what growing them adds). */
    private entryBytes;
    private growArena;
    private growEntries;
}
