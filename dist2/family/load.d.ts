import { InputError } from '../errors.js';
import { BASE_NAMES } from '../base/bundled.js';
import { type Model, type PieceKind } from '../vocab/model.js';
import type { Base } from './family.js';
export { BASE_NAMES };
/** A BPE tokenizer.json as a base of its family: SentencePiece BPE when it is one in HF form,
 * else HF BPE. `config` is its tokenizer_config.json. */
export declare function extendable(json: unknown, file: string, name: string, source: string, config?: Record<string, unknown>): Base;
/** A tokenizer read from disk. */
export interface LoadedTokenizer {
    /** Display name: the directory's name for tokenizer.model / tokenizer.json, else the file's without extension. */
    name: string;
    /** The absolute path given (file or directory). */
    source: string;
    /** The file a runtime loads: tokenizer.model when there is one, else tokenizer.json. */
    engineFile: string;
    modelType: string;
    /** The model; paddingIds are the CONTROL pieces named as padding (with the manifest's prefix). */
    model: Model;
    merges?: [string, string][];
    kinds: (PieceKind | 'imported')[];
    format: 'sentencepiece' | 'hf';
    /** Tokens are byte-level strings (GPT-2's byte alphabet). */
    byteLevel: boolean;
    /** The tokenizer as a base to extend, when it is a BPE model tokext can extend; else why not. */
    base?: Base;
    notBase?: InputError;
    manifestText?: string;
    baseName?: string;
    baseSize?: number;
    spec?: object;
    files?: Record<string, Buffer>;
}
/** Reads a .model, a tokenizer.json, or a directory holding either. Every file of a directory is
 * read, so a corrupt one is never passed over; tokenizer.model is the view returned when present. */
export declare function loadTokenizer(file: string): LoadedTokenizer;
/** Loads `--base`: a name (mistral-7b-v0.1, llama-3, qwen3, gemma-3), a .model, a tokenizer.json,
 * or a directory holding one. Only BPE tokenizers can be extended. */
export declare function loadBase(ref: string): Base;
/** The base a model trained from scratch grows from (and verify checks it against): its specials
 * and byte pieces, as a SentencePiece BPE base. */
export declare function standaloneFamily(vocabSize: number, splitByScript: boolean): Base;
