// Unigram training (src/unigram/train.ts, shards.ts): a tiny corpus, the same sums on any number of
// threads, and a real sample: new pieces admitted, not in the base, and shorter encodings.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { pieceRule } from '../../src/corpus/policy.js';
import { normalize, splitChunks } from '../../src/corpus/pretokenize.js';
import { codePointLength } from '../../src/corpus/unicode.js';
import { readModelProto } from '../../src/spm/modelproto.js';
import { chunkText } from '../../src/unigram/chunks.js';
import { UnigramEncoder } from '../../src/unigram/lattice.js';
import { LatticeShards } from '../../src/unigram/shards.js';
import { trainUnigram } from '../../src/unigram/train.js';
import { PieceType } from '../../src/vocab/model.js';
import { CORPORA, SHARED } from '../helpers.js';
import { tinyTraining, tinyUnigram } from './tiny-unigram.js';

const LLM_JP = path.join(SHARED, 'tokenizers', 'llm-jp-tokenizer', 'llm-jp-tokenizer-100k.ver3.1.model');
const AOZORA = path.join(CORPORA, 'ja-train-aozora', 'aozora_pd_selection.txt');
const JGLUE = path.join(CORPORA, 'ja-eval-jglue', 'jcommonsenseqa_questions.txt');
const HAS_DATA = [LLM_JP, AOZORA, JGLUE].every((f) => fs.existsSync(f));
if (!HAS_DATA) console.warn(`SKIPPING the Unigram training tests on real data: files under ${SHARED} are missing`);

/** The first `n` lines of `file`. */
async function headLines(file: string, n: number): Promise<string[]> {
  const out: string[] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (out.length === n) break;
    out.push(line);
  }
  rl.close();
  return out;
}

/** Distinct chunks of `lines` (SentencePiece normalisation, split by script) with their counts. */
function chunksOf(lines: string[]): { texts: string[]; counts: number[] } {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const norm = normalize(line);
    splitChunks(norm, (a, b) => counts.set(norm.slice(a, b), (counts.get(norm.slice(a, b)) ?? 0) + 1));
  }
  const texts = [...counts.keys()].sort();
  return { texts, counts: texts.map((t) => counts.get(t)!) };
}

describe('trainUnigram on a tiny corpus', () => {
  // base: ▁ a b c; "abc" 50 times, "ab" 20, "c" 5. The seeds (branching substrings): ab (70),
  // abc (50; bc is always followed by the end, but so is abc, and abc holds it). abc and ab win.
  const base = tinyUnigram([
    ['▁', -1],
    ['a', -3],
    ['b', -3],
    ['c', -3],
  ]).pieces;
  const input = {
    base,
    texts: ['abc', 'ab', 'c'],
    counts: [50, 20, 5],
    admits: () => true,
    maxPieceLength: 3,
    wanted: 2,
    threads: 1,
  };

  it('new pieces by score, not in the base, with their expected counts', async () => {
    const out = await trainUnigram(input);
    expect(out.map((p) => p.piece)).toEqual(['abc', 'ab']);
    expect(out[0]!.score).toBeGreaterThan(out[1]!.score);
    // expected counts: a little of abc's mass stays on a|bc-like paths
    expect(out[0]!.count).toBeGreaterThan(45);
    expect(out[0]!.count).toBeLessThanOrEqual(50);
    expect(out[1]!.count).toBeGreaterThan(15);
    expect(await trainUnigram(input)).toEqual(out); // deterministic
  });

  it('only admitted pieces, no longer than maxPieceLength', async () => {
    const out = await trainUnigram({ ...input, admits: (p: string) => !p.includes('c'), wanted: 5 });
    expect(out.map((p) => p.piece)).toEqual(['ab']);
    const short = await trainUnigram({ ...input, maxPieceLength: 2, wanted: 5 });
    expect(short.every((p) => codePointLength(p.piece) <= 2)).toBe(true);
  });
});

describe('LatticeShards', () => {
  it('the same sums, bit for bit, on one thread or two (sums added in shard order)', async () => {
    const corpus: [string, number][] = Array.from({ length: 400 }, (_, k) => [
      'abcab'.slice(k % 3) + 'ba'.repeat(k % 7),
      1 + (k % 5),
    ]);
    const t = tinyTraining(
      tinyUnigram([
        ['a', -2],
        ['b', -2],
        ['c', -3],
      ]),
      [
        ['ab', -3],
        ['ba', -3.5],
        ['bab', -5],
      ],
      corpus,
    );
    const sums: unknown[] = [];
    for (const threads of [1, 2]) {
      const shards = await LatticeShards.open(t.text, t.trie, t.score, t.prob, t.space, threads, 500);
      try {
        const e = await shards.eStep(t.prob);
        const freq = await shards.viterbiFreq(t.score);
        const alive = new Uint8Array(t.space.unk + 1).fill(1);
        alive[t.space.firstNew + 1] = 0;
        await shards.compact(
          alive,
          t.prob.map((p, x) => (alive[x] ? p : 0)),
          t.score,
        );
        const after = await shards.eStep(t.prob.map((p, x) => (alive[x] ? p : 0)));
        sums.push({ e, freq, after, chunks: shards.chunks, edges: shards.edges });
      } finally {
        await shards.close();
      }
    }
    expect(sums[1]).toEqual(sums[0]);
  });
});

describe('trainUnigram on a real sample (the first 2,000 lines of ja-train-aozora, llm-jp v3.1)', () => {
  it.skipIf(!HAS_DATA)('new pieces are admitted and new, and make Japanese text shorter', async () => {
    const base = readModelProto(fs.readFileSync(LLM_JP)).pieces;
    const rule = pieceRule('japanese-only', 16);
    const { texts, counts } = chunksOf(await headLines(AOZORA, 2000));
    const wanted = 500;
    const out = await trainUnigram({ base, texts, counts, admits: rule.text, maxPieceLength: 16, wanted });
    expect(out.length).toBe(wanted);
    const inBase = new Set(base.map((p) => p.piece));
    expect(out.filter((p) => !rule.text(p.piece) || inBase.has(p.piece))).toEqual([]);
    expect(new Set(out.map((p) => p.piece)).size).toBe(wanted);
    expect(out.every((p, k) => k === 0 || p.score <= out[k - 1]!.score)).toBe(true);
    expect(out.every((p) => p.count >= 0.5 && p.score < 0)).toBe(true);
    // the chunks trained on: every chunk holds a Japanese character
    expect(chunkText(texts, counts, (cp) => rule.char(cp)).weights.length).toBeLessThan(texts.length);

    const held = [...(await headLines(AOZORA, 3000)).slice(2000), ...(await headLines(JGLUE, 1000))].filter((l) => l);
    const chars = held.reduce((n, l) => n + codePointLength(l), 0);
    const tokens = (enc: UnigramEncoder) => held.reduce((n, l) => n + enc.encode(normalize(l)).length, 0);
    const before = chars / tokens(new UnigramEncoder(base));
    const extended = [...base, ...out.map((p) => ({ piece: p.piece, score: p.score, type: PieceType.NORMAL }))];
    const after = chars / tokens(new UnigramEncoder(extended));
    expect(after).toBeGreaterThan(before * 1.03);
  });
});
