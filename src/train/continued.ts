// Continued BPE: new characters by coverage, then new merges learned over the base's own
// segmentation, most frequent adjacent pair first; each merge is applied as the encoder would.
// All state is in typed arrays sized by the corpus, checked against a memory budget.
import type { ChunkSet } from '../corpus/chunk-store.js';
import { Pacer, type RunControl } from '../progress.js';
import { threadCount } from '../threads.js';
import type { Alphabet } from './alphabet.js';
import { PairHeap } from './heap.js';
import { coverageChars } from './coverage.js';
import { MergeHelper } from './merge-helper.js';
import { mergeSimpleRange, StepDeltas } from './merge-step.js';
import { PARALLEL_KEYS, PairStats, tieOf } from './pair-stats.js';
import type { Reduction } from './reduce.js';
import { buildWords, scanChunks, segmentedBytes } from './words.js';

/** A learned piece in training order. */
export interface TrainedPiece {
  piece: string;
  kind: 'new-char' | 'new-merge';
  count: number; // weighted occurrences when it was created
  merge?: [string, string]; // new-merge: the two tokens it joins (HF merges need the split point)
  uses?: number; // weighted occurrences in the training words once every trained piece is applied (pruning ranks by it)
  score?: number; // Unigram: its estimated log probability, written as its score (BPE scores follow from the order)
}

/** Options of the trainer (a subset of BuildSpec). */
export interface TrainOptions extends RunControl {
  maxPieces: number; // stop after this many new pieces
  characterCoverage: number;
  minPairCount: number;
  seedChars?: string[]; // characters added before the coverage ones (from-scratch: ▁)
  memoryBytes?: number; // what the words and pair statistics may use (default: no limit)
  parallelStepFrom?: number; // the fewest words a step merges, keys it looks up, and words whose pairs are counted, on more than one thread (tests lower it)
}

/** Training result: pieces in order plus facts for the manifest. */
export interface TrainResult {
  pieces: TrainedPiece[];
  charCoverage: { japaneseChars: number; covered: number; occurrences: number; coveredOccurrences: number };
  words: number;
  reduction: Reduction;
  sharedSteps?: number; // merge steps whose words were shared with a second thread
  sharedFinds?: number; // merge steps whose pairs were looked up with a second thread's help
  countThreads?: number; // threads the base segmentation's pairs were counted on
}

/** Adds the coverage characters (and seeds) to the alphabet; returns them as pieces. */
function addCharacters(a: Alphabet, charCounts: Float64Array, opts: TrainOptions, ids: number[]) {
  const cov = coverageChars(charCounts, opts.characterCoverage, a.rule.char);
  const out: TrainedPiece[] = [];
  if (!a.charsNeeded) return { out, cov }; // byte-level: every character is made of byte tokens
  for (const { ch, count } of [...(opts.seedChars ?? []).map((ch) => ({ ch, count: 0 })), ...cov.chars]) {
    if (out.length >= opts.maxPieces) break;
    if (a.has(ch)) continue;
    ids.push(a.addChar(ch));
    out.push({ piece: ch, kind: 'new-char', count });
  }
  return { out, cov };
}

/** Encodes word `w` again after the new piece `id` was added, when one of `splitPairs` (left,
 * right, left, right, …: the pairs that merge into it) occurs in it, and changes the pair counts
 * by the difference. */
function encodeAgain(enc: Alphabet, s: PairStats, w: number, splitPairs: readonly number[]): void {
  const { pool, spans, counts } = s.words;
  const st = spans[2 * w]!;
  const len = spans[2 * w + 1]!;
  const n = counts[w]!;
  let has = false;
  for (let i = st; i < st + len - 1 && !has; i++) {
    for (let k = 0; k < splitPairs.length; k += 2)
      if (pool[i] === splitPairs[k] && pool[i + 1] === splitPairs[k + 1]) {
        has = true;
        break;
      }
  }
  if (!has) return;
  const old = Array.from(pool.subarray(st, st + len));
  const after = enc.merge(old.slice());
  pool.set(after, st);
  spans[2 * w + 1] = after.length;
  // Only the pairs between the common prefix and the common suffix of the old and new symbols change.
  const most = Math.min(len, after.length);
  let k = 0;
  while (k < most && old[k] === after[k]) k++;
  let m = 0;
  while (m < most - k && old[len - 1 - m] === after[after.length - 1 - m]) m++;
  for (let i = Math.max(0, k - 1); i < len - 1 && i < len - m; i++) s.bump(s.pairOf(old[i]!, old[i + 1]!), -n);
  for (let i = Math.max(0, k - 1); i < after.length - 1 && i < after.length - m; i++) {
    const a = after[i]!;
    const b = after[i + 1]!;
    const p = s.pairOf(a, b);
    s.bump(p, n);
    if (!adjacentIn(old, a, b)) s.note(p, w);
  }
}

