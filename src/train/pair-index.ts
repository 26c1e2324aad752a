// Which words each pair occurs in, on typed arrays: the pairs of the base segmentation in one
// compressed array (CSR: one Int32 per occurrence), the occurrences merges create in lists of
// blocks in one pool. Lists may hold a word more than once; callers dedupe.
import type { Pacer } from '../progress.js';

/** The words of a training corpus: symbol sequences with weighted counts. */
export interface Words {
  pool: Int32Array; // symbols of all words
  spans: Int32Array; // word w is pool[spans[2w] .. spans[2w] + spans[2w + 1]) (start and length side by side: one cache line)
  counts: Float64Array;
  n: number;
}

/** The symbols the words hold (the used part of `pool`). */
export const symbolsOf = (words: Words): number =>
  words.n > 0 ? words.spans[2 * (words.n - 1)]! + words.spans[2 * words.n - 1]! : 0;

/** Calls fn for every adjacent pair of every word, yielding to the event loop now and then. */
export async function eachPair(
  words: Words,
  fn: (a: number, b: number, w: number) => void,
  pacer?: Pacer,
): Promise<void> {
  const { pool, spans } = words;
  for (let w = 0; w < words.n; w++) {
    if ((w & 16383) === 0 && pacer) await pacer.pace();
    const st = spans[2 * w]!;
    const en = st + spans[2 * w + 1]! - 1;
    for (let i = st; i < en; i++) fn(pool[i]!, pool[i + 1]!, w);
  }
}

/** Words per block of a list: the lists average ~65 words, so a block is read with one cache
 * miss where a node per word took one each, and holds a word in 4.5 bytes instead of 8. */
const BLOCK = 8;

/** Growable lists of word ids per key, in blocks of BLOCK words in one pool. */
class WordLists {
  private head = new Int32Array(1 << 12).fill(-1); // each key's newest block
  private words = new Int32Array(BLOCK << 12); // block b holds words[b * BLOCK .. b * BLOCK + fill[b])
  private next = new Int32Array(1 << 12); // the block before (older), -1 at the end of a list
  private fill = new Uint8Array(1 << 12);
  private blocks = 0;
  private free = -1;

  get bytes(): number {
    return this.head.byteLength + this.words.byteLength + this.next.byteLength + this.fill.byteLength;
  }

  /** Adds w to key k's list unless it is the list's latest word. */
  add(k: number, w: number): void {
    if (k >= this.head.length) {
      const size = Math.max(Math.ceil(this.head.length * 1.5), k + 1);
      const h = new Int32Array(size).fill(-1);
      h.set(this.head);
      this.head = h;
    }
    const first = this.head[k]!;
    if (first >= 0) {
      const f = this.fill[first]!;
      if (this.words[first * BLOCK + f - 1] === w) return;
      if (f < BLOCK) {
        this.words[first * BLOCK + f] = w;
        this.fill[first] = f + 1;
        return;
      }
    }
    const b = this.block();
    this.words[b * BLOCK] = w;
    this.fill[b] = 1;
    this.next[b] = first;
    this.head[k] = b;
  }

  /** A block from the free list, or a new one. */
  private block(): number {
    const b = this.free;
    if (b >= 0) {
      this.free = this.next[b]!;
      return b;
    }
    if (this.blocks === this.next.length) {
      const size = Math.ceil(this.blocks * 1.5);
      const words = new Int32Array(size * BLOCK);
      words.set(this.words);
      this.words = words;
      const next = new Int32Array(size);
      next.set(this.next);
      this.next = next;
      const fill = new Uint8Array(size);
      fill.set(this.fill);
      this.fill = fill;
    }
    return this.blocks++;
  }

  forEach(k: number, fn: (w: number) => void): void {
    if (k >= this.head.length) return;
    for (let b = this.head[k]!; b >= 0; b = this.next[b]!)
      for (let i = b * BLOCK, end = i + this.fill[b]!; i < end; i++) fn(this.words[i]!);
  }

  /** Empties key k's list, returning its blocks to the free list. */
  clear(k: number): void {
    if (k >= this.head.length) return;
    const first = this.head[k]!;
    if (first < 0) return;
    let tail = first;
    while (this.next[tail]! >= 0) tail = this.next[tail]!;
    this.next[tail] = this.free;
    this.free = first;
    this.head[k] = -1;
  }
}

/** Runs `indexRange` over words [from, to) on another thread (`at` and `entries` are shared). */
export type RangeRunner = (from: number, to: number, at: Int32Array, entries?: Int32Array) => Promise<void>;

/** For words [from, to), each kept pair once per word it occurs in: without `entries`, counts
 * them into `at[p]`; with it, writes the word to `entries[at[p]++]`. Yields to the event loop now
 * and then when given a pacer. */
