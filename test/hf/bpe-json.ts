// A tokenizer.json with a BPE model for the hf/ unit tests: the parts a test names, every other
// field as HF tokenizers writes it when empty.

/** A BPE tokenizer.json (no byte fallback, no unknown token) with the given pipeline and vocabulary. */
export function bpeJson(o: {
  pre: unknown;
  normalizer?: unknown;
  added?: unknown[];
  vocab?: Record<string, number>;
  merges?: string[];
}) {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: o.added ?? [],
    normalizer: o.normalizer ?? null,
    pre_tokenizer: o.pre,
    post_processor: null,
    decoder: null,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: o.vocab ?? {},
      merges: o.merges ?? [],
    },
  };
}