/** Does `a` directly precede `b` somewhere in `syms`? */
function adjacentIn(syms: readonly number[], a: number, b: number): boolean {
  for (let i = 0; i + 1 < syms.length; i++) if (syms[i] === a && syms[i + 1] === b) return true;
  return false;
}

/** The words a step touches, gathered without repeats (reused across steps). Which words are
 * gathered is one bit each: 2.6 M words fit the processor's cache as bits, where an Int32 per
 * word missed the cache (and its page table) on nearly every word gathered. */
class StepWords {
  private readonly seen: Uint32Array;
  private found = new Int32Array(1 << 16);
  n = 0;
  constructor(words: number) {
    this.seen = new Uint32Array((words + 31) >>> 5);
  }
  begin(): void {
    for (let k = 0; k < this.n; k++) this.seen[this.found[k]! >>> 5] = 0;
    this.n = 0;
  }
  add(w: number): void {
    const bit = 1 << (w & 31);
    const i = w >>> 5;
    const v = this.seen[i]!;
    if (v & bit) return;
    this.seen[i] = v | bit;
    if (this.n === this.found.length) {
      const b = new Int32Array(this.found.length * 2);
      b.set(this.found);
      this.found = b;
    }
    this.found[this.n++] = w;
  }
  /** Pair p's words when the index holds them in word order, each once (PairStats.wordsInOrder),
   * read straight into this list's array (nothing to gather: no bits set); undefined otherwise. */
  inOrder(s: PairStats, p: number): Int32Array | undefined {
    const got = s.wordsInOrder(p, this.found);
    if (got && got.buffer !== this.found.buffer) this.found = new Int32Array(got.buffer as ArrayBuffer);
    return got;
  }
  /** The gathered words in word order: their arrays are then read nearly sequentially (far fewer
   * cache misses). Many words (more than an eighth as many as the bits between the first and the
   * last) are read off the bits in order instead of sorted: a step of 10^5 words spends ~0.1 ms
   * on that against ~5 ms sorting. */
  sorted(): Int32Array {
    const { n, found, seen } = this;
    let lo = 0x7fffffff;
    let hi = 0;
    for (let k = 0; k < n; k++) {
      const w = found[k]!;
      if (w < lo) lo = w;
      if (w > hi) hi = w;
    }
    if (n < 64 || (hi >>> 5) - (lo >>> 5) > 8 * n) return found.subarray(0, n).sort();
    let k = 0;
    for (let i = lo >>> 5; i <= hi >>> 5; i++)
      for (let v = seen[i]!; v !== 0; v &= v - 1) found[k++] = (i << 5) | (31 - Math.clz32(v & -v));
    return found.subarray(0, n);
  }
}

/** What every step of the merge loop works with. */
interface Loop {
  enc: Alphabet;
  s: PairStats;
  touched: StepWords;
  deltas: StepDeltas;
  heap: PairHeap;
  pacer: Pacer;
  helper?: MergeHelper; // a second thread for the simple steps with many words
  parallelFrom: number; // the fewest words a step shares with the helper
  findFrom: number; // the fewest keys a step looks up with the helper
  shared: number; // steps shared so far
  low: number; // every live pair counting this or more is in the heap (rarer ones enter when it falls)
}

/** The fewest words a step shares with the helper thread: handing a step over and collecting it
 * costs tens of microseconds, merging a word a few hundred nanoseconds. */
const PARALLEL_STEP = 2048;
/** The fewest training words for which the merge loop starts a helper thread. */
const PARALLEL_WORDS = 100_000;

/** Applies the new piece `id` (made of `l` and `r`) in every word that holds one of its splits,
 * as the encoder would, and brings the pair counts up to date. */
