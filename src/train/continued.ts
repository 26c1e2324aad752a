// Continued BPE: new characters by coverage, then new merges learned over the base's own
// segmentation, most frequent adjacent pair first; each merge is applied as the encoder would.
// All state is in typed arrays sized by the corpus, checked against a memory budget.
import { BpeEncoder } from '../bpe/encoder.js';
import { PairTable } from '../bpe/pair-table.js';
import type { ChunkSet } from '../corpus/chunk-store.js';
import { containsJapanese, isJapaneseCodePoint } from '../corpus/unicode.js';
import { appendScoreOrigin } from '../vocab/scores.js';
import type { Model } from '../vocab/model.js';
import { Pacer, type RunControl } from '../progress.js';
import { PairHeap } from './heap.js';
import { coverageChars } from './coverage.js';
import { eachPair, PairIndex, type Words } from './pair-index.js';
import type { Reduction } from './reduce.js';
import { buildWords, scanChunks } from './words.js';

/** A learned piece in training order. */
export interface TrainedPiece {
  piece: string;
  kind: 'new-char' | 'new-merge';
  count: number; // weighted occurrences when it was created
}

/** Options of the trainer (a subset of BuildSpec). */
export interface TrainOptions extends RunControl {
  maxPieces: number; // stop after this many new pieces
  characterCoverage: number;
  allowNonJapanese: boolean;
  maxPieceLength: number;
  minPairCount: number;
  seedChars?: string[]; // characters added before the coverage ones (from-scratch: ▁)
  memoryBytes?: number; // what the words and pair statistics may use (default: no limit)
}

/** Training result: pieces in order plus facts for the manifest. */
export interface TrainResult {
  pieces: TrainedPiece[];
  charCoverage: { japaneseChars: number; covered: number; occurrences: number; coveredOccurrences: number };
  words: number;
  reduction: Reduction;
}

/** Share of the budget the words may take; the rest is for pair statistics and the encoder. */
const WORDS_SHARE = 0.7;
/** Ties between equal counts: the pair with the smaller (left, right) ids, never reading order. */
const tieOf = (table: PairTable, p: number) => table.lefts[p]! * 2097152 + table.rights[p]!;

/** Adds the coverage characters (and seeds) to the encoder; returns them as pieces. */
function addCharacters(enc: BpeEncoder, charCounts: Float64Array, opts: TrainOptions, origin: number) {
  const eligible = opts.allowNonJapanese ? (cp: number) => cp !== 0x20 && cp !== 0 : isJapaneseCodePoint;
  const cov = coverageChars(charCounts, opts.characterCoverage, eligible);
  const out: TrainedPiece[] = [];
  for (const { ch, count } of [...(opts.seedChars ?? []).map((ch) => ({ ch, count: 0 })), ...cov.chars]) {
    if (out.length >= opts.maxPieces) break;
    if (enc.pieceToId.has(ch)) continue;
    enc.addPiece(ch, origin - (out.length + 1));
    out.push({ piece: ch, kind: 'new-char', count });
  }
  return { out, cov };
}

const DEAD = 1; // popped and found invalid: never a piece
const PARTIAL = 2; // some occurrences were not indexed (the pair was below the threshold then)
const REINDEX = 4; // being reindexed by a scan

/**
 * Pair statistics over the words: weighted counts, the words each pair occurs in, pending
 * changes of a merge step. Occurrences that merges create are indexed only for pairs whose count
 * reaches `threshold`: most created pairs are rare and never merged. When a pair that was not
 * fully indexed comes up for merging, one scan of the words indexes every such pair above a
 * lower threshold (a quarter of its count): popped counts never rise, so there are only a few
 * scans, and the result is exact either way.
 */
