// The pair index built in parts (as the trainer builds it with worker threads: each part counts
// its occurrences, then fills them in at offsets of its own) holds exactly what one pass holds:
// each kept pair's words, once per word, in word order.
import { describe, expect, it } from 'vitest';
import { PairTable } from '../../src/bpe/pair-table.js';
import { indexRange, PairIndex, type Words } from '../../src/train/pair-index.js';
import { countRange } from '../../src/train/pair-stats.js';

/** Random words over symbols 0..7 (a fixed seed), their pair ids (a * 8 + b) by position (to check against). */
function sample(n: number): { words: Words; pairAt: Int32Array } {
  let x = 777;
  const rand = (k: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % k;
  const pool: number[] = [];
  const spans: number[] = [];
  for (let w = 0; w < n; w++) {
    const len = 2 + rand(12);
    spans.push(pool.length, len);
    for (let i = 0; i < len; i++) pool.push(rand(8));
  }
  const pairAt = new Int32Array(pool.length);
  for (let i = 0; i + 1 < pool.length; i++) pairAt[i] = pool[i]! * 8 + pool[i + 1]!;
  const words = { pool: Int32Array.from(pool), spans: Int32Array.from(spans), counts: new Float64Array(n), n };
  return { words, pairAt };
}

/** The pairs (a, b) whose id a * 8 + b `keep` accepts, as the index takes them: a table of them
 * (interned in id order) and their ids. */
function listing(keep: (p: number) => boolean): { listed: PairTable; ids: Int32Array } {
  const ids = Int32Array.from({ length: 64 }, (_, p) => p).filter(keep);
  const listed = new PairTable(ids.length);
  for (const p of ids) listed.intern(p >> 3, p & 7);
  return { listed, ids };
}

/** For each part (words [cuts[j], cuts[j + 1])), the words each of the pairs `ids` occurs in, as
 * counting finds them. */
async function occurrences(words: Words, ids: Int32Array, cuts: number[]): Promise<Int32Array[]> {
  const out: Int32Array[] = [];
  for (let j = 0; j + 1 < cuts.length; j++) {
    const r = await countRange(words, cuts[j]!, cuts[j + 1]!);
    const inWords = new Map<number, number>();
    r.left.forEach((a, k) => inWords.set(a * 8 + r.right[k]!, r.inWords[k]!));
    out.push(Int32Array.from(ids, (p) => inWords.get(p) ?? 0));
  }
  return out;
}

/** Every pair's words as the index lists them. */
function listed(index: PairIndex, pairs: number): number[][] {
  return Array.from({ length: pairs }, (_, p) => {
    const out: number[] = [];
    index.forEach(p, (w) => out.push(w));
    return out;
  });
}

describe('PairIndex.build', () => {
  it('in parts lists the same words as in one pass, each once, in word order, for kept pairs only', async () => {
    const { words, pairAt } = sample(5000);
    const kept = (p: number) => p % 5 !== 3;
    const { listed: table, ids } = listing(kept);
    const whole = [0, words.n];
    const one = listed(await PairIndex.build(words, table, await occurrences(words, ids, whole), ids), 64);
    const runs: [number, number][] = [];
    const elsewhere = async (from: number, to: number, occ: Int32Array) => {
      runs.push([from, to]);
      return indexRange(words, table, from, to, occ);
    };
    const cuts = [0, 1234, 1235, 4000, 5000]; // uneven parts, one of a single word
    const occ = await occurrences(words, ids, cuts);
    const parts = listed(await PairIndex.build(words, table, occ, ids, undefined, cuts, elsewhere), 64);
    expect(parts).toEqual(one);
    expect(runs).toEqual([
      [1234, 1235],
      [1235, 4000],
      [4000, 5000],
    ]); // every part after the first, elsewhere
    // and what one pass lists is right: every word holding a kept pair, in order, once
    for (let p = 0; p < 64; p++) {
      const expected: number[] = [];
      for (let w = 0; w < words.n; w++) {
        const st = words.spans[2 * w]!;
        const en = st + words.spans[2 * w + 1]! - 1;
        for (let i = st; i < en; i++)
          if (pairAt[i] === p) {
            expected.push(w);
            break;
          }
      }
      expect(one[p]).toEqual(kept(p) ? expected : []);
    }
    expect(one.flat().length).toBeGreaterThan(10000);
  });

  it('lists the same words when its occurrences outnumber what it writes out at once (2^21)', async () => {
    const { words, pairAt } = sample(400_000);
    const { listed: table, ids } = listing(() => true);
    const [occ] = await occurrences(words, ids, [0, words.n]);
    const entries = await indexRange(words, table, 0, words.n, occ!);
    expect(entries.length).toBeGreaterThan(1 << 21); // written out in two blocks at least
    // what a direct fill gives: each pair's words in word order, once each
    const at = new Int32Array(65);
    occ!.forEach((n, k) => (at[k + 1] = at[k]! + n));
    const want = new Int32Array(entries.length);
    for (let w = 0; w < words.n; w++) {
      const st = words.spans[2 * w]!;
      const seen = new Set<number>();
      for (let i = st; i < st + words.spans[2 * w + 1]! - 1; i++) {
        const k = table.find(pairAt[i]! >> 3, pairAt[i]! & 7);
        if (!seen.has(k)) want[at[k]!++] = w;
        seen.add(k);
      }
    }
    let wrong = 0;
    for (let i = 0; i < want.length; i++) if (entries[i] !== want[i]) wrong++;
    expect(wrong).toBe(0);
  });

  it('keeps the words of the pairs not cleared when cleared pairs leave most of its array unused (and gives the memory back)', async () => {
    const { words } = sample(250_000);
    const { listed: table, ids } = listing(() => true);
    const index = await PairIndex.build(words, table, await occurrences(words, ids, [0, words.n]), ids);
    const before = listed(index, 64);
    expect(before.flat().length).toBeGreaterThan(1 << 20); // large enough to be compacted
    const bytes = index.bytes;
    const cleared = new Set<number>();
    for (let p = 0; p < 64; p += 2) {
      index.clear(p);
      cleared.add(p);
    }
    for (let p = 1; p < 40; p += 2) {
      index.clear(p);
      cleared.add(p);
    }
    expect(index.bytes).toBeLessThan(0.6 * bytes); // compacted twice (at a quarter cleared), then too small to compact
    index.note(63, 7); // lists of created occurrences are kept too
    const after = listed(index, 64);
    for (let p = 0; p < 64; p++)
      expect(after[p]).toEqual(cleared.has(p) ? [] : p === 63 ? [...before[p]!, 7] : before[p]);
  });

  it('lists the occurrences merges create per pair, in blocks over several pages, for pairs far apart and after a clear', async () => {
    const { words } = sample(10);
    const { listed: table, ids } = listing(() => false);
    const index = await PairIndex.build(words, table, await occurrences(words, ids, [0, words.n]), ids);
    const expected = new Map<number, number[]>();
    let x = 99;
    for (let n = 0; n < 200_000; n++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const p = ((x >>> 8) % 30_000) * 997; // 30,000 pairs with ids up to 30 M: the heads' table grows many times
      const w = n >>> 4;
      const list = expected.get(p) ?? [];
      if (list.at(-1) !== w) list.push(w); // a word right after itself is not listed twice
      expected.set(p, list);
      index.note(p, w);
    }
    const cleared = [...expected.keys()].filter((p) => p % 3 === 0);
    for (const p of cleared) index.clear(p);
    for (const p of cleared.slice(0, 100)) index.note(p, 123_456); // listed again after a clear
    for (const [p, list] of expected) {
      const got: number[] = [];
      index.forEach(p, (w) => got.push(w));
      const want = p % 3 !== 0 ? list : cleared.indexOf(p) < 100 ? [123_456] : [];
      expect(got.sort((a, b) => a - b)).toEqual(want);
    }
    const never: number[] = [];
    index.forEach(1, (w) => never.push(w));
    expect(never).toEqual([]);
  });
});

describe('countRange', () => {
  it('counts every pair and the words it occurs in exactly', async () => {
    let x = 4242;
    const rand = (k: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % k;
    // skewed symbols (a few common, many rare), as in text
    const symbol = () => (rand(4) === 0 ? rand(3000) : rand(40));
    for (const n of [300, 30_000]) {
      const pool: number[] = [];
      const spans: number[] = [];
      const counts = new Float64Array(n);
      for (let w = 0; w < n; w++) {
        const len = 2 + rand(10);
        spans.push(pool.length, len);
        for (let i = 0; i < len; i++) pool.push(symbol());
        counts[w] = 1 + rand(50) / 8; // exact in float64, as the trainer's weights are
      }
      const words = { pool: Int32Array.from(pool), spans: Int32Array.from(spans), counts, n };
      const want = new Map<string, { count: number; words: Set<number> }>();
      for (let w = 0; w < n; w++)
        for (let i = spans[2 * w]!; i < spans[2 * w]! + spans[2 * w + 1]! - 1; i++) {
          const key = `${pool[i]} ${pool[i + 1]}`;
          const e = want.get(key) ?? { count: 0, words: new Set<number>() };
          e.count += counts[w]!;
          e.words.add(w);
          want.set(key, e);
        }
      const r = await countRange(words, 0, n);
      const wrong: string[] = []; // one assertion for all
      const got = new Set<string>();
      for (let k = 0; k < r.left.length; k++) {
        const key = `${r.left[k]} ${r.right[k]}`;
        const e = want.get(key);
        if (!e || e.count !== r.counts[k] || e.words.size !== r.inWords[k] || got.has(key))
          wrong.push(`${key}: ${r.counts[k]} in ${r.inWords[k]} words`);
        got.add(key);
      }
      expect(wrong).toEqual([]);
      expect(got.size).toBe(want.size);
      if (n > 300) expect(got.size).toBeGreaterThan(0.7 * 65536); // more than its first table holds
    }
  });
});
