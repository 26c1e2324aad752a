// tokenizer_config.json, special_tokens_map.json and embedding-init.json, from the model.
import { BpeEncoder } from '../bpe/encoder.js';
import type { Model, PieceKind } from '../vocab/model.js';
import { addedTokens, specialTokens } from './tokenizer-json.js';

const tokenObj = (content: string) => ({ content, lstrip: false, normalized: false, rstrip: false, single_word: false });

/** tokenizer_config.json in the Llama/Mistral (legacy) convention, extra tokens declared. */
export function tokenizerConfig(model: Model): object {
  const s = specialTokens(model);
  const decoder: Record<string, object> = {};
  for (const t of addedTokens(model)) {
    decoder[String(t.id)] = { content: t.content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true };
  }
  return {
    add_bos_token: true,
    add_eos_token: false,
    added_tokens_decoder: decoder,
    additional_special_tokens: model.paddingIds.map((id) => model.pieces[id]!.piece),
    bos_token: s.bos,
    clean_up_tokenization_spaces: false,
    eos_token: s.eos,
    legacy: true,
    model_max_length: 1e30,
    pad_token: null,
    sp_model_kwargs: {},
    spaces_between_special_tokens: false,
    tokenizer_class: 'LlamaTokenizer',
    unk_token: s.unk,
    use_default_system_prompt: false,
  };
}

/** special_tokens_map.json. */
export function specialTokensMap(model: Model): object {
  const s = specialTokens(model);
  return {
    additional_special_tokens: model.paddingIds.map((id) => tokenObj(model.pieces[id]!.piece)),
    bos_token: tokenObj(s.bos),
    eos_token: tokenObj(s.eos),
    unk_token: tokenObj(s.unk),
  };
}

/** One row of embedding-init.json. */
export interface InitRow {
  id: number;
  piece: string;
  init: 'mean' | 'zero';
  from: number[];
}

/** Embedding-initialisation metadata: which rows are new and how to fill them. */
export function embeddingInit(base: { name: string; model: Model }, model: Model, kinds: readonly PieceKind[]): object {
  const enc = new BpeEncoder(base.model.pieces);
  const baseSize = base.model.pieces.length;
  const rows: InitRow[] = [];
  for (let id = baseSize; id < model.pieces.length; id++) {
    const piece = model.pieces[id]!.piece;
    if (kinds[id] === 'padding') rows.push({ id, piece, init: 'zero', from: [] });
    else rows.push({ id, piece, init: 'mean', from: enc.encodeNormalized(piece) }); // the base's own merges, no BOS, no dummy prefix
  }
  return {
    format: 'tokext.embedding-init/1',
    base: { name: base.name, vocab_size: baseSize },
    vocab_size: model.pieces.length - model.paddingIds.length,
    padded_vocab_size: model.pieces.length,
    tie_word_embeddings: false,
    tensors: ['model.embed_tokens.weight', 'lm_head.weight'],
    rule: 'mean of the base rows of `from` (the base tokenizer\'s decomposition, no BOS); zero for padding',
    rows,
  };
}
