import type { Model, PieceKind } from '../vocab/model.js';
import type { InputFile } from '../corpus/read.js';
import { type Store } from './db.js';
/** Everything a version holds. */
export interface VersionRecord {
    label: string;
    origin: 'build' | 'import';
    source: string;
    modelType: string;
    baseName?: string;
    baseSize?: number;
    model: Model;
    kinds: (PieceKind | 'imported')[];
    counts?: (number | null)[];
    merges?: [string, string][];
    spec?: object;
    inputs?: InputFile[];
    manifestText?: string;
    artefacts?: Record<string, string>;
    efficiency?: object;
    format?: 'sentencepiece' | 'hf';
    files?: Record<string, Buffer>;
}
/** A version as listed. */
export interface VersionRow {
    id: number;
    label: string;
    origin: string;
    source: string;
    created_at: string;
    model_type: string;
    base_name: string | null;
    vocab_size: number;
    padded_size: number;
}
/** True if a version is labelled `label`. */
export declare function hasLabel(db: Store, file: string, label: string): boolean;
/** Refuses a label that is already taken. */
export declare function checkLabelFree(db: Store, file: string, label: string): void;
/**
 * Inserts a version in one transaction; returns its id and label. A crash mid-way leaves the
 * store as it was. Without a label, the next free `build-N` is taken inside the transaction.
 * `inTransaction` runs last, inside it: if it throws, nothing is recorded.
 */
export declare function recordVersion(db: Store, file: string, v: Omit<VersionRecord, 'label'> & {
    label?: string;
}, inTransaction?: () => void): {
    id: number;
    label: string;
};
/** All versions, oldest first. */
export declare function listVersions(db: Store, file: string): VersionRow[];
/** The next free default label for a build. */
export declare function nextLabel(db: Store, file: string, prefix: string): string;
/** Reads a version by id or label. */
export declare function loadVersion(db: Store, file: string, ref: string): VersionRecord & {
    id: number;
};
