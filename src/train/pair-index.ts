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

/** Pair → the words it occurs in. */
export class PairIndex {
  private readonly lists = new WordLists(); // occurrences created by merges

  private constructor(
    private readonly begin: Int32Array,
    private readonly end: Int32Array,
    private readonly entries: Int32Array,
  ) {}

  /**
   * Indexes `words`; `pairAt[i]` is the pair id of symbols i and i + 1 of the pool; `pairs` is
   * the number of pair ids; only pairs that `keep` accepts are indexed.
   */
  static async build(
    words: Words,
    pairAt: Int32Array,
    pairs: number,
    keep: (p: number) => boolean,
    pacer?: Pacer,
  ): Promise<PairIndex> {
    const occ = new Int32Array(pairs + 1);
    const last = new Int32Array(pairs).fill(-1);
    const kept = new Uint8Array(pairs); // keep's answers, read per position from a small array
    for (let p = 0; p < pairs; p++) kept[p] = keep(p) ? 1 : 0;
    const each = async (fn: (p: number, w: number) => void) => {
      const { spans } = words;
      for (let w = 0; w < words.n; w++) {
        if ((w & 16383) === 0 && pacer) await pacer.pace();
        const st = spans[2 * w]!;
        const en = st + spans[2 * w + 1]! - 1;
        for (let i = st; i < en; i++) {
          const p = pairAt[i]!;
          if (last[p] === w || kept[p] === 0) continue;
          last[p] = w;
          fn(p, w);
        }
      }
    };
    await each((p) => {
      occ[p + 1]!++;
    });
    for (let p = 0; p < pairs; p++) occ[p + 1]! += occ[p]!;
    const begin = occ.slice(0, pairs);
    const end = occ.slice(0, pairs);
    const entries = new Int32Array(occ[pairs]!);
    last.fill(-1);
    await each((p, w) => {
      entries[end[p]!++] = w;
    });
    return new PairIndex(begin, end, entries);
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

  /** Forgets pair `p` (merged: it occurs nowhere any more). */
  clear(p: number): void {
    if (p < this.begin.length) this.end[p] = this.begin[p]!;
    this.lists.clear(p);
  }
}
