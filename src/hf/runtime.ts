// HF tokenizers (the Rust binding) as a runtime.
import type { Tokenizer as RustTokenizer } from 'tokenizers';
import type { TokenizerRuntime } from '../vocab/runtime.js';

/** A loaded Rust tokenizer as a batch runtime. */
export function rustRuntime(tok: RustTokenizer): TokenizerRuntime {
  return {
    engine: 'tokenizers',
    encodeBatch: async (texts) => (await tok.encodeBatch(texts, { addSpecialTokens: false })).map((e) => e.getIds()),
    decodeBatch: (ids) => tok.decodeBatch(ids, false),
  };
}
