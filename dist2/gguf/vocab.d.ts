import { type Piece } from '../vocab/model.js';
import type { GgufKv } from './writer.js';
/** llama.cpp's token types (llama_token_type; the values of SentencePiece's piece types). */
export declare const TokenType: {
    readonly NORMAL: 1;
    readonly UNKNOWN: 2;
    readonly CONTROL: 3;
    readonly USER_DEFINED: 4;
    readonly UNUSED: 5;
    readonly BYTE: 6;
};
/** The score the converter gives added tokens of tokenizer_config.json. */
export declare const ADDED_TOKEN_SCORE = -1000;
/** The score the converter gives the unused `[PAD{id}]` slots of a SentencePiece vocabulary. */
export declare const PAD_SLOT_SCORE = -10000;
/** An added token as tokenizer.json's `added_tokens` (or a config's `added_tokens_decoder`) lists it. */
export interface AddedToken {
    id: number;
    content: string;
    special?: boolean;
}
/** A vocabulary as llama.cpp reads it: what the `tokenizer.ggml.*` keys hold. */
export interface GgufVocab {
    /** tokenizer.ggml.model: "llama" (SentencePiece) or "gpt2" (byte-level BPE). */
    model: 'llama' | 'gpt2';
    /** tokenizer.ggml.pre: "default" for "llama", the base's pre-tokenizer name for "gpt2". */
    pre: string;
    /** Token texts by id. */
    tokens: string[];
    /** Scores by id ("llama" only). */
    scores?: number[];
    /** llama.cpp token types by id. */
    types: number[];
    /** Merges as "left right", by rank ("gpt2" only). */
    merges?: string[];
    /** Special token ids by kind (bos, eos, unk, sep, pad, cls, mask), as found. */
    special: Partial<Record<SpecialKind, number>>;
    /** add_bos / add_eos / add_sep when known. */
    add: Partial<Record<(typeof ADD_KINDS)[number], boolean>>;
    /** tokenizer.ggml.add_space_prefix when it differs from llama.cpp's default for the model. */
    addSpacePrefix?: boolean;
    /** tokenizer.chat_template, when the config has one. */
    chatTemplate?: string;
}
/** The special token kinds gguf-py's SpecialVocab reads from a config, in its order. */
export declare const SPECIAL_KINDS: readonly ["bos", "eos", "unk", "sep", "pad", "cls", "mask"];
export type SpecialKind = (typeof SPECIAL_KINDS)[number];
/** The kinds with an add_<kind>_token flag llama.cpp reads. */
export declare const ADD_KINDS: readonly ["bos", "eos", "sep"];
/** The parts of tokenizer_config.json and tokenizer.json the special ids come from. */
export interface SpecialSources {
    /** tokenizer_config.json as parsed. */
    config?: Record<string, unknown>;
    /** The added tokens (tokenizer.json's `added_tokens`). */
    added: readonly AddedToken[];
    /** tokenizer.json's `post_processor`. */
    postProcessor?: unknown;
}
/** True for added tokens the converter types CONTROL although not marked special
 * (`does_token_look_special`). */
export declare function looksSpecial(t: string): boolean;
/** Special ids and add flags as gguf-py's SpecialVocab finds them (tokenizer.json + config). */
export declare function specialTokens(src: SpecialSources): Pick<GgufVocab, 'special' | 'add'>;
/** The added tokens of a config's `added_tokens_decoder` ({"id": {content, special}}), by id. */
export declare function addedTokensOfConfig(config: Record<string, unknown> | undefined): AddedToken[];
/** Input of a SentencePiece vocabulary (tokenizer.model's pieces). */
export interface SentencePieceInput extends SpecialSources {
    /** The pieces by id, with the model's scores and types. */
    pieces: readonly Piece[];
    /** The model's normalizer adds a dummy prefix (add_dummy_prefix). */
    addSpacePrefix: boolean;
}
/** A SentencePiece tokenizer.model as `_set_vocab_sentencepiece` writes it: the pieces' scores and
 * types (USER_DEFINED pieces of the model are NORMAL there), then the config's added tokens
 * re-typed with score -1000. */
export declare function sentencePieceVocab(input: SentencePieceInput): GgufVocab;
/** Input of a tokenizer.json vocabulary: tokens by id (model vocab and added tokens) and merges. */
export interface TokenizerJsonInput extends SpecialSources {
    /** Token texts by id, added tokens included; ids contiguous. */
    tokens: readonly string[];
    /** The merges by rank. */
    merges: readonly (readonly [string, string])[];
}
/** A byte-level BPE tokenizer.json (Llama 3, Qwen3) as `_set_vocab_gpt2` writes it: model "gpt2",
 * the base's pre-tokenizer name `pre`, model tokens NORMAL, added tokens CONTROL or USER_DEFINED,
 * merges as "a b" (a space inside a part written as U+0120, as gguf-py does). */
export declare function byteLevelVocab(input: TokenizerJsonInput & {
    pre: string;
}): GgufVocab;
/** A SentencePiece-form tokenizer.json without a tokenizer.model (Gemma 3) as the converter writes
 * the model's tokenizer.model: "llama" with scores, no space prefix. A piece made by merge k scores
 * -k, any other piece below every merge; byte pieces BYTE, `<unk>` UNKNOWN. */
export declare function sentencePieceJsonVocab(input: TokenizerJsonInput & {
    addSpacePrefix: boolean;
}): GgufVocab;
/** What the `general.*` keys say: llama.cpp's architecture name and a display name. */
export interface GgufGeneral {
    /** general.architecture: an architecture llama.cpp knows ("llama", "qwen3", "gemma3", …). */
    architecture: string;
    /** general.name. */
    name: string;
}
/** The KVs of a vocab-only GGUF: general.architecture and general.name (all llama.cpp reads
 * before the vocabulary when loading with vocab_only), then the tokenizer.ggml.* keys. */
export declare function vocabKvs(general: GgufGeneral, v: GgufVocab): GgufKv[];
/** `vocab` grown to `size` tokens as llama.cpp's converter fills a checkpoint's `vocab_size` beyond
 * the tokenizer's ids: `[PAD{id}]`, UNUSED, scored PAD_SLOT_SCORE where the model has scores. */
export declare function padVocab(vocab: GgufVocab, size: number): GgufVocab;