async function applyMerge(loop: Loop, id: number, l: number, r: number, pi: number): Promise<void> {
  const { enc, s, touched, deltas, pacer, helper } = loop;
  const splits = enc
    .splits(id)
    .map(([a, b]) => s.table.find(a, b))
    .filter((sp) => sp >= 0);
  touched.begin();
  let words = splits.length === 1 ? touched.inOrder(s, splits[0]!) : undefined;
  if (!words) {
    for (const sp of splits) await s.forEachWord(sp, (w) => touched.add(w), pacer);
    words = touched.sorted();
  }
  deltas.begin(s.step, enc.texts.length);
  const again = async (list: Int32Array) => {
    const pairs = splits.flatMap((sp) => [s.table.left(sp), s.table.right(sp)]);
    for (let k = 0; k < list.length; k++) {
      encodeAgain(enc, s, list[k]!, pairs);
      if ((k & 8191) === 8191) await pacer.pace();
    }
  };
  if (splits.length > 1)
    await again(words); // pieces with more than one split (SentencePiece)
  else {
    // the simple case: each occurrence of (l, r) is replaced by the new piece, left to right;
    // a word where it would then merge on into a larger piece (SentencePiece) is deferred
    const more = enc.mergesWith(id);
    const onward = more.before.length + more.after.length > 0 ? more : undefined;
    if (helper && words.length >= loop.parallelFrom && helper.takes(onward)) {
      // the helper merges the later half while this thread merges the first
      const half = words.length >>> 1;
      loop.shared++;
      helper.run(words, half, s.step, enc.texts.length, id, l, r, onward);
      mergeSimpleRange(s.words, deltas, words, 0, half, id, l, r, onward);
      const theirs = helper.wait();
      deltas.absorb(helper.deltas, theirs);
      mergeSimpleRange(s.words, deltas, words, theirs.doneTo, words.length, id, l, r, onward);
    } else
      for (let k = 0; k < words.length; k += 8192) {
        mergeSimpleRange(s.words, deltas, words, k, Math.min(words.length, k + 8192), id, l, r, onward);
        if (k + 8192 < words.length) await pacer.pace();
      }
    if (deltas.nDeferred > 0) await again(deltas.deferred.subarray(0, deltas.nDeferred));
  }
  s.applyNeighbours(deltas, l, r, id, pi, helper, loop.findFrom);
  s.apply(loop.heap, loop.low);
  for (const sp of splits) s.index.clear(sp);
}

/** Pushes every pair counting `low` or more and less than `below` (dead ones aside) onto the heap. */
function enter(s: PairStats, heap: PairHeap, low: number, below: number): void {
  for (let p = 0; p < s.table.size; p++) {
    const c = s.count(p);
    if (c >= low && c < below && !s.dead(p)) heap.push(c, p);
  }
}

/** The merge loop: pops the most frequent valid pair, adds it as a piece, applies it everywhere.
 * The heap holds only the pairs that could come up soon (at first those counting at least the
 * floor of the pair index, ~1/50 of all pairs): pops stay in the processor's cache, and the
 * millions of rare pairs merges create never enter it unless training reaches down to them. */
async function mergeLoop(
  enc: Alphabet,
  s: PairStats,
  out: TrainedPiece[],
  ids: number[],
  opts: TrainOptions,
): Promise<number> {
  const target = opts.maxPieces;
  const deltas = new StepDeltas();
  deltas.begin(0, enc.texts.length + target - out.length); // sized once for every symbol the loop can make
  const threads = threadCount(opts.threads);
  const parallelFrom = opts.parallelStepFrom ?? PARALLEL_STEP;
  const helped = threads > 1 && s.words.n >= (opts.parallelStepFrom ?? PARALLEL_WORDS);
  const loop: Loop = {
    enc,
    s,
    touched: new StepWords(s.words.n),
    deltas,
    heap: new PairHeap((p) => tieOf(s.table, p)),
    pacer: new Pacer(opts.signal),
    helper: helped ? await MergeHelper.start(s.words, s.table, deltas.cap) : undefined,
    parallelFrom,
    findFrom: opts.parallelStepFrom ?? PARALLEL_KEYS,
    shared: 0,
    low: Math.max(opts.minPairCount, s.threshold),
  };
  const { heap, pacer } = loop;
  const minCount = opts.minPairCount;
  enter(s, heap, loop.low, Infinity);
  try {
    while (out.length < target) {
      if (heap.size === 0) {
        if (loop.low <= minCount) break;
        const low = Math.max(minCount, loop.low / 4);
        enter(s, heap, low, loop.low);
        loop.low = low;
        continue;
      }
      const [c, pi] = heap.pop()!;
      const live = s.count(pi);
      if (live !== c) {
        if (live >= loop.low && live < c) heap.push(live, pi);
        continue;
      }
      if (s.dead(pi)) continue;
      const l = s.table.left(pi);
      const r = s.table.right(pi);
      const text = enc.texts[l]! + enc.texts[r]!;
      if (enc.has(text) || !enc.allowed(l, r)) {
        s.kill(pi);
        continue;
      }
      const id = enc.addMerge(l, r);
      out.push({ piece: text, kind: 'new-merge', count: c, merge: [enc.texts[l]!, enc.texts[r]!] });
      ids.push(id);
      s.step++;
      if (pacer.due()) {
        opts.onProgress?.({ stage: 'merge', current: out.length, total: target });
        await pacer.pace();
      }
      if (loop.helper && !loop.helper.reads(s.table)) {
        // the table grew into new arrays: a new helper reads them, the old one's go with it
        await loop.helper.close();
        loop.helper = await MergeHelper.start(s.words, s.table, deltas.cap);
      }
      await applyMerge(loop, id, l, r, pi);
    }
  } finally {
    await loop.helper?.close();
  }
  opts.onProgress?.({ stage: 'merge', current: out.length, total: target });
  return loop.shared;
}

