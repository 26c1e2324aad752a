// Which words each pair occurs in, on typed arrays: the pairs of the base segmentation in one
// compressed array (CSR: one Int32 per occurrence), the occurrences merges create in lists of
// blocks in one pool. Lists may hold a word more than once; callers dedupe.
import { PairFilter, PairLookup, PairTable } from '../bpe/pair-table.js';
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

  /** Key k's newest block, -1 if none (for `push`). */
  head(k: number): number {
    return this.heads.get(k >>> 16, k & 0xffff);
  }

  setHead(k: number, b: number): void {
    this.heads.set(k >>> 16, k & 0xffff, b);
  }

  /** Adds w to key k's list unless it is the list's latest word. */
  add(k: number, w: number): void {
    const first = this.head(k);
    const b = this.push(first, w);
    if (b !== first) this.setHead(k, b);
  }

  /** Adds w to the list whose newest block is `first` (-1: an empty list) unless it is the list's
   * latest word; returns the list's newest block after, which the caller makes its key's head. */
  push(first: number, w: number): number {
    if (first >= 0) {
      const f = this.fill[first]!;
      const page = this.pages[first >>> PAGE_SHIFT]!;
      const at = (first & PAGE_MASK) * BLOCK;
      if (page[at + f - 1] === w) return first;
      if (f < BLOCK) {
        page[at + f] = w;
        this.fill[first] = f + 1;
        return first;
      }
    }
    const b = this.block();
    this.pages[b >>> PAGE_SHIFT]![(b & PAGE_MASK) * BLOCK] = w;
    this.fill[b] = 1;
    this.next[b] = first;
    return b;
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
 * pacer.
 *
 * The occurrences found are written in blocks (`HitBlock`): writing each straight to its pair's
 * place wrote to ~10^5 places at once on a large corpus, each missing the processor's cache. */
export async function indexRange(
  words: Words,
  listed: PairTable,
  from: number,
  to: number,
  occurrences: Int32Array,
  pacer?: Pacer,
): Promise<Int32Array> {
  const hits = new HitBlock(occurrences);
  const { pool, spans } = words;
  const last = new Int32Array(occurrences.length).fill(-1);
  const filter = PairFilter.of(listed, occurrences.length); // many positions hold a pair that is not listed
  const lookup = new PairLookup(listed, occurrences.length);
  for (let w = from; w < to; w++) {
    if ((w & 16383) === 0 && pacer) await pacer.pace();
    const st = spans[2 * w]!;
    const en = st + spans[2 * w + 1]! - 1;
    for (let i = st; i < en; i++) {
      const a = pool[i]!;
      const b = pool[i + 1]!;
      const k = filter.has(a, b) ? lookup.find(a, b) : -1;
      if (k < 0 || last[k] === w) continue;
      last[k] = w;
      hits.add(k, w);
    }
  }
  return hits.finish();
}

/** Occurrences (pair k, word w) held in a block and written out together (`indexRange`): the block
 * is put in order of k's high bits (counting sort: stable, so each pair's words stay in word
 * order), and then written bucket by bucket, each bucket's writes falling in a few hundred places
 * that stay in the processor's cache. */
class HitBlock {
  private readonly at: Int32Array; // where pair k's next word goes
  private readonly entries: Int32Array;
  private readonly ks = new Int32Array(HITS);
  private readonly ws = new Int32Array(HITS);
  private readonly sortedKs = new Int32Array(HITS);
  private readonly sortedWs = new Int32Array(HITS);
  private readonly shift: number;
  private n = 0;

  constructor(occurrences: Int32Array) {
    this.at = startsOf(occurrences);
    const total = this.at[occurrences.length]!;
    this.entries = new Int32Array(new ArrayBuffer(4 * total, { maxByteLength: 4 * total }));
    this.shift = Math.max(0, Math.ceil(Math.log2(occurrences.length + 1)) - BUCKET_BITS);
  }

  add(k: number, w: number): void {
    if (this.n === HITS) this.flush();
    this.ks[this.n] = k;
    this.ws[this.n++] = w;
  }

  private flush(): void {
    const { ks, ws, sortedKs, sortedWs, shift, at, entries, n } = this;
    const start = new Int32Array((1 << BUCKET_BITS) + 1);
    for (let i = 0; i < n; i++) start[(ks[i]! >>> shift) + 1]!++;
    for (let b = 0; b < 1 << BUCKET_BITS; b++) start[b + 1]! += start[b]!;
    for (let i = 0; i < n; i++) {
      const j = start[ks[i]! >>> shift]!++;
      sortedKs[j] = ks[i]!;
      sortedWs[j] = ws[i]!;
    }
    for (let i = 0; i < n; i++) entries[at[sortedKs[i]!]!++] = sortedWs[i]!;
    this.n = 0;
  }

  /** The entries, once every occurrence was added. */
  finish(): Int32Array {
    this.flush();
    return this.entries;
  }
}

/** Occurrences a HitBlock holds (2^21: 32 MB with its sorted copy), and the high bits of a pair's
 * index it sorts them by. */
const HITS = 1 << 21;
const BUCKET_BITS = 8;

/** The fewest entries of a part the index compacts once a quarter are cleared (memory then falls
 * early in the merge loop, before the pair table and the created lists have grown). */
const COMPACT_FROM = 1 << 20;

/** noteByKey's marks: a key not looked up yet; a key whose pair is not wanted. */
const UNSEEN = -3;
const SKIP = -2;

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
  private keyHeads = new Int32Array(0); // noteByKey's: by key, its list's newest block, UNSEEN or SKIP

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

  /** Does what `note(pairs[keys[k]], words[k])` does for each k < n whose pair is `wanted`, where
   * keys (below `pairs.length`) stand for pairs, one pair a key: each key's list is looked up
   * once and its head set once, where `note` looks it up at every occurrence (a large merge
   * step notes ~5 occurrences a key, and each lookup missed the processor's cache). */
  noteByKey(keys: Int32Array, words: Int32Array, n: number, pairs: Int32Array, wanted: (p: number) => boolean): void {
    if (this.keyHeads.length < pairs.length) this.keyHeads = new Int32Array(pairs.length).fill(UNSEEN);
    const heads = this.keyHeads;
    const used: number[] = [];
    for (let k = 0; k < n; k++) {
      const key = keys[k]!;
      let h = heads[key]!;
      if (h === UNSEEN) {
        const p = pairs[key]!;
        h = wanted(p) ? this.lists.head(p) : SKIP;
        used.push(key);
      }
      if (h !== SKIP) h = this.lists.push(h, words[k]!);
      heads[key] = h;
    }
    for (const key of used) {
      if (heads[key] !== SKIP) this.lists.setHead(pairs[key]!, heads[key]!);
      heads[key] = UNSEEN;
    }
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

  /** Pair p's words in word order, each once, in `out` (or in a larger array, returned), when
   * the build listed them and no occurrence of p was noted since (a pair of the base
   * segmentation: merges create only pairs with the pieces they add); undefined otherwise. */
  inOrder(p: number, out: Int32Array): Int32Array | undefined {
    const k = this.listedIndex(p);
    if (k < 0 || this.lists.head(p) >= 0) return undefined;
    let n = 0;
    for (const t of this.parts) n += t.end[k]! - t.begin[k]!;
    if (out.length < n) out = new Int32Array(n);
    n = 0;
    for (const { entries, begin, end } of this.parts) {
      out.set(entries.subarray(begin[k], end[k]), n);
      n += end[k]! - begin[k]!;
    }
    return out.subarray(0, n);
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
