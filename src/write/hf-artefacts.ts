// The artefacts of an HF BPE extension: the base's tokenizer.json and tokenizer_config.json with
// only the vocabulary, the merges and the added tokens extended (everything else carried over
// as it was), special_tokens_map.json and embedding-init.json.
import { HF_ARTEFACTS } from '../io/manifest-format.js';
import path from 'node:path';
import type { AddedToken } from '../hf/tokenizer-json.js';
import { jsonText, sha256File, writeFileAtomic } from '../io/atomic.js';
import type { HfPlan } from '../plan/hf.js';
import { idsInUse } from '../plan/choose.js';
import { breathe, Pacer, type RunControl } from '../progress.js';
import { writeJsonPaced } from './json-file.js';
import { EMBEDDING_TENSORS, embeddingInitText, type InitRow } from './embedding-init.js';

/** Artefact file names of an HF extension (no tokenizer.model: there is no SentencePiece form). */

const addedToken = (id: number, content: string): AddedToken => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

/** The extended tokenizer.json as an object (the base's with vocab, merges, added tokens grown).
 * The base's added tokens join the model vocabulary under their own ids: HF tokenizers gives an
 * added token that is not in the vocabulary the id `vocabulary size + its index`, which new
 * tokens after it would otherwise shift (`<|im_end|>` would decode as a new token's id). */
export async function extendedTokenizerJson(plan: HfPlan, pacer?: Pacer): Promise<Record<string, unknown>> {
  const json = plan.base.hf.json;
  const vocab: Record<string, number> = {};
  const from = json.model.vocab;
  let k = 0;
  for (const t in from) {
    // the base's order, as a spread would copy it (no array of 262k entries first)
    vocab[t] = from[t]!;
    if (++k % 4096 === 0) await pacer?.pace();
  }
  for (const t of json.added_tokens)
    if (!(t.content in vocab) && plan.base.hf.vocab[t.id] === '') vocab[t.content] = t.id;
  for (const t of plan.tokens) vocab[t.text] = t.id;
  const fresh = plan.tokens.flatMap((t) => (t.merge ? [t.merge] : []));
  const merges = [
    ...json.model.merges,
    ...fresh.map((m) => (plan.base.hf.mergesAsPairs ? [m[0], m[1]] : `${m[0]} ${m[1]}`)),
  ];
  return {
    ...json,
    added_tokens: [...json.added_tokens, ...plan.padding.map((p) => addedToken(p.id, p.content))],
    model: { ...json.model, vocab, merges },
  };
}

/** tokenizer_config.json: the base's, with the padding tokens declared. */
export function extendedConfig(plan: HfPlan): Record<string, unknown> {
  const base = plan.base.config ?? { tokenizer_class: 'PreTrainedTokenizerFast' };
  const decoder = { ...((base.added_tokens_decoder as Record<string, unknown> | undefined) ?? {}) };
  for (const p of plan.padding)
    decoder[String(p.id)] = {
      content: p.content,
      lstrip: false,
      normalized: false,
      rstrip: false,
      single_word: false,
      special: true,
    };
  const additional = [
    ...((base.additional_special_tokens as string[] | undefined) ?? []),
    ...plan.padding.map((p) => p.content),
  ];
  return {
    ...base,
    added_tokens_decoder: decoder,
    ...(plan.padding.length > 0 || base.additional_special_tokens ? { additional_special_tokens: additional } : {}),
  };
}

/** special_tokens_map.json from the config's special tokens. */
export function specialTokensMapOf(config: Record<string, unknown>): Record<string, unknown> {
  const tok = (content: unknown) =>
    typeof content === 'string'
      ? { content, lstrip: false, normalized: false, rstrip: false, single_word: false }
      : content;
  const out: Record<string, unknown> = {};
  if (Array.isArray(config.additional_special_tokens))
    out.additional_special_tokens = config.additional_special_tokens.map(tok);
  for (const k of ['bos_token', 'eos_token', 'pad_token', 'unk_token'])
    if (config[k] !== undefined && config[k] !== null) out[k] = tok(config[k]);
  return out;
}

/** embedding-init.json rows: each new token's decomposition by the base (bytes concatenate to its bytes). */
function initRows(plan: HfPlan): InitRow[] {
  const rows: InitRow[] = plan.tokens.map((t) => ({ id: t.id, piece: t.text, init: 'mean', from: t.from }));
  for (const p of plan.padding) rows.push({ id: p.id, piece: p.content, init: 'zero', from: [] });
  return rows;
}

/** Writes every artefact but the manifest; returns their sha256 by file name. */
export async function writeHfArtefacts(
  dir: string,
  plan: HfPlan,
  run: RunControl = {},
): Promise<Record<string, string>> {
  await breathe(run.signal);
  const pacer = new Pacer(run.signal);
  const config = extendedConfig(plan);
  await writeJsonPaced(path.join(dir, 'tokenizer.json'), await extendedTokenizerJson(plan, pacer), pacer);
  await writeJsonPaced(path.join(dir, 'tokenizer_config.json'), config, pacer);
  writeFileAtomic(path.join(dir, 'special_tokens_map.json'), jsonText(specialTokensMapOf(config)));
  const size = plan.base.hf.size;
  const ids = idsInUse(plan.base.hf) + plan.tokens.length; // new tokens fill free ids first
  writeFileAtomic(
    path.join(dir, 'embedding-init.json'),
    embeddingInitText({
      format: 'tokext.embedding-init/1',
      base: { name: plan.base.name, vocab_size: size },
      vocab_size: ids,
      padded_vocab_size: ids + plan.padding.length,
      tie_word_embeddings: null,
      tensors: EMBEDDING_TENSORS,
      rule: "mean of the base rows of `from` (the base tokenizer's decomposition of the token's bytes); zero for padding",
      rows: initRows(plan),
    }),
  );
  const sums: Record<string, string> = {};
  for (const name of HF_ARTEFACTS) {
    await breathe(run.signal);
    sums[name] = sha256File(path.join(dir, name));
  }
  return sums;
}
