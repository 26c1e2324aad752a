// An HF BPE base with some of its tokens freed: the tokens and the merges that make them are
// gone; their ids stay empty for new tokens to take (--replace), or every id above them moves down
// (--trim-to), in the vocabulary, the added tokens, the post-processor and tokenizer_config.json.
import { InvariantError } from '../errors.js';
import type { HfBpe, TokenizerJson } from '../hf/model.js';
import { oldToNewIds } from './free-ids.js';
import type { HfBase } from './types.js';

/** The post-processor with its special tokens' ids renumbered (TemplateProcessing's `ids`,
 * Bert/Roberta processing's `[token, id]` pairs), at any depth (Sequence). */
function renumberProcessor(v: unknown, map: Int32Array): unknown {
  if (Array.isArray(v)) return v.map((x) => renumberProcessor(x, map));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'ids' && Array.isArray(x)) out[k] = x.map((id: number) => map[id] ?? id);
    else if ((k === 'sep' || k === 'cls') && Array.isArray(x) && typeof x[1] === 'number')
      out[k] = [x[0], map[x[1]] ?? x[1]];
    else out[k] = renumberProcessor(x, map);
  }
  return out;
}

/** tokenizer_config.json with its added_tokens_decoder keyed by the new ids. */
function renumberConfig(config: Record<string, unknown>, map: Int32Array): Record<string, unknown> {
  const decoder = config.added_tokens_decoder as Record<string, unknown> | undefined;
  if (!decoder) return config;
  const out: Record<string, unknown> = {};
  for (const [id, t] of Object.entries(decoder)) out[String(map[Number(id)] ?? Number(id))] = t;
  return { ...config, added_tokens_decoder: out };
}

/** `base` without the model tokens `removed` (ids); with `compact`, ids renumbered down. */
export function freeHf(
  base: HfBase,
  removed: readonly number[],
  compact: boolean,
): { base: HfBase; oldToNew: Int32Array } {
  const hf = base.hf;
  const gone = new Set<string>();
  for (const id of removed) {
    const t = hf.vocab[id];
    if (!t) throw new InvariantError(`id ${id} is no model token of ${base.name}`);
    gone.add(t);
  }
  const map = oldToNewIds(hf.size, new Set(removed), compact);
  const keep = hf.merges.map(([a, b]) => !gone.has(a + b));
  const vocab: Record<string, number> = {};
  for (const [t, id] of Object.entries(hf.json.model.vocab)) if (!gone.has(t)) vocab[t] = map[id]!;
  const json: TokenizerJson = {
    ...hf.json,
    added_tokens: hf.json.added_tokens.map((t) => ({ ...t, id: map[t.id]! })),
    model: { ...hf.json.model, vocab, merges: hf.json.model.merges.filter((_, k) => keep[k]) },
  };
  if (compact && hf.json.post_processor) json.post_processor = renumberProcessor(hf.json.post_processor, map);
  const size = compact ? hf.size - removed.length : hf.size;
  const ids = new Array<string>(size).fill('');
  hf.vocab.forEach((t, id) => {
    if (map[id]! >= 0) ids[map[id]!] = t;
  });
  const reduced: HfBpe = {
    ...hf,
    json,
    vocab: ids,
    size,
    merges: hf.merges.filter((_, k) => keep[k]),
    ...(compact ? {} : { free: [...removed].sort((a, b) => a - b) }),
  };
  const config = base.config && compact ? renumberConfig(base.config, map) : base.config;
  return { base: { ...base, hf: reduced, ...(config ? { config } : {}) }, oldToNew: map };
}
