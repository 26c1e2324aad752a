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

/** The pairs an index lists, looked up at every position of the words while it is built: each
 * slot holds a pair and its dense id side by side, so a lookup reads one cache line (a PairTable
 * reads a slot, then the pair's record), and the whole table stays in the processor's cache. */
export class ListedPairs {
  private readonly slots: Int32Array; // [left, right, id + 1, 0] per slot, id + 1 = 0: empty; at most half full
  private readonly shift: number; // 32 - log2(slots)
  size = 0;

  /** Room for `capacity` pairs; or the table another thread made (`buffer`). */
  constructor(capacity: number, shared = false, buffer?: SharedArrayBuffer) {
    const bits = Math.max(4, Math.ceil(Math.log2(2 * Math.max(1, capacity))));
    this.slots = new Int32Array(buffer ?? (shared ? new SharedArrayBuffer(16 << bits) : new ArrayBuffer(16 << bits)));
    this.shift = 32 - Math.log2(this.slots.length / 4);
  }

  /** The shared memory behind the table (constructed with `shared`). */
  get buffer(): SharedArrayBuffer {
    return this.slots.buffer as SharedArrayBuffer;
  }

  private first(l: number, r: number): number {
    return (Math.imul(l ^ Math.imul(r, 0x85ebca77), 0x9e3779b1) >>> this.shift) << 2;
  }

  /** Adds (l, r), not yet held, as id `size`. */
  add(l: number, r: number): void {
    const mask = this.slots.length - 1;
    let s = this.first(l, r);
    while (this.slots[s + 2] !== 0) s = (s + 4) & mask;
    this.slots[s] = l;
    this.slots[s + 1] = r;
    this.slots[s + 2] = ++this.size;
  }

  /** The id of (l, r), or -1. */
  find(l: number, r: number): number {
    const mask = this.slots.length - 1;
    for (let s = this.first(l, r); ; s = (s + 4) & mask) {
      const id = this.slots[s + 2]!;
      if (id === 0) return -1;
      if (this.slots[s] === l && this.slots[s + 1] === r) return id - 1;
    }
  }
}

/** Entries per page of the index's word lists (a power of two: 4 MB). */
const PAGE_BITS = 20;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

/** An Int32 array in pages, each its own buffer: compacting it moves entries down and lets the
 * pages past the new end go. One array would need a second one for its live entries (on the 2 GB
 * synthetic corpus: 1.1 GB more for a moment, the build's peak). */
export class PagedInt32 {
  /** `n` entries, in memory threads can share if `shared`; or the pages another thread made. */
  constructor(
    n: number,
    shared = false,
    readonly pages: Int32Array[] = Array.from({ length: Math.ceil(n / (PAGE_MASK + 1)) }, (_, k) => {
      const len = Math.min(PAGE_MASK + 1, n - k * (PAGE_MASK + 1));
      return new Int32Array(shared ? new SharedArrayBuffer(4 * len) : new ArrayBuffer(4 * len));
    }),
  ) {}

  get(i: number): number {
    return this.pages[i >>> PAGE_BITS]![i & PAGE_MASK]!;
  }

  set(i: number, v: number): void {
    this.pages[i >>> PAGE_BITS]![i & PAGE_MASK] = v;
  }

  /** Keeps the pages that hold the first `n` entries. */
  truncate(n: number): void {
    this.pages.length = Math.ceil(n / (PAGE_MASK + 1));
  }

  get bytes(): number {
    return this.pages.reduce((sum, a) => sum + a.byteLength, 0);
  }
}

/** Runs `indexRange` over words [from, to) on another thread (`at` and `entries` are shared). */
export type RangeRunner = (from: number, to: number, at: Int32Array, entries: PagedInt32) => Promise<void>;

/** For words [from, to), writes each word to entry `at[k]++` once for each pair `listed` holds
 * (k: the pair's id there) that occurs in it. The pairs are looked up at every position: a pair id
 * per position, kept from counting for this, took 4 bytes a symbol (2.6 GB on a 2 GB corpus).
 * Yields to the event loop now and then when given a pacer. */
export async function indexRange(
  words: Words,
  listed: ListedPairs,
  from: number,
  to: number,
  at: Int32Array,
  entries: PagedInt32,
  pacer?: Pacer,
): Promise<void> {
  const { pool, spans } = words;
  const last = new Int32Array(at.length).fill(-1);
  for (let w = from; w < to; w++) {
    if ((w & 16383) === 0 && pacer) await pacer.pace();
    const st = spans[2 * w]!;
    const en = st + spans[2 * w + 1]! - 1;
    for (let i = st; i < en; i++) {
      const k = listed.find(pool[i]!, pool[i + 1]!);
      if (k < 0 || last[k] === w) continue;
      last[k] = w;
      entries.set(at[k]!++, w);
    }
  }
}

