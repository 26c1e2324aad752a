/** Counted chunks, in memory or in partition files; iterate with `forEach`, free with `dispose`. */
export interface ChunkSet {
    distinct: number;
    occurrences: number;
    spilledBytes: number;
    tableBytes: number;
    /** Calls fn for every distinct chunk once, in an order that depends on the input, never on the result. */
    forEach(fn: (chunk: string, count: number) => void, signal?: AbortSignal): Promise<void>;
    /** Writes the in-memory table to disk and frees it (before training needs the memory). */
    release(): void;
    dispose(): void;
}
/** Options of a ChunkStore. */
export interface ChunkStoreOptions {
    limitBytes: number;
    tmpDir?: string;
    onNote?: (message: string) => void;
}
/** The counting side: add chunks, then `finish()` for a ChunkSet. */
export declare class ChunkStore {
    private readonly opts;
    private table;
    private spillDir?;
    spills: number;
    /** The error that stopped a spill (a full disk, no permission), whatever a caller wrapped it in. */
    failure?: unknown;
    /** Checks `opts.tmpDir` (if given) before any chunk is counted. */
    constructor(opts: ChunkStoreOptions);
    /** A fresh table, starting small when the limit is small. */
    private newTable;
    /** Adds `count` to chunk [start, end) of `s`. */
    add(s: string, start: number, end: number, count: number): void;
    /** Adds a whole string (count files). */
    addChunk(chunk: string, count: number): void;
    /** Bytes in memory now. */
    get bytes(): number;
    /** Appends the table's entries to the raw partitions and empties it. */
    private spill;
    /** Ends counting. After a spill, each partition is summed on its own into a compacted file. */
    finish(signal?: AbortSignal): Promise<ChunkSet>;
    /** Removes spill files of an unfinished count (an error, an interruption). */
    dispose(): void;
}