/** Sets each trained piece's `uses`: its weighted occurrences in the words as training left them,
 * which is how the encoder segments them with every trained piece. */
function countUses(words: PairStats['words'], symbols: number, ids: readonly number[], out: TrainedPiece[]): void {
  const index = new Int32Array(symbols).fill(-1);
  ids.forEach((id, k) => {
    index[id] = k;
  });
  const uses = new Float64Array(out.length);
  const { pool, spans, counts } = words;
  for (let w = 0; w < words.n; w++) {
    const st = spans[2 * w]!;
    const end = st + spans[2 * w + 1]!;
    for (let i = st; i < end; i++) {
      const k = index[pool[i]!]!;
      if (k >= 0) uses[k] = uses[k]! + counts[w]!;
    }
  }
  out.forEach((t, k) => {
    t.uses = uses[k]!;
  });
}

/** The result of a run that needs no new pieces (a trim to exactly --target): nothing trained. */
export function untrained(): TrainResult {
  return {
    pieces: [],
    words: 0,
    reduction: {
      budget_bytes: 0,
      needed_bytes: 0,
      kept_chunks: 0,
      dropped_chunks: 0,
      dropped_occurrences: 0,
      dropped_char_share: 0,
      rule: 'no training: the target needs no new pieces',
    },
    charCoverage: { japaneseChars: 0, covered: 0, occurrences: 0, coveredOccurrences: 0 },
  };
}

/** Runs continued BPE over counted chunks on top of the base `enc` (which grows); disposes
 * `chunks` once segmented. */
export async function trainContinued(enc: Alphabet, chunks: ChunkSet, opts: TrainOptions): Promise<TrainResult> {
  const trains = enc.rule.trainsOn;
  const scan = await scanChunks(chunks, enc.rule.trainsOnUnits, opts.signal);
  const ids: number[] = []; // the alphabet id of each trained piece
  const { out, cov } = addCharacters(enc, scan.charCounts, opts, ids);
  const budget = opts.memoryBytes ?? Infinity;
  // The trainer's peak comes after segmentation, once the counting table is gone; while
  // segmenting, the table is beside the words alone, and goes to disk only when both do not fit
  // (writing it out and reading it back took 25 s of the 2 GB job).
  const plan = scan.histogram.plan(budget);
  if (chunks.tableBytes + segmentedBytes(plan.keptUnits, plan.reduction.kept_chunks) > budget) chunks.release();
  const r = plan.reduction;
  if (plan.cut)
    opts.onNote?.(
      `training on ${r.kept_chunks.toLocaleString('en-US')} of ${(r.kept_chunks + r.dropped_chunks).toLocaleString('en-US')} chunks to fit the memory budget: ${r.dropped_chunks.toLocaleString('en-US')} chunks, ${(100 * r.dropped_char_share).toFixed(2)}% of the characters, left out (${r.rule})`,
    );
  const words = await buildWords(
    chunks,
    enc,
    trains,
    { cut: plan.cut, units: plan.keptUnits, chunks: plan.reduction.kept_chunks },
    {
      signal: opts.signal,
      threads: opts.threads,
      onChunk: (done) => opts.onProgress?.({ stage: 'segment', current: done, total: chunks.distinct }),
    },
  );
  chunks.dispose(); // the words hold all the trainer needs: the chunk table's memory goes back
  opts.onProgress?.({ stage: 'pairs', current: 0, total: 1 });
  const stats = await PairStats.build(
    words,
    opts.minPairCount,
    opts.maxPieces - out.length,
    new Pacer(opts.signal),
    threadCount(opts.threads),
    opts.parallelStepFrom,
  );
  const sharedSteps = await mergeLoop(enc, stats, out, ids, opts);
  countUses(stats.words, enc.texts.length, ids, out);
  return {
    pieces: out,
    words: words.n,
    reduction: plan.reduction,
    sharedSteps,
    sharedFinds: stats.sharedFinds,
    countThreads: stats.countThreads,
    charCoverage: {
      japaneseChars: cov.chars.length,
      covered: cov.chars.length,
      occurrences: cov.occurrences,
      coveredOccurrences: cov.covered,
    },
  };
}