class PairStats {
  readonly table: PairTable;
  counts: Float64Array;
  private stamp: Int32Array; // step in which a pair was last touched
  flags: Uint8Array;
  index!: PairIndex;
  private readonly touched: number[] = [];
  private readonly before: number[] = []; // counts of the touched pairs before this step
  private readonly notedPairs: number[] = []; // occurrences created this step, indexed at its end
  private readonly notedWords: number[] = [];
  step = 0;
  threshold = Infinity; // created occurrences of pairs below this count are not indexed
  scans = 0; // full scans of the words

  private constructor(readonly words: Words, private readonly minCount: number) {
    const size = Math.max(1 << 12, words.n);
    this.table = new PairTable(size, false);
    this.counts = new Float64Array(size);
    this.stamp = new Int32Array(size);
    this.flags = new Uint8Array(size);
  }

  /** Counts the pairs of `words` and indexes the ones that could plausibly be merged. */
  static async build(words: Words, minCount: number, merges: number, pacer: Pacer): Promise<PairStats> {
    const s = new PairStats(words, minCount);
    const { pool, spans, counts } = words;
    const used = words.n > 0 ? spans[2 * (words.n - 1)]! + spans[2 * words.n - 1]! : 0;
    const pairAt = new Int32Array(used); // pair ids by position, for the index passes (freed after)
    for (let w = 0; w < words.n; w++) {
      if ((w & 16383) === 0) await pacer.pace();
      const n = counts[w]!;
      const st = spans[2 * w]!;
      for (let i = st; i < st + spans[2 * w + 1]! - 1; i++) {
        const p = s.pairOf(pool[i]!, pool[i + 1]!);
        pairAt[i] = p;
        s.counts[p] = s.counts[p]! + n;
      }
    }
    // Merged counts never rise, and the pair `merges` places down from the top gives a fair guess
    // of where training ends: index what could plausibly be merged, find the rest if it ever is.
    const sorted = s.counts.slice(0, s.table.size).sort().reverse();
    const floor = Math.max(minCount, (sorted[Math.min(merges, sorted.length) - 1] ?? 0) / 2);
    const initial = s.table.size;
    for (let p = 0; p < initial; p++) if (s.counts[p]! < floor) s.flags[p] = PARTIAL;
    s.index = await PairIndex.build(words, pairAt, initial, (p) => s.counts[p]! >= floor, pacer);
    return s;
  }

  /** Bytes held by the statistics and the index. */
  get bytes(): number {
    return this.table.bytes + this.counts.byteLength + this.stamp.byteLength + this.flags.byteLength + this.index.bytes;
  }

  /** The pair id of (a, b), interning it. */
  pairOf(a: number, b: number): number {
    const p = this.table.intern(a, b);
    if (p >= this.counts.length) {
      const size = Math.max(Math.ceil(this.counts.length * 1.5), p + 1);
      const grow = <T extends Float64Array | Int32Array | Uint8Array>(x: T, y: T): T => { y.set(x); return y; };
      this.counts = grow(this.counts, new Float64Array(size));
      this.stamp = grow(this.stamp, new Int32Array(size));
      this.flags = grow(this.flags, new Uint8Array(size));
    }
    return p;
  }

  /** Changes the count of pair p by d within this step (the result is clamped at 0 by `apply`). */
  bump(p: number, d: number): void {
    if (this.stamp[p] !== this.step) {
      this.stamp[p] = this.step;
      this.touched.push(p);
      this.before.push(this.counts[p]!);
    }
    this.counts[p] = this.counts[p]! + d;
  }

  /**
   * The pair id of (a, b) where, within one merge step, it depends only on `neighbor` (slot 0:
   * (prev, l), 1: (prev, new), 2: (r, next), 3: (new, next)): a lookup in a small array instead
   * of the large hash table, which matters for the millions of occurrences of early merges.
   */
  pairNear(slot: number, neighbor: number, a: number, b: number): number {
    if (neighbor >= this.nearCap) this.growNear(neighbor);
    const k = slot * this.nearCap + neighbor;
    if (this.nearStamp[k] === this.step) return this.nearPair[k]!;
    const p = this.pairOf(a, b);
    this.nearStamp[k] = this.step;
    this.nearPair[k] = p;
    return p;
  }