/** The fewest base entries the index compacts once most are cleared. */
const COMPACT_FROM = 1 << 20;

/** Pair → the words it occurs in. */
export class PairIndex {
  private readonly lists = new WordLists(); // occurrences created by merges
  private live: number; // entries of pairs not cleared
  private used: number; // entries in use (live or cleared)

  private constructor(
    private readonly begin: Int32Array,
    private readonly end: Int32Array,
    private readonly entries: PagedInt32,
    n: number,
  ) {
    this.live = this.used = n;
  }

  /**
   * Indexes `words` for the pairs `listed` holds (its ids 0, 1, … stand for pair ids `ids[0]`,
   * `ids[1]`, … of a table of `pairs` pairs); `occurrences[j][k]` is the number of words of part j
   * that pair k occurs in (one part without `cuts`; counting finds it). With `cuts` (part j is
   * words [cuts[j], cuts[j + 1])) and `elsewhere`, which runs `indexRange` on another thread,
   * parts after the first are indexed there, each at offsets that put every pair's words in word
   * order, so the index is the same as one thread's. `listed` must then be in shared memory;
   * `elsewhere` gets its arrays shared.
   */
  static async build(
    words: Words,
    listed: ListedPairs,
    occurrences: readonly Int32Array[],
    ids: Int32Array,
    pairs: number,
    pacer?: Pacer,
    cuts: readonly number[] = [0, words.n],
    elsewhere?: RangeRunner,
  ): Promise<PairIndex> {
    const parts = occurrences.length;
    if (parts !== cuts.length - 1 || (parts > 1 && !elsewhere))
      throw new Error(`pair index: ${parts} parts of occurrences for ${cuts.length - 1} parts of words`);
    const shared = (n: number) => new Int32Array(parts > 1 ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));
    const at = occurrences.map(() => shared(ids.length)); // per part: where its next word of each pair goes
    const begin = new Int32Array(pairs);
    const end = new Int32Array(pairs);
    let n = 0;
    for (let k = 0; k < ids.length; k++) {
      begin[ids[k]!] = n;
      occurrences.forEach((occ, j) => {
        at[j]![k] = n;
        n += occ[k]!;
      });
      end[ids[k]!] = n;
    }
    const entries = new PagedInt32(n, parts > 1);
    const others = at.slice(1).map((a, j) => elsewhere!(cuts[j + 1]!, cuts[j + 2]!, a, entries));
    for (const o of others) o.catch(() => {}); // awaited below; this thread may fail first
    await indexRange(words, listed, cuts[0]!, parts > 1 ? cuts[1]! : words.n, at[0]!, entries, pacer);
    await Promise.all(others);
    return new PairIndex(begin, end, entries, n);
  }

  /** Bytes held. */
  get bytes(): number {
    return this.begin.byteLength + this.end.byteLength + this.entries.bytes + this.lists.bytes;
  }

  /** Records that pair `p` occurs in word `w`. */
  note(p: number, w: number): void {
    this.lists.add(p, w);
  }

  /** Calls fn for each word pair `p` was noted in. */
  forEach(p: number, fn: (w: number) => void): void {
    if (p < this.begin.length) for (let i = this.begin[p]!; i < this.end[p]!; i++) fn(this.entries.get(i));
    this.lists.forEach(p, fn);
  }

  /** Forgets pair `p` (merged: it occurs nowhere any more; or never to be merged). */
  clear(p: number): void {
    if (p < this.begin.length) {
      this.live -= this.end[p]! - this.begin[p]!;
      this.end[p] = this.begin[p]!;
      if (this.live < this.used / 2 && this.used >= COMPACT_FROM) this.compact();
    }
    this.lists.clear(p);
  }

  /** Moves the entries of the pairs not cleared down over the cleared ones (in order: no entry
   * is overwritten before it moves) and lets the pages past them go. The pairs merged first are
   * the most frequent, with the longest lists: on the reference job half the entries are cleared
   * within the first few thousand merges, three quarters by the end (108 MB). */
  private compact(): void {
    const { begin, end, entries } = this;
    let n = 0;
    for (let p = 0; p < begin.length; p++) {
      const b = begin[p]!;
      const len = end[p]! - b;
      if (b !== n) for (let i = 0; i < len; i++) entries.set(n + i, entries.get(b + i));
      begin[p] = n;
      n += len;
      end[p] = n;
    }
    entries.truncate(n);
    this.used = n;
  }
}
