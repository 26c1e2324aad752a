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
import { PairIndex, type Words } from './pair-index.js';
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
  readonly index: PairIndex;
  private readonly touched: number[] = [];
  private readonly before: number[] = []; // counts of the touched pairs before this step
  private readonly notedPairs: number[] = []; // occurrences created this step, indexed at its end
  private readonly notedWords: number[] = [];
  step = 0;
  threshold = Infinity; // created occurrences of pairs below this count are not indexed
  scans = 0; // full scans of the words

  constructor(readonly words: Words, private readonly minCount: number, merges: number) {
    const size = Math.max(1 << 12, words.n);
    this.table = new PairTable(size, false);
    this.counts = new Float64Array(size);
    this.stamp = new Int32Array(size);
    this.flags = new Uint8Array(size);
    const { pool, starts, lens, counts } = words;
    for (let w = 0; w < words.n; w++) {
      const n = counts[w]!;
      for (let i = starts[w]!; i < starts[w]! + lens[w]! - 1; i++) {
        const p = this.pairOf(pool[i]!, pool[i + 1]!);
        this.counts[p] = this.counts[p]! + n;
      }
    }
    // Merged counts never rise, and the pair `merges` places down from the top gives a fair guess
    // of where training ends: index what could plausibly be merged, find the rest if it ever is.
    const sorted = this.counts.slice(0, this.table.size).sort().reverse();
    const floor = Math.max(minCount, (sorted[Math.min(merges, sorted.length) - 1] ?? 0) / 2);
    const initial = this.table.size;
    for (let p = 0; p < initial; p++) if (this.counts[p]! < floor) this.flags[p] = PARTIAL;
    this.index = new PairIndex(words, initial, (l, r) => this.table.find(l, r), (p) => this.counts[p]! >= floor);
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
  reindex(t: number): void {
    this.threshold = t;
    const { counts, flags, table } = this;
    const wanted: number[] = [];
    for (let p = 0; p < table.size; p++) {
      if (!(flags[p]! & PARTIAL) || counts[p]! < t) continue;
      flags[p] = (flags[p]! & ~PARTIAL) | REINDEX;
      this.index.clear(p);
      wanted.push(p);
    }
    this.scan(wanted, (p, w) => {
      if (flags[p]! & REINDEX) this.index.note(p, w);
    });
    for (const p of wanted) flags[p]! &= ~REINDEX;
  }

  /** Calls fn(pair, word) for the occurrences in every word of the pairs `wanted` (and maybe a
   * few others): a 2 MB bit filter keeps the hash table out of the loop for all other pairs. */
  private scan(wanted: readonly number[], fn: (p: number, w: number) => void): void {
    this.scans++;
    const bits = new Uint32Array(1 << 19);
    const key = (a: number, b: number) => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 8;
    for (const p of wanted) {
      const k = key(this.table.lefts[p]!, this.table.rights[p]!);
      bits[k >>> 5]! |= 1 << (k & 31);
    }
    const { pool, starts, lens } = this.words;
    for (let w = 0; w < this.words.n; w++) {
      const st = starts[w]!;
      for (let i = st; i < st + lens[w]! - 1; i++) {
        const a = pool[i]!;
        const b = pool[i + 1]!;
        const k = key(a, b);
        if (!(bits[k >>> 5]! & (1 << (k & 31)))) continue;
        const p = this.table.find(a, b);
        if (p >= 0) fn(p, w);
      }
    }
  }

  /** The words pair p occurs in; a pair not fully indexed first triggers a reindex. */
  forEachWord(p: number, fn: (w: number) => void): void {
    if (this.flags[p]! & PARTIAL) this.reindex(Math.max(this.minCount, Math.min(this.threshold, this.counts[p]!) / 4));
    if (!(this.flags[p]! & PARTIAL)) return this.index.forEach(p, fn);
    const seen = new Set<number>(); // a split below even the new threshold: find its words directly
    this.scan([p], (q, w) => {
      if (q === p && !seen.has(w)) {
        seen.add(w);
        fn(w);
      }
    });
  }
}

/** Replaces every occurrence of the new piece `id` in word `w`, updating pair counts and the index. */
function mergeWord(enc: BpeEncoder, s: PairStats, w: number, id: number, l: number, r: number, pi: number, simple: boolean): void {
  const { pool, starts, lens, counts } = s.words;
  const st = starts[w]!;
  const len = lens[w]!;
  const n = counts[w]!;
  if (simple) {
    // One split and no larger piece completed by the new one: a left-to-right replacement of (l, r).
    let o = st;
    let merged = false;
    for (let i = st; i < st + len; i++) {
      if (i + 1 < st + len && pool[i] === l && pool[i + 1] === r) {
        merged = true;
        s.bump(pi, -n);
        if (o > st) {
          const prev = pool[o - 1]!;
          s.bump(s.pairOf(prev, l), -n);
          const p2 = s.pairOf(prev, id);
          s.bump(p2, n);
          s.note(p2, w);
        }
        if (i + 2 < st + len) {
          const next = pool[i + 2]!;
          s.bump(s.pairOf(r, next), -n);
          const p2 = s.pairOf(id, next);
          s.bump(p2, n);
          s.note(p2, w);
        }
        pool[o++] = id;
        i++;
      } else pool[o++] = pool[i]!;
    }
    if (merged) lens[w] = o - st;
    return;
  }
  // Otherwise re-run the encoder on the word (the new piece may complete larger ones).
  let has = false;
  for (let i = st; i < st + len - 1; i++) {
    if (enc.pairs.get(pool[i]!, pool[i + 1]!) === id) { has = true; break; }
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
  lens[w] = after.length;
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
    if (pacer.due()) await pacer.pace();
    if (step % 1000 === 0) opts.onProgress?.({ stage: 'merge', current: out.length, total: target });
    // Every split of the new piece merges now, as the encoder would.
    const splits = enc.splits(id).map(([a, b]) => s.table.find(a, b)).filter((sp) => sp >= 0);
    const words: number[] = [];
    for (const sp of splits) {
      s.forEachWord(sp, (w) => {
        if (seen[w] === step) return;
        seen[w] = step;
        words.push(w);
      });
    }
    const simple = splits.length <= 1 && !enc.completesLarger(id);
    for (const w of words) mergeWord(enc, s, w, id, l, r, pi, simple);
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
  const stats = new PairStats(words, opts.minPairCount, opts.maxPieces - out.length);
  await mergeLoop(enc, stats, out, origin, opts);
  return {
    pieces: out,
    words: words.n,
    reduction: plan.reduction,
    charCoverage: { japaneseChars: cov.chars.length, covered: cov.chars.length, occurrences: cov.occurrences, coveredOccurrences: cov.covered },
  };
}
