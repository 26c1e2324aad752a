import type { Base } from '../family/family.js';
import { type VersionRecord } from './versions.js';
/** What a reference names. Files are not read yet: a command may need only their directory. */
export type Resolved = {
    kind: 'files';
    path: string;
} | {
    kind: 'bundled';
    name: string;
    base: Base;
} | {
    kind: 'stored';
    version: VersionRecord;
};
/** True if `ref` is written like a path (not a store label): it names a file, so a missing one is "not found". */
export declare function looksLikePath(ref: string): boolean;
/** True if the store at `dbFile` exists and holds a version labelled `ref` (which then shadows a bundled base's name). */
export declare function storeHasLabel(dbFile: string, ref: string): boolean;
/** True if `ref` names a bundled base (mistral-7b-v0.1, llama-3, qwen3, gemma-3) not shadowed by a stored version. */
export declare function isBundledBase(ref: string, dbFile: string): boolean;
/** Resolves `ref`: an existing path, else a bundled base, else a version in the store at `dbFile`.
 * `noun` names what a path should be in the "not found" message. */
export declare function resolveTokenizer(ref: string, dbFile: string, noun?: string): Resolved;
/** The paths a command that reads `refs` must never write: each existing path (for a file, the
 * tokenizer files and manifest beside it, which loaders read too) and the store with its side files. */
export declare function referenceInputs(refs: readonly string[], dbFile: string): string[];