export async function indexRange(
  words: Words,
  pairAt: Int32Array,
  kept: Uint8Array,
  from: number,
  to: number,
  at: Int32Array,
  entries?: Int32Array,
  pacer?: Pacer,
): Promise<void> {
  const { spans } = words;
  const last = new Int32Array(kept.length).fill(-1);
  for (let w = from; w < to; w++) {
    if ((w & 16383) === 0 && pacer) await pacer.pace();
    const st = spans[2 * w]!;
    const en = st + spans[2 * w + 1]! - 1;
    for (let i = st; i < en; i++) {
      const p = pairAt[i]!;
      if (last[p] === w || kept[p] === 0) continue;
      last[p] = w;
      if (entries) entries[at[p]!++] = w;
      else at[p]!++;
    }
  }
}

/** The fewest base entries the index moves into a smaller array once most are cleared. */
const COMPACT_FROM = 1 << 20;

/** Pair → the words it occurs in. */
export class PairIndex {
  private readonly lists = new WordLists(); // occurrences created by merges
  private live: number; // entries of pairs not cleared

  private constructor(
    private readonly begin: Int32Array,
    private readonly end: Int32Array,
    private entries: Int32Array,
  ) {
    this.live = entries.length;
  }

  /**
   * Indexes `words`; `pairAt[i]` is the pair id of symbols i and i + 1 of the pool; only the
   * pairs `kept` marks (one byte per pair id) are indexed. With `cuts` (part k is words
   * [cuts[k], cuts[k + 1])) and `elsewhere`, which runs `indexRange` on another thread, parts
   * after the first are indexed there: each part counts its occurrences, then fills them in at
   * offsets that put every pair's words in word order, so the index is the same as one thread's.
   * Shared memory (`kept`, `pairAt`) is needed for that; `elsewhere` gets its arrays shared.
   */
  static async build(
    words: Words,
    pairAt: Int32Array,
    kept: Uint8Array,
    pacer?: Pacer,
    cuts: readonly number[] = [0, words.n],
    elsewhere?: RangeRunner,
  ): Promise<PairIndex> {
    const pairs = kept.length;
    const parts = elsewhere ? cuts.length - 1 : 1;
    const shared = (n: number) => new Int32Array(parts > 1 ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));
    const at = Array.from({ length: parts }, () => shared(pairs)); // per part: occurrences, then where they go
    const pass = async (entries?: Int32Array) => {
      const others = at.slice(1).map((a, k) => elsewhere!(cuts[k + 1]!, cuts[k + 2]!, a, entries));
      for (const o of others) o.catch(() => {}); // awaited below; this thread may fail first
      await indexRange(words, pairAt, kept, cuts[0]!, parts > 1 ? cuts[1]! : words.n, at[0]!, entries, pacer);
      await Promise.all(others);
    };
    await pass();
    const begin = new Int32Array(pairs);
    let n = 0;
    for (let p = 0; p < pairs; p++) {
      begin[p] = n;
      for (const a of at) {
        const occ = a[p]!;
        a[p] = n;
        n += occ;
      }
    }
    const entries = shared(n);
    await pass(entries);
    return new PairIndex(begin, at[parts - 1]!.slice(), entries);
  }

  /** Bytes held. */
  get bytes(): number {
    return this.begin.byteLength + this.end.byteLength + this.entries.byteLength + this.lists.bytes;
  }

  /** Records that pair `p` occurs in word `w`. */
  note(p: number, w: number): void {
    this.lists.add(p, w);
  }

  /** Calls fn for each word pair `p` was noted in. */
  forEach(p: number, fn: (w: number) => void): void {
    if (p < this.begin.length) for (let i = this.begin[p]!; i < this.end[p]!; i++) fn(this.entries[i]!);
    this.lists.forEach(p, fn);
  }

  /** Forgets pair `p` (merged: it occurs nowhere any more; or never to be merged). */
  clear(p: number): void {
    if (p < this.begin.length) {
      this.live -= this.end[p]! - this.begin[p]!;
      this.end[p] = this.begin[p]!;
      if (this.live < this.entries.length / 2 && this.entries.length >= COMPACT_FROM) this.compact();
    }
    this.lists.clear(p);
  }

  /** Moves the entries of the pairs not cleared into an array of their size. The pairs merged
   * first are the most frequent, with the longest lists: on the reference job half the entries
   * are cleared within the first few thousand merges, three quarters by the end (108 MB). */
  private compact(): void {
    const { begin, end, entries } = this;
    const out = new Int32Array(this.live);
    let n = 0;
    for (let p = 0; p < begin.length; p++) {
      const b = begin[p]!;
      const len = end[p]! - b;
      for (let i = 0; i < len; i++) out[n + i] = entries[b + i]!;
      begin[p] = n;
      n += len;
      end[p] = n;
    }
    this.entries = out;
  }
}