  private nearCap = 0;
  private nearStamp = new Int32Array(0);
  private nearPair = new Int32Array(0);

  private growNear(symbol: number): void {
    this.nearCap = Math.max(1 << 16, Math.ceil((symbol + 1) * 1.5));
    this.nearStamp = new Int32Array(4 * this.nearCap); // stamps 0: nothing cached (steps start at 1)
    this.nearPair = new Int32Array(4 * this.nearCap);
  }

  /** Records that pair p now occurs in word w (indexed when the step ends). */
  note(p: number, w: number): void {
    this.notedPairs.push(p);
    this.notedWords.push(w);
  }

  /** Ends a step: clamps counts, indexes the new occurrences of qualifying pairs, pushes pairs that grew. */
  apply(heap: PairHeap): void {
    for (let k = 0; k < this.touched.length; k++) {
      const p = this.touched[k]!;
      const v = this.counts[p]!;
      if (v < 0) this.counts[p] = 0;
      if (v > this.before[k]! && v >= this.minCount) heap.push(v, p);
    }
    for (let k = 0; k < this.notedPairs.length; k++) {
      const p = this.notedPairs[k]!;
      if (this.counts[p]! >= this.threshold) this.index.note(p, this.notedWords[k]!);
      else this.flags[p]! |= PARTIAL;
    }
    this.touched.length = 0;
    this.before.length = 0;
    this.notedPairs.length = 0;
    this.notedWords.length = 0;
  }

  /** Lowers the threshold to `t` and indexes, in one scan of the words, every pair not fully
   * indexed whose count reaches it. */
  async reindex(t: number, pacer: Pacer): Promise<void> {
    this.threshold = t;
    const { counts, flags, table } = this;
    const wanted: number[] = [];
    for (let p = 0; p < table.size; p++) {
      if (!(flags[p]! & PARTIAL) || counts[p]! < t) continue;
      flags[p] = (flags[p]! & ~PARTIAL) | REINDEX;
      this.index.clear(p);
      wanted.push(p);
    }
    await this.scan(wanted, (p, w) => {
      if (flags[p]! & REINDEX) this.index.note(p, w);
    }, pacer);
    for (const p of wanted) flags[p]! &= ~REINDEX;
  }

  /** Calls fn(pair, word) for the occurrences in every word of the pairs `wanted` (and maybe a
   * few others): a 2 MB bit filter keeps the hash table out of the loop for all other pairs. */
  private async scan(wanted: readonly number[], fn: (p: number, w: number) => void, pacer: Pacer): Promise<void> {
    this.scans++;
    const bits = new Uint32Array(1 << 19);
    const key = (a: number, b: number) => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 8;
    for (const p of wanted) {
      const k = key(this.table.lefts[p]!, this.table.rights[p]!);
      bits[k >>> 5]! |= 1 << (k & 31);
    }
    await eachPair(this.words, (a, b, w) => {
      const k = key(a, b);
      if (!(bits[k >>> 5]! & (1 << (k & 31)))) return;
      const p = this.table.find(a, b);
      if (p >= 0) fn(p, w);
    }, pacer);
  }

  /** The words pair p occurs in; a pair not fully indexed first triggers a reindex. */
  async forEachWord(p: number, fn: (w: number) => void, pacer: Pacer): Promise<void> {
    if (this.flags[p]! & PARTIAL) await this.reindex(Math.max(this.minCount, Math.min(this.threshold, this.counts[p]!) / 4), pacer);
    if (!(this.flags[p]! & PARTIAL)) return this.index.forEach(p, fn);
    const seen = new Set<number>(); // a split below even the new threshold: find its words directly
    await this.scan([p], (q, w) => {
      if (q === p && !seen.has(w)) {
        seen.add(w);
        fn(w);
      }
    }, pacer);
  }
}

