// Training chunks of an HF BPE base: its added tokens split out, its normalizer and its
// pre-tokenizer applied as the runtime does, then each pretoken split further by tokext's chunk
// rule (script or punctuation, single digits), so no new token mixes scripts.
import crypto from 'node:crypto';
import { splitChunks, type Pretokenizer } from '../corpus/pretokenize.js';
import type { HfBpe } from './model.js';
import type { RankedBpe } from '../bpe/ranked.js';
import { normalizerOf, preTokenizerOf, type PipelineSpec } from './pipeline.js';
import { workerUrl } from '../threads.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What an HF base's training chunks depend on, as plain data (a pretokenizer's recipe). */
interface HfChunking {
  normalizer: PipelineSpec;
  preTokenizer: PipelineSpec;
  added: string[]; // added tokens' contents, longest first
  space: number; // the character a word starts with
  splitByScript: boolean;
}

/** The pretokenizer that counts training chunks for `base`. */
export function hfPretokenizer(base: HfBpe, splitByScript: boolean): Pretokenizer {
  return hfChunker({
    normalizer: base.json.normalizer,
    preTokenizer: base.json.pre_tokenizer,
    added: base.json.added_tokens
      .map((t) => t.content)
      .filter((c) => c.length > 0)
      .sort((a, b) => b.length - a.length),
    space: base.byteLevel ? 0x20 : 0x2581,
    splitByScript,
  });
}

/** The pretokenizer of `c` (rebuilt by this name in a worker thread). */
export function hfChunker(c: HfChunking): Pretokenizer {
  const normalize = normalizerOf(c.normalizer);
  const preTokenize = preTokenizerOf(c.preTokenizer);
  const added = c.added.length > 0 ? new RegExp(c.added.map(escape).join('|'), 'gu') : undefined;
  const id = crypto
    .createHash('sha256')
    .update(JSON.stringify([c.normalizer, c.preTokenizer, c.added]))
    .digest('hex')
    .slice(0, 16);
  return {
    id: `hf:${id}:split-by-script=${c.splitByScript}`,
    recipe: { module: workerUrl(import.meta.url, './pretokenizer.js').href, make: 'hfChunker', data: c },
    chunks(text, emit) {
      for (const section of added ? text.split(added) : [text]) {
        if (section.length === 0) continue;
        for (const piece of preTokenize(normalize(section)))
          splitChunks(piece, (a, b) => emit(piece, a, b), c.splitByScript, c.space);
      }
    },
  };
}

/** Encodes text as the HF runtime does (no post-processing): added tokens split out and mapped
 * to their ids, the rest normalized, pre-tokenized and encoded pretoken by pretoken. */
export function hfEncoder(base: HfBpe, enc: RankedBpe): (text: string) => number[] {
  const normalize = normalizerOf(base.json.normalizer);
  const preTokenize = preTokenizerOf(base.json.pre_tokenizer);
  const addedIds = new Map(base.json.added_tokens.map((t) => [t.content, t.id]));
  const contents = [...addedIds.keys()].filter((c) => c.length > 0).sort((a, b) => b.length - a.length);
  const added = contents.length > 0 ? new RegExp(`(${contents.map(escape).join('|')})`, 'gu') : undefined;
  return (text) => {
    const out: number[] = [];
    for (const section of added ? text.split(added) : [text]) {
      if (section.length === 0) continue;
      const id = addedIds.get(section);
      if (id !== undefined) out.push(id);
      else for (const piece of preTokenize(normalize(section))) out.push(...enc.encodePretoken(piece));
    }
    return out;
  };
}
