// Which words each pair occurs in, on typed arrays: the pairs of the base segmentation in one
// compressed array (CSR: one Int32 per occurrence), the occurrences merges create in lists of
// blocks in one pool. Lists may hold a word more than once; callers dedupe.
import { PairFilter, PairTable } from '../bpe/pair-table.js';
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

/** Blocks per page of `WordLists` (a power of two), and the words a page holds (256 KB). */
const PAGE_SHIFT = 13;
const PAGE_MASK = (1 << PAGE_SHIFT) - 1;
const PAGE_WORDS = BLOCK << PAGE_SHIFT;

/** Growable lists of word ids per key, in blocks of BLOCK words in pages of 1 << PAGE_SHIFT
 * blocks. Pages, not one pool grown by half: growing it copied the pool, which on the 2 GB corpus
 * held 0.4 GB more for a moment late in the merge loop (the build's peak). */
class WordLists {
  // Each key's newest block (-1: none), for the keys that ever had a list: few do (merges create
  // tens of millions of pairs, most never indexed), where an array by key took 4 bytes a pair
  // (300 MB on the 2 GB corpus). A key is held as the id pair (high 16 bits, low 16 bits).
  private readonly heads = new PairTable(1 << 12);
  private readonly pages: Int32Array[] = []; // block b's words: pages[b >>> PAGE_SHIFT] from (b & PAGE_MASK) * BLOCK
  private next = new Int32Array(1 << 12); // the block before (older), -1 at the end of a list
  private fill = new Uint8Array(1 << 12);
  private blocks = 0;
  private free = -1;

  get bytes(): number {
    return this.heads.bytes + 4 * PAGE_WORDS * this.pages.length + this.next.byteLength + this.fill.byteLength;
  }

  /** Key k's newest block, -1 if none. */
  private head(k: number): number {
    return this.heads.get(k >>> 16, k & 0xffff);
  }

  private setHead(k: number, b: number): void {
    this.heads.set(k >>> 16, k & 0xffff, b);
  }

  /** Adds w to key k's list unless it is the list's latest word. */
  add(k: number, w: number): void {
    const first = this.head(k);
    if (first >= 0) {
      const f = this.fill[first]!;
      const page = this.pages[first >>> PAGE_SHIFT]!;
      const at = (first & PAGE_MASK) * BLOCK;
      if (page[at + f - 1] === w) return;
      if (f < BLOCK) {
        page[at + f] = w;
        this.fill[first] = f + 1;
        return;
      }
    }
    const b = this.block();
    this.pages[b >>> PAGE_SHIFT]![(b & PAGE_MASK) * BLOCK] = w;
    this.fill[b] = 1;
    this.next[b] = first;
    this.setHead(k, b);
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
      const next = new Int32Array(size);
      next.set(this.next);
      this.next = next;
      const fill = new Uint8Array(size);
      fill.set(this.fill);
      this.fill = fill;
    }
    if ((this.blocks & PAGE_MASK) === 0) this.pages.push(new Int32Array(PAGE_WORDS));
    return this.blocks++;
  }

  forEach(k: number, fn: (w: number) => void): void {
    for (let b = this.head(k); b >= 0; b = this.next[b]!) {
      const page = this.pages[b >>> PAGE_SHIFT]!;
      for (let i = (b & PAGE_MASK) * BLOCK, end = i + this.fill[b]!; i < end; i++) fn(page[i]!);
    }
  }

  /** Empties key k's list, returning its blocks to the free list. */
  clear(k: number): void {
    const first = this.head(k);
    if (first < 0) return;
    let tail = first;
    while (this.next[tail]! >= 0) tail = this.next[tail]!;
    this.next[tail] = this.free;
    this.free = first;
    this.setHead(k, -1);
  }
}

/** Where each pair's words start when pair k has `occurrences[k]` of them, one pair after the
 * other; the last element is the total. */
function startsOf(occurrences: Int32Array): Int32Array {
  const starts = new Int32Array(occurrences.length + 1);
  occurrences.forEach((occ, k) => (starts[k + 1] = starts[k]! + occ));
  return starts;
}

/** Runs `indexRange` over words [from, to) on another thread. */
export type RangeRunner = (from: number, to: number, occurrences: Int32Array) => Promise<Int32Array>;

/** For words [from, to), the words each pair `listed` holds occurs in: pair k's (k: its index in
 * `listed`) one after the other, each word once, in word order, `occurrences[k]` of them (as
 * counting found). The pairs are looked up at every position (a pair id per position, kept from
 * counting for this, took 4 bytes a symbol: 2.6 GB on a 2 GB corpus). The array is resizable, so
 * that compacting it gives memory back at once. Yields to the event loop now and then when given a
 * pacer. */
export async function indexRange(
  words: Words,
  listed: PairTable,
  from: number,
  to: number,
  occurrences: Int32Array,
  pacer?: Pacer,
): Promise<Int32Array> {
  const at = startsOf(occurrences); // where pair k's next word goes
  const n = at[occurrences.length]!;
  const entries = new Int32Array(new ArrayBuffer(4 * n, { maxByteLength: 4 * n }));
  const { pool, spans } = words;
  const last = new Int32Array(occurrences.length).fill(-1);
  const filter = PairFilter.of(listed, occurrences.length); // most positions hold a pair that is not listed
  for (let w = from; w < to; w++) {
    if ((w & 16383) === 0 && pacer) await pacer.pace();
    const st = spans[2 * w]!;
    const en = st + spans[2 * w + 1]! - 1;
    for (let i = st; i < en; i++) {
      const a = pool[i]!;
      const b = pool[i + 1]!;
      const k = filter.has(a, b) ? listed.find(a, b) : -1;
      if (k < 0 || last[k] === w) continue;
      last[k] = w;
      entries[at[k]!++] = w;
    }
  }
  return entries;
}