/** Replaces every occurrence of the new piece `id` in word `w`, updating pair counts and the index. */
function mergeWord(enc: BpeEncoder, s: PairStats, w: number, id: number, l: number, r: number, pi: number, simple: boolean, splitPairs: readonly number[]): void {
  const { pool, spans, counts } = s.words;
  const st = spans[2 * w]!;
  const len = spans[2 * w + 1]!;
  if (simple) {
    // One split and no larger piece completed by the new one: a left-to-right replacement of (l, r).
    let o = st;
    let merged = false;
    for (let i = st; i < st + len; i++) {
      if (i + 1 < st + len && pool[i] === l && pool[i + 1] === r) {
        merged = true;
        const n = counts[w]!; // read only on a hit: a stale candidate costs no more cache misses
        s.bump(pi, -n);
        if (o > st) {
          const prev = pool[o - 1]!;
          s.bump(s.pairNear(0, prev, prev, l), -n);
          const p2 = s.pairNear(1, prev, prev, id);
          s.bump(p2, n);
          s.note(p2, w);
        }
        if (i + 2 < st + len) {
          const next = pool[i + 2]!;
          s.bump(s.pairNear(2, next, r, next), -n);
          const p2 = s.pairNear(3, next, id, next);
          s.bump(p2, n);
          s.note(p2, w);
        }
        pool[o++] = id;
        i++;
      } else pool[o++] = pool[i]!;
    }
    if (merged) spans[2 * w + 1] = o - st;
    return;
  }
  const n = counts[w]!;
  // Otherwise re-run the encoder on the word (the new piece may complete larger ones).
  let has = false; // does a split of the new piece occur (splitPairs: left, right, left, right, …)?
  for (let i = st; i < st + len - 1 && !has; i++) {
    for (let k = 0; k < splitPairs.length; k += 2) if (pool[i] === splitPairs[k] && pool[i + 1] === splitPairs[k + 1]) { has = true; break; }
  }
  if (!has) return;
  const before: number[] = [];
  for (let i = st; i < st + len - 1; i++) {
    const p = s.pairOf(pool[i]!, pool[i + 1]!);
    before.push(p);
    s.bump(p, -n);
  }
  const after = enc.merge(Array.from(pool.subarray(st, st + len)));
  pool.set(after, st);
  spans[2 * w + 1] = after.length;
  for (let i = 0; i + 1 < after.length; i++) {
    const p = s.pairOf(after[i]!, after[i + 1]!);
    s.bump(p, n);
    if (!before.includes(p)) s.note(p, w);
  }
}

