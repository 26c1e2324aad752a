import { type ScriptClass } from '../corpus/unicode.js';
import { type Piece } from '../vocab/model.js';
/** Per script: characters of the text, tokens (a token counts for each script in proportion to its bytes), chars/token. */
export type ScriptFigures = Record<ScriptClass, {
    chars: number;
    tokens: number;
    chars_per_token: number;
}>;
/** One row of the eval result. */
export interface EvalRow {
    tokenizer: string;
    corpus: string;
    lines: number;
    chars: number;
    bytes: number;
    tokens: number;
    chars_per_token: number;
    chars_per_token_with_bos: number;
    bytes_per_token: number;
    tokens_per_line: number;
    byte_fallback_rate: number;
    unknown_rate: number;
    roundtrip_exact: number;
    vocab_used: number;
    vocab_utilisation: number;
    new_pieces: number | null;
    dead_new_pieces: number | null;
    new_token_rate: number | null;
    by_script: ScriptFigures | null;
    renyi_efficiency: number;
}
/** The order of the Rényi efficiency (Zouhar et al. 2023, tokenization-scorer's default). */
export declare const RENYI_ALPHA = 2.5;
/** Rényi efficiency of token counts: H_α(p) / log(n) over the n distinct tokens used (0 for n < 2). */
export declare function renyiEfficiency(counts: ArrayLike<number>, alpha?: number): number;
/** Accumulates counts over batches, then yields a row. */
export declare class MetricsAccumulator {
    readonly pieces: readonly Piece[];
    private readonly tokenBytes?;
    lines: number;
    chars: number;
    bytes: number;
    tokens: number;
    byteTokens: number;
    unkTokens: number;
    exact: number;
    readonly used: Float64Array;
    private readonly scriptChars;
    private readonly scriptTokens;
    private readonly bytesOf;
    /** @param tokenBytes the bytes a token contributes to the decoded text (enables the per-script figures) */
    constructor(pieces: readonly Piece[], tokenBytes?: ((id: number) => Uint8Array) | undefined);
    /** Splits the tokens' bytes into characters: each token counts for the scripts of its bytes, in proportion. */
    private addScripts;
    add(text: string, ids: readonly number[], decoded: string): void;
    row(tokenizer: string, corpus: string, newIds: readonly number[] | null): EvalRow;
}
