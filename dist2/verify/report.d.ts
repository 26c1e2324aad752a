import { type Policy } from '../spec.js';
import { type Efficiency, type ManifestView } from '../io/manifest-format.js';
import type { RunControl } from '../progress.js';
/** One invariant's outcome. */
export interface Check {
    name: string;
    ok: boolean;
    detail: string;
    examples?: string[];
}
/** The verify report: ok only if every check passed. */
export interface VerifyReport {
    ok: boolean;
    checks: Check[];
    notes: string[];
    text: string;
    /** Chars per token (no BOS) on the corpus sample, when corpora were given. */
    efficiency?: Efficiency;
}
/** Options of verify. */
export interface VerifyOptions extends RunControl {
    corpora?: string[];
    sample?: number;
    texts?: string[];
    beforeManifest?: boolean;
    policy?: Policy;
    textField?: string;
    llamaCpp?: boolean;
    keepCorpora?: string[];
    maxKeepLoss?: number;
}
/** Lines verify samples from each corpus file by default. */
export declare const VERIFY_SAMPLE = 2000;
/** Equal id sequences. */
export declare const same: (a: readonly number[], b: readonly number[]) => boolean;
/** What to do about a broken directory. */
export declare const REBUILD = "rebuild or re-export the directory";
/** A JSON file of a directory under check, as the shape `T` its caller checks field by field. */
export declare const readJson: <T>(file: string) => Partial<T> | undefined;
/** Collects checks and notes into a report. */
export declare class ReportBuilder {
    readonly checks: Check[];
    readonly notes: string[];
    /** Records a check: ok when `bad` is empty (its first examples are kept). */
    add(name: string, bad: string[], okDetail: string, badDetail: string): void;
    /** The extension never gives a text more tokens than the base (each merge it adds only joins
     * tokens the base's encoding leaves); also reports the share of texts it shortens. */
    addNeverLonger(texts: readonly string[], ours: readonly number[], base: readonly number[]): void;
    note(n: string): void;
    finish(efficiency?: VerifyReport['efficiency']): VerifyReport;
}
/** The first `sample` records of every corpus file (all with 0), each cut to MAX_TEXT_CHARS. */
export declare function sampleCorpora(paths: string[], sample: number, textField: string, signal?: AbortSignal): Promise<{
    texts: string[];
    cut: number;
    skipped: number;
    skippedFiles?: string;
}>;
/** The texts verify encodes: probes, extra texts and corpus samples, without special-token literals. */
export declare function textsToCheck(opts: VerifyOptions, specials: readonly string[], r: ReportBuilder): Promise<{
    texts: string[];
    fromCorpus: boolean[];
    sampled: number;
}>;
/** Chars per token of the corpus texts. */
export declare function efficiencyOf(texts: readonly string[], fromCorpus: readonly boolean[], ids: readonly number[][]): VerifyReport['efficiency'];
/** The manifest of `dir`, if it has one. */
export declare function manifestOf(dir: string): ManifestView | undefined;
/** Files match the sha256 recorded in the manifest (or a note says they were not checked). */
export declare function checkArtefactHashes(dir: string, manifest: {
    artefacts?: Record<string, string>;
} | undefined, r: ReportBuilder, beforeManifest?: boolean): void;
