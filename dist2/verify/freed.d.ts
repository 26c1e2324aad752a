import type { IdMap } from '../io/id-map-format.js';
import type { TokenizerRuntime } from '../vocab/runtime.js';
import { type ReportBuilder, type VerifyOptions } from './report.js';
/** What verify knows of a directory that freed base ids: its map and the original base. */
export interface FreedContext {
    map: IdMap;
    /** The original base's pieces by old id, and the base in a runtime. */
    original: {
        pieces: readonly string[];
        runtime(): Promise<TokenizerRuntime>;
    };
}
/** Lines read from each keep-corpus file for the loss bound (0 in VerifyOptions.sample: all). */
export declare const KEEP_SAMPLE = 20000;
/** The map fits the original base and the directory: every kept old id holds its piece at its new id,
 * every removed piece is gone from the vocabulary, the sizes are the directory's. */
export declare function checkIdMap(f: FreedContext, pieces: readonly string[], r: ReportBuilder): void;
/** A directory that freed ids: one embedding-init row per id that is not a kept base row, in id
 * order, each decomposition naming kept rows of the original base (old ids) whose bytes (`bytesOf`
 * an original piece's text) rebuild its piece's (`bytesOf` the directory's `pieces[id]`). */
export declare function checkFreedInit(dir: string, f: FreedContext, pieces: readonly string[], paddingIds: readonly number[], bytesOf: (text: string) => Buffer, r: ReportBuilder): void;
/** One keep corpus's cost: tokens with the base and with the directory, lines changed, the worst lines. */
export interface KeepLoss {
    corpus: string;
    lines: number;
    chars: number;
    baseTokens: number;
    tokens: number;
    changed: number;
    worst: {
        text: string;
        base: number;
        ours: number;
    }[];
}
/** The loss as a share (0.004 = 0.4% more tokens than with the base). */
export declare const lossShare: (k: KeepLoss) => number;
/**
 * On each keep corpus: tokens against the original base, the share of lines whose encoding changed,
 * the worst lines; fails when a corpus takes more than `maxKeepLoss` more tokens. Texts are
 * compared by their pieces, not ids (a kept piece may have a new id).
 */
export declare function checkKeepLoss(f: FreedContext, ours: TokenizerRuntime, pieces: readonly string[], // the directory's pieces by id
keepCorpora: readonly string[], maxKeepLoss: number | undefined, opts: VerifyOptions, r: ReportBuilder): Promise<KeepLoss[]>;
