/** Number of hash partitions a spill is split into. */
export declare const PARTITIONS = 128;
/** The start of the names of the spill directories of process `pid` on this host: the pid, a hash
 * of the host name (8 hex digits), then mkdtemp's 6 random characters. */
export declare const spillPrefix: (pid: number) => string;
/** Appends records (u32 length, UTF-16 code units, f64 count) to a file through a buffer. */
export declare class RecordWriter {
    private readonly fd;
    private readonly onWrite;
    private buf;
    private at;
    written: number;
    constructor(fd: number, onWrite: (n: number) => void);
    add(units: Uint16Array, count: number): void;
    flush(): void;
}
/** Streams the records of a file to fn (key as string, count). */
export declare function readRecords(file: string, fn: (chunk: string, count: number) => void): void;
/**
 * Checks, before any work, that `dir` can take spill files: it exists, is a directory, and a
 * file can be created (and is removed) in it. Throws OutputError naming `dir`.
 */
export declare function checkTmpDir(dir: string): void;
/** Removes the spill directories in `dir` of this host's processes that no longer run; returns
 * their paths (one this user may not remove, another user's in a shared /tmp, is left alone). */
export declare function removeStaleSpills(dir: string): string[];
/** A spill directory of PARTITIONS files, written through buffers, removed by `dispose`. */
export declare class SpillDir {
    readonly dir: string;
    written: number;
    private readonly limit;
    /** Creates the directory in `tmpDir` (default: the OS's), first removing dead runs' spill
     * directories there and telling `onNote` about each. */
    constructor(tmpDir: string | undefined, onNote?: (message: string) => void);
    file(kind: 'raw' | 'part', p: number): string;
    /** Opens one writer per partition (appending); `done` flushes and closes them all. */
    writers(kind: 'raw' | 'part'): {
        add: (p: number, units: Uint16Array, count: number) => void;
        done: () => void;
    };
    /** Counts bytes written (and fails past the test hook's limit). */
    charge(n: number): void;
    /** Runs fn, turning a write failure into an OutputError and removing the directory. */
    guard<T>(fn: () => T): T;
    dispose(): void;
}
/** The partition of a chunk hash. */
export declare const partitionOf: (hash: number) => number;
