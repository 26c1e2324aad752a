import type { HfBpe } from '../hf/model.js';
import { type RunControl } from '../progress.js';
import { type DirGguf } from './gguf-of-dir.js';
import { type LlamaVocab } from './llamacpp-runtime.js';
import { type ReportBuilder, type VerifyOptions } from './report.js';
/** The name of the check in verify's report. */
export declare const LLAMA_CPP_CHECK = "llama-cpp";
/** A known reason for llama.cpp's ids to differ from tokenizers': the text is not stable under the
 * tokenizer's Unicode normaliser, or it holds a control token's text. */
export type KnownDifference = 'normaliser' | 'special-literal';
/** What tells a known difference: the Unicode form the tokenizer.json normalises to, the control tokens' texts. */
export interface KnownRules {
    form?: 'NFC' | 'NFD' | 'NFKC' | 'NFKD';
    specials: string[];
}
/** llama.cpp's ids against tokenizers' on some texts. */
export interface LlamaCppComparison {
    compared: number;
    /** Texts that differ by a known difference, by kind. */
    known: Record<KnownDifference, number>;
    /** Texts that differ otherwise, each described. */
    other: string[];
}
/** The known-difference rules of a directory's GGUF: its tokenizer.json's normaliser, its control tokens. */
export declare function knownRulesOf(g: DirGguf): KnownRules;
/** Why `text` may encode otherwise in llama.cpp, if it may. */
export declare function knownDifference(text: string, rules: KnownRules): KnownDifference | undefined;
/** Encodes `texts` with llama.cpp (no special-token parsing) and compares with tokenizers' `ids`. */
export declare function compareWithLlamaCpp(vocab: LlamaVocab, texts: readonly string[], ids: readonly (readonly number[])[], rules: KnownRules, run?: RunControl): Promise<LlamaCppComparison>;
/** The llama.cpp check of `dir` (its HF tokenizer.json as already `read`, if it has one) on verify's
 * `texts` and their Rust `ids` (none with `llamaCpp: false`); a note instead when node-llama-cpp is
 * not installed or the base's llama.cpp names are not known. */
export declare function checkLlamaCpp(dir: string, e: {
    texts: readonly string[];
    ids: readonly (readonly number[])[];
}, r: ReportBuilder, run?: RunControl & Pick<VerifyOptions, 'llamaCpp'>, read?: HfBpe): Promise<void>;
