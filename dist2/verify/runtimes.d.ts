import { Tokenizer as RustTokenizer } from 'tokenizers';
import { type Spm } from '../spm/runtime.js';
/** The part of @huggingface/tokenizers' Tokenizer tokext uses. (Its published types import
 * './core/Tokenizer' without an extension, which NodeNext resolution cannot follow, so they are
 * written out here.) */
export interface JsRuntime {
    encode(text: string, options: {
        add_special_tokens: boolean;
    }): {
        ids: number[];
    };
    decode(ids: number[]): string;
}
/** A loaded directory in all three runtimes. */
export interface Runtimes {
    rust: RustTokenizer;
    js: JsRuntime;
    spm: Spm;
}
/** Loads tokenizer.json (twice) and tokenizer.model from `dir`. */
export declare function loadRuntimes(dir: string): Promise<Runtimes>;
/** Loads tokenizer.json of `dir` with the Rust binding and the pure-JS library. */
export declare function loadJsonRuntimes(dir: string): Omit<Runtimes, 'spm'>;
/** Ids from the Rust binding, without special tokens, in batches. */
export declare function rustEncodeAll(rust: RustTokenizer, texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
