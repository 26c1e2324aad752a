/** What an output is checked against. */
export interface OutputRules {
    inputs: readonly string[];
    force?: boolean;
    flag?: string;
    onNote?: (line: string) => void;
}
/** A store's file and the files SQLite keeps beside it: all inputs of a run that reads the store. */
export declare function storePaths(db: string): string[];
/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
export declare function realish(p: string): string;
/** True if `child` is `dir` or inside it (both real paths). */
export declare const within: (child: string, dir: string) => boolean;
/** Refuses an output that is one of `inputs`, lies inside an input directory (it would overwrite,
 * or add to, what the run reads) or holds an input (a directory output replaced by --force). */
export declare function checkNotAnInput(out: string, rules: OutputRules): void;
/** The value of the first key of every GGUF file tokext writes (its `tokext.format`). */
export declare const GGUF_MARK = "tokext.gguf/1";
/** The tag every HTML report of tokext carries in its head. */
export declare const GENERATOR_META = "<meta name=\"generator\" content=\"tokext\">";
/** True if `file` is a file tokext wrote (see MARKERS). */
export declare function isTokextFile(file: string): boolean;
/** A file output, checked before any work; `write`/`writeVia` check again and rename into place. */
export declare class OutputFile {
    readonly path: string;
    readonly rules: OutputRules;
    /** Temporaries of dead runs for this output, removed when it was claimed. */
    readonly removedStale: string[];
    constructor(path: string, rules: OutputRules);
    private check;
    /** Writes the whole file. */
    write(data: string | Uint8Array): void;
    /** Writes the file by letting `fill` write a temporary path (a streaming writer). */
    writeVia(fill: (tmp: string) => Promise<void>): Promise<void>;
}
/** Checks, before any work, that `file` may be written by this run: the one entry for file outputs. */
export declare function claimOutputFile(file: string, rules: OutputRules): OutputFile;
