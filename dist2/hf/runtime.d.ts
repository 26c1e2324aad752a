import type { Tokenizer as RustTokenizer } from 'tokenizers';
import type { TokenizerRuntime } from '../vocab/runtime.js';
/** A loaded Rust tokenizer as a batch runtime. */
export declare function rustRuntime(tok: RustTokenizer): TokenizerRuntime;
