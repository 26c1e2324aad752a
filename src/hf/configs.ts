// tokenizer_config.json, special_tokens_map.json and embedding-init.json, from the model.
import type { Model } from '../vocab/model.js';
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