/** The fewest entries of a part the index compacts once a quarter are cleared (memory then falls
 * early in the merge loop, before the pair table and the created lists have grown). */
const COMPACT_FROM = 1 << 20;

/** One part's words of the listed pairs (indexRange), pair k's at [begin[k], end[k]). */
interface IndexPart {
  entries: Int32Array; // over a resizable buffer
  begin: Int32Array;
  end: Int32Array;
  live: number; // entries of pairs not cleared
}

/** Pair → the words it occurs in. */
export class PairIndex {
  private readonly lists = new WordLists(); // occurrences created by merges

  private constructor(
    private readonly listedAs: Int32Array, // by pair id: its id among the listed pairs + 1, 0 if not listed
    private readonly parts: IndexPart[],
  ) {}

  /**
   * Indexes `words` for the pairs `listed` holds (its ids 0, 1, … stand for pair ids `ids[0]`,
   * `ids[1]`, …, ascending); `occurrences[j][k]` is the number of words of part j
   * that pair k occurs in (one part without `cuts`; counting finds it). With `cuts` (part j is
   * words [cuts[j], cuts[j + 1])) and `elsewhere`, which runs `indexRange` on another thread,
   * parts after the first are indexed there; `listed` must then be in shared memory.
   */
  static async build(
    words: Words,
    listed: PairTable,
    occurrences: readonly Int32Array[],
    ids: Int32Array,
    pacer?: Pacer,
    cuts: readonly number[] = [0, words.n],
    elsewhere?: RangeRunner,
  ): Promise<PairIndex> {
    if (occurrences.length !== cuts.length - 1 || (occurrences.length > 1 && !elsewhere))
      throw new Error(`pair index: ${occurrences.length} parts of occurrences for ${cuts.length - 1} parts of words`);
    const others = occurrences.slice(1).map((occ, j) => elsewhere!(cuts[j + 1]!, cuts[j + 2]!, occ));
    for (const o of others) o.catch(() => {}); // awaited below; this thread may fail first
    const entries = [await indexRange(words, listed, cuts[0]!, cuts[1]!, occurrences[0]!, pacer)];
    for (const o of others) entries.push(await o);
    const listedAs = new Int32Array(ids.length > 0 ? ids[ids.length - 1]! + 1 : 0);
    ids.forEach((p, k) => (listedAs[p] = k + 1));
    const parts = occurrences.map((occ, j): IndexPart => {
      const starts = startsOf(occ);
      return { entries: entries[j]!, begin: starts.slice(0, -1), end: starts.slice(1), live: starts[occ.length]! };
    });
    return new PairIndex(listedAs, parts);
  }

  /** Bytes held. */
  get bytes(): number {
    let n = this.listedAs.byteLength + this.lists.bytes;
    for (const t of this.parts) n += t.entries.byteLength + t.begin.byteLength + t.end.byteLength;
    return n;
  }

  /** Records that pair `p` occurs in word `w`. */
  note(p: number, w: number): void {
    this.lists.add(p, w);
  }

  /** Pair p's index among the listed pairs, -1 if it is not one. */
  private listedIndex(p: number): number {
    return p < this.listedAs.length ? this.listedAs[p]! - 1 : -1;
  }

  /** Calls fn for each word pair `p` was noted in. */
  forEach(p: number, fn: (w: number) => void): void {
    const k = this.listedIndex(p);
    if (k >= 0)
      for (const { entries, begin, end } of this.parts) for (let i = begin[k]!; i < end[k]!; i++) fn(entries[i]!);
    this.lists.forEach(p, fn);
  }

  /** Forgets pair `p` (merged: it occurs nowhere any more; or never to be merged). */
  clear(p: number): void {
    const k = this.listedIndex(p);
    if (k >= 0)
      for (const t of this.parts) {
        t.live -= t.end[k]! - t.begin[k]!;
        t.end[k] = t.begin[k]!;
        if (t.live < 0.75 * t.entries.length && t.entries.length >= COMPACT_FROM) compact(t);
      }
    this.lists.clear(p);
  }
}

/** Moves a part's entries of the pairs not cleared down over the cleared ones (in order: none is
 * overwritten before it moves) and gives the rest of its buffer back. The pairs merged first are
 * the most frequent, with the longest lists: on the reference job half the entries are cleared
 * within the first few thousand merges, three quarters by the end (108 MB); a second array for the
 * live entries cost 1.1 GB more for a moment on the 2 GB corpus (the build's peak). */
function compact(t: IndexPart): void {
  const { begin, end, entries } = t;
  let n = 0;
  for (let k = 0; k < begin.length; k++) {
    const b = begin[k]!;
    const len = end[k]! - b;
    if (b !== n) entries.copyWithin(n, b, b + len);
    begin[k] = n;
    n += len;
    end[k] = n;
  }
  (entries.buffer as ArrayBuffer).resize(4 * n); // the array tracks its buffer's length
}
