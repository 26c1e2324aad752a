import { type Model } from '../vocab/model.js';
import { type AddedToken, type GgufVocab } from './vocab.js';
/** What the GGUF vocabulary is made from. */
export interface TokenizerData {
    /** 'sentencepiece' when the tokenizer is a tokenizer.model (its pieces in `model`). */
    format: 'sentencepiece' | 'hf';
    /** HF tokens are GPT-2 byte-level strings. */
    byteLevel: boolean;
    /** Pieces by id (HF: model tokens NORMAL, special added tokens CONTROL, other added USER_DEFINED). */
    model: Pick<Model, 'pieces' | 'normalizerSpec'>;
    /** HF merges by rank. */
    merges?: readonly (readonly [string, string])[];
    /** tokenizer.json as parsed, when there is one. */
    tokenizerJson?: {
        added_tokens?: AddedToken[];
        post_processor?: unknown;
        normalizer?: unknown;
        pre_tokenizer?: unknown;
    };
    /** tokenizer_config.json as parsed, when there is one. */
    config?: Record<string, unknown>;
}
/** A step of a tokenizer.json pipeline, or a Sequence of them (as far as the prefix goes). */
export type Step = {
    type?: string;
    prepend?: string;
    prepend_scheme?: string;
    add_prefix_space?: boolean;
} | null | undefined;
/** The steps of a tokenizer.json normalizer or pre-tokenizer, a Sequence flattened. */
export declare function steps(s: unknown): Step[];
/** True if a SentencePiece-form tokenizer.json puts ▁ before the text (a Prepend normaliser, or a
 * Metaspace pre-tokenizer that prepends): llama.cpp's add_space_prefix. Gemma 3: no. */
export declare function addsSpacePrefix(json: TokenizerData['tokenizerJson']): boolean;
/** The vocabulary llama.cpp's converter would write for `t`; `pre` names a byte-level base's
 * pre-tokenizer (tokenizer.ggml.pre: "llama-bpe", "qwen2", …). */
export declare function ggufVocabOf(t: TokenizerData, pre?: string): GgufVocab;