/** The merge loop: pops the most frequent valid pair, adds it as a piece, applies it everywhere. */
async function mergeLoop(enc: BpeEncoder, s: PairStats, out: TrainedPiece[], origin: number, opts: TrainOptions): Promise<void> {
  const pacer = new Pacer(opts.signal);
  const heap = new PairHeap((p) => tieOf(s.table, p));
  const minCount = opts.minPairCount;
  for (let p = 0; p < s.table.size; p++) if (s.counts[p]! >= minCount) heap.push(s.counts[p]!, p); // rarer pairs enter when they grow
  const seen = new Int32Array(s.words.n).fill(-1);
  let found = new Int32Array(1 << 16); // the words of one step
  const grow = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  let step = 0;
  const target = opts.maxPieces;
  while (out.length < target && heap.size > 0) {
    const [c, pi] = heap.pop()!;
    const live = s.counts[pi]!;
    if (live !== c) {
      if (live >= minCount && live < c) heap.push(live, pi);
      continue;
    }
    if (s.flags[pi]! & DEAD) continue;
    const l = s.table.lefts[pi]!;
    const r = s.table.rights[pi]!;
    const text = enc.texts[l]! + enc.texts[r]!;
    let cps = 0;
    for (const _ of text) cps++;
    if (enc.pieceToId.has(text) || cps > opts.maxPieceLength || (!opts.allowNonJapanese && !containsJapanese(text))) {
      s.flags[pi]! |= DEAD;
      continue;
    }
    const id = enc.addPiece(text, origin - (out.length + 1));
    out.push({ piece: text, kind: 'new-merge', count: c });
    step++;
    s.step = step;
    if (pacer.due()) {
      opts.onProgress?.({ stage: 'merge', current: out.length, total: target });
      await pacer.pace();
    }
    // Every split of the new piece merges now, as the encoder would.
    const splits = enc.splits(id).map(([a, b]) => s.table.find(a, b)).filter((sp) => sp >= 0);
    let n = 0;
    for (const sp of splits) {
      await s.forEachWord(sp, (w) => {
        if (seen[w] === step) return;
        seen[w] = step;
        if (n === found.length) found = grow(found);
        found[n++] = w;
      }, pacer);
    }
    // In word order the words' arrays are read nearly sequentially: far fewer cache misses.
    const words = found.subarray(0, n).sort();
    const simple = splits.length <= 1 && !enc.completesLarger(id);
    const splitPairs = splits.flatMap((sp) => [s.table.lefts[sp]!, s.table.rights[sp]!]);
    for (let k = 0; k < n; k++) {
      mergeWord(enc, s, words[k]!, id, l, r, pi, simple, splitPairs);
      if ((k & 8191) === 8191) await pacer.pace();
    }
    s.apply(heap);
    for (const sp of splits) s.index.clear(sp);
  }
  opts.onProgress?.({ stage: 'merge', current: out.length, total: target });
}

/** Runs continued BPE over counted chunks on top of `base`; disposes `chunks` once segmented. */
export async function trainContinued(base: Model, chunks: ChunkSet, opts: TrainOptions): Promise<TrainResult> {
  const enc = new BpeEncoder(base.pieces);
  const origin = appendScoreOrigin(base);
  const trains = opts.allowNonJapanese ? () => true : containsJapanese;
  const scan = await scanChunks(chunks, trains, opts.signal);
  const { out, cov } = addCharacters(enc, scan.charCounts, opts, origin);
  const budget = opts.memoryBytes === undefined ? Infinity : Math.floor(opts.memoryBytes * WORDS_SHARE);
  let plan = scan.histogram.plan(budget - chunks.tableBytes);
  if (plan.cut && chunks.tableBytes > 0) {
    chunks.release(); // the counting table goes to disk before any chunk is left out
    plan = scan.histogram.plan(budget);
  }
  const r = plan.reduction;
  if (plan.cut) opts.onNote?.(`training on ${r.kept_chunks.toLocaleString('en-US')} of ${(r.kept_chunks + r.dropped_chunks).toLocaleString('en-US')} chunks to fit the memory budget: ${r.dropped_chunks.toLocaleString('en-US')} chunks, ${(100 * r.dropped_char_share).toFixed(2)}% of the characters, left out (${r.rule})`);
  const words = await buildWords(chunks, enc, trains, { cut: plan.cut, units: plan.keptUnits, chunks: plan.reduction.kept_chunks }, opts.signal,
    (done) => opts.onProgress?.({ stage: 'segment', current: done, total: chunks.distinct }));
  chunks.dispose(); // the words hold all the trainer needs: the chunk table's memory goes back
  opts.onProgress?.({ stage: 'pairs', current: 0, total: 1 });
  const stats = await PairStats.build(words, opts.minPairCount, opts.maxPieces - out.length, new Pacer(opts.signal));
  await mergeLoop(enc, stats, out, origin, opts);
  return {
    pieces: out,
    words: words.n,
    reduction: plan.reduction,
    charCoverage: { japaneseChars: cov.chars.length, covered: cov.chars.length, occurrences: cov.occurrences, coveredOccurrences: cov.covered },
  };
}
