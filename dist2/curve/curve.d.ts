import { type RunControl } from '../progress.js';
/** One point of the curve. */
export interface CurvePoint {
    corpus: string;
    size: number;
    added: number;
    chars_per_token: number;
    added_parameters: number;
}
/** The curve with what a reader needs around it. */
export interface CurveResult {
    tokenizer: string;
    baseSize: number;
    target: number;
    hiddenSize: number;
    tied: boolean;
    points: CurvePoint[];
    knees: {
        corpus: string;
        size: number;
        added: number;
    }[];
}
/** The knee of a curve: the smallest size reaching this share of the target's gain over the base. */
export declare const KNEE_SHARE = 0.95;
interface TokenizerJson {
    model: {
        vocab: Record<string, number>;
        merges: (string | [string, string])[];
    };
    added_tokens: {
        id: number;
    }[];
}
/** The tokenizer.json of the first `size` ids of `json`: later tokens, the merges that make or use
 * them and the added tokens past them (padding) removed; everything else as it is. */
export declare function prefixTokenizerJson(json: TokenizerJson, size: number): TokenizerJson;
/** The sizes measured: the base, `points` log-spaced added counts from 1/256 of the new ids to all of them, and `extra`. */
export declare function curveSizes(baseSize: number, target: number, points: number, extra: readonly number[]): number[];
/** Defaults of the curve: log-spaced sizes between base and build, and Mistral-7B's width. */
export declare const CURVE_DEFAULTS: {
    readonly points: 16;
    readonly hiddenSize: 4096;
};
/** Measures chars/token of every corpus at every size. */
export declare function curve(opts: {
    tokenizer: string;
    corpora: string[];
    db: string;
    points?: number;
    sizes?: number[];
    hiddenSize?: number;
    tied?: boolean;
    textField?: string;
} & RunControl): Promise<CurveResult>;
export {};
