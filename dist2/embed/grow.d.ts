import { type FreeMode } from '../io/id-map-format.js';
import { type OnProgress } from '../progress.js';
import { type InitRule } from './fill-rows.js';
import { type RowCounts } from './row-plan.js';
export { INIT_RULES, type InitRule } from './fill-rows.js';
/** Options of init-embeddings. */
export interface InitEmbeddingsOptions {
    model: string;
    init: string;
    out: string;
    padTo?: number;
    rule?: InitRule;
    embedName?: string;
    headName?: string;
    seed?: number;
    noiseScale?: number;
    force?: boolean;
    tokenizerDir?: string;
    onProgress?: OnProgress;
    signal?: AbortSignal;
}
/** The defaults of init-embeddings (the CLI shows these). */
export declare const INIT_DEFAULTS: {
    rule: InitRule;
    embedName: string;
    headName: string;
    seed: number;
    /** The hewitt draw's covariance is noiseScale · diag Σ of the base rows. 1: a draw as spread as the base rows
     * (a new token starts as likely as a random one); 1e-5: Hewitt's (2021) own code, near the mean (his analysis:
     * the mean keeps the model's predictions, the noise only tells new rows apart); 1e-9: transformers'
     * mean_resizing; 0: the base mean alone. Default 1e-5, the rule's author's choice. */
    noiseScale: number;
};
/** What init-embeddings wrote. */
export interface InitEmbeddingsResult {
    out: string;
    files: string[];
    padTo: number;
    resized: string[];
    checkpointRows: number;
    leftBehind: {
        name: string;
        why: string;
    }[];
    paddingRows: Record<string, 'mean' | 'zero'>;
    idMap?: IdMapFollowed;
}
/** The id map a run followed: its file, mode and the output rows by source (removed: base rows dropped). */
export interface IdMapFollowed {
    file: string;
    mode: FreeMode;
    rows: RowCounts;
}
/**
 * Runs init-embeddings; writes nothing unless everything succeeds. The options are checked first (a
 * UsageError naming the field); an abort of `signal` stops it within a fraction of a second with an
 * InterruptedError, the staged output removed.
 */
export declare function initEmbeddings(opts: InitEmbeddingsOptions): Promise<InitEmbeddingsResult>;
