import { type StagedDir } from '../io/staged-dir.js';
/** How an output is finished: a check with the manifest in place, and the commit (default: the
 * plain rename; a build that records a version commits inside the store's transaction). */
export interface FinishOptions {
    check?: () => Promise<void>;
    commit?: (manifestText: string) => void;
}
/** Writes `manifest` (an object, or its text as recorded) and its README into `staged`, runs the
 * check, commits; returns the manifest's text. The caller aborts `staged` if this throws. */
export declare function finishOutput(staged: StagedDir, manifest: object | string, o?: FinishOptions): Promise<string>;
/** The names finishOutput writes. */
export declare const FINISH_FILES: string[];
