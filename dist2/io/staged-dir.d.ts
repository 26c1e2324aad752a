/** The file that marks a directory as tokext's own output. */
export declare const MANIFEST_NAME = "manifest.json";
/** Every manifest's `format` starts with this. */
export declare const MANIFEST_FAMILY = "tokext.manifest/";
/** True if `dir` holds a manifest.json that tokext wrote. */
export declare function isTokextOutput(dir: string): boolean;
/**
 * Refuses to replace `out` unless it is a directory tokext wrote (its manifest says so) that
 * contains none of `inputs` (corpora, store, base, model) and not the working directory.
 */
export declare function checkReplaceable(out: string, inputs: readonly string[]): void;
/** Options of a staged output directory. */
export interface StagedDirOptions {
    force: boolean;
    inputs?: readonly string[];
}
/**
 * A staging directory beside `outDir`. `commit()` renames it into place: without force it
 * refuses an `outDir` that exists or appeared meanwhile; with force it replaces only what
 * `checkReplaceable` allows. `swapIn()` / `finish()` / `rollback()` split the commit for callers
 * that must make another change (a store record) in the same outcome. `abort()` removes it.
 */
export declare class StagedDir {
    readonly outDir: string;
    readonly opts: StagedDirOptions;
    readonly dir: string;
    /** Temporaries of dead runs for the same output, removed on the way in. */
    readonly removedStale: string[];
    private old?;
    private swapped;
    constructor(outDir: string, opts: StagedDirOptions);
    /** Path of a file inside the staging directory. */
    file(name: string): string;
    /** Moves the staged directory into place (keeping any replaced one aside until `finish`). */
    swapIn(): void;
    /** Removes the replaced directory, if any: the commit is final. */
    finish(): void;
    /** Undoes `swapIn`: the new output goes, a replaced one comes back. */
    rollback(): void;
    /** Renames the staged directory into place for good. */
    commit(): void;
    /** Removes the staging directory (after a failure or an interruption). */
    abort(): void;
}
