// Pair statistics of the trainer: weighted counts of adjacent symbol pairs, the words each pair
// occurs in, and the pending changes of one merge step, all on typed arrays.
import { PairTable, type PairTableBuffers } from '../bpe/pair-table.js';
import type { Pacer } from '../progress.js';
import { WorkerPool, workerUrl } from '../threads.js';
import type { PairHeap } from './heap.js';
import { PairCounter, type CountResult } from './pair-counter.js';
import { keyLeft, keyRight, type StepDeltas } from './merge-step.js';
import { eachPair, PairIndex, symbolsOf, type Words } from './pair-index.js';

/** Another thread that finds pairs in a shared table: when it `reads` the table's current
 * arrays, `find` starts finding the first `n` pairs of `queries` (left, right, left, right, …),
 * and `wait` waits until `answers` holds their ids (or -1). */
export interface PairFinder {
  queries: Int32Array;
  answers: Int32Array;
  reads(table: PairTable): boolean;
  find(n: number): void;
  wait(): void;
}

/** The fewest keys a step looks up with another thread's help. */
export const PARALLEL_KEYS = 256;

/** Ties between equal counts: the pair with the smaller (left, right) ids, never reading order. */
export const tieOf = (table: PairTable, p: number) => table.left(p) * 2097152 + table.right(p);

const DEAD = 1; // popped and found invalid: never a piece
const PARTIAL = 2; // some occurrences were not indexed (the pair was below the threshold then)
const REINDEX = 4; // being reindexed by a scan
const TOUCHED = 8; // changed in the current step (cleared when the step ends)

/** The fewest words whose pairs are counted on more than one thread: a thread takes ~0.1 s to start. */
const PARALLEL_WORDS = 100_000;

/** forEachKey's choice of slots: every key (else a slot parity: 1 for the pairs with the new
 * piece, 0 for those with the merged pair's symbols). */
const ANY_SLOT = 2;

/** Calls fn(key, left, right) for each key of `d` in the slots `slots` picks, in key order, with
 * the pair it stands for in a step merging (l, r) into `id`. */
function forEachKey(
  d: StepDeltas,
  l: number,
  r: number,
  id: number,
  slots: number,
  fn: (key: number, left: number, right: number) => void,
): void {
  const { cap, keys } = d;
  for (let k = 0; k < d.nKeys; k++) {
    const key = keys[k]!;
    const slot = Math.floor(key / cap);
    if (slots !== ANY_SLOT && (slot & 1) !== slots) continue;
    const nb = key - slot * cap;
    fn(key, keyLeft(slot, nb, r, id), keyRight(slot, nb, l, id));
  }
}

/** Counts the pairs of words [from, to): their weighted counts and the number of words each
 * occurs in (what the pair index needs to lay its lists out). Yields to the event loop now and
 * then when given a pacer. */
export async function countRange(words: Words, from: number, to: number, pacer?: Pacer): Promise<CountResult> {
  const { pool, spans, counts } = words;
  const counter = new PairCounter();
  for (let w = from; w < to; w++) {
    if ((w & 16383) === 0 && pacer) await pacer.pace();
    const n = counts[w]!;
    const st = spans[2 * w]!;
    for (let i = st, end = st + spans[2 * w + 1]! - 1; i < end; i++) counter.add(pool[i]!, pool[i + 1]!, w, n);
  }
  return counter.result();
}

/** The words in shared memory, for a worker thread. */
export interface SharedWords {
  pool: SharedArrayBuffer;
  spans: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  n: number;
}

/** Work on a part of the words (words [from, to)) for a worker thread (pair-stats-worker.ts):
 * counting its pairs into a table of its own; or `indexRange` on it, with the `listed` pairs'
 * table and the words each listed pair occurs in there. */
export type PartTask =
  | { kind: 'count'; words: SharedWords; from: number; to: number }
  | {
      kind: 'index';
      words: SharedWords;
      from: number;
      to: number;
      listed: PairTableBuffers;
      occurrences: Int32Array;
    };

/** The shared memory behind a typed array that lives there. */
const sharedOf = (a: Int32Array | Float64Array) => a.buffer as SharedArrayBuffer;

/** Words cut into parts of about equal positions, all but the first worked on by worker threads. */
interface Parts {
  cuts: number[]; // part k is words [cuts[k], cuts[k + 1])
  pool: WorkerPool<PartTask, CountResult | Int32Array>; // an index task's result: its entries
  words: SharedWords;
}

/** The words cut into `parts` parts (at least 2) of about equal positions, with a worker for each part
 * after the first. */
function partsOf(words: Words, positions: number, parts: number): Parts {
  const cuts = [0];
  for (let w = 0; w < words.n && cuts.length < parts; w++)
    if (words.spans[2 * w]! >= (positions * cuts.length) / parts) cuts.push(w);
  while (cuts.length <= parts) cuts.push(words.n);
  return {
    cuts,
    pool: new WorkerPool(workerUrl(import.meta.url, './pair-stats-worker.js'), undefined, parts - 1),
    words: { pool: sharedOf(words.pool), spans: sharedOf(words.spans), counts: sharedOf(words.counts), n: words.n },
  };
}

/** Counts the pairs of every word into `table` (interning them); returns, per part (one
 * without `parts`), the words each pair occurs in by pair id (an array may end before the table:
 * the pairs after occur in no word of its part). With `parts` this thread counts the first part,
 * workers the others; the parts' counts are added in part order (weights are exact, so the
 * counts are those of one thread; ids may come in another order, which changes no result: ties
 * are broken by a pair's symbols). */
async function countPairs(words: Words, table: PairTable, pacer: Pacer, parts?: Parts): Promise<Int32Array[]> {
  const cuts = parts?.cuts ?? [0, words.n];
  const theirs = parts
    ? cuts.slice(1, -1).map((from, k) => parts.pool.run({ kind: 'count', words: parts.words, from, to: cuts[k + 2]! }))
    : [];
  for (const p of theirs) p.catch(() => {}); // awaited in order below; this thread may fail first
  const results = [await countRange(words, 0, cuts[1]!, pacer)];
  for (const t of theirs) results.push((await t) as CountResult);
  const ids = results.map((r) => {
    const out = new Int32Array(r.left.length);
    for (let j = 0; j < out.length; j++) {
      const p = (out[j] = table.intern(r.left[j]!, r.right[j]!));
      table.setCount(p, table.count(p) + r.counts[j]!);
    }
    return out;
  });
  await pacer.pace();
  return results.map((r, j) => {
    const a = new Int32Array(table.size);
    ids[j]!.forEach((p, k) => (a[p] = r.inWords[k]!));
    return a;
  });
}

/**
 * Pair statistics over the words: weighted counts, the words each pair occurs in, pending
 * changes of a merge step. Occurrences that merges create are indexed only for pairs whose count
 * reaches `threshold` (at first the floor of the base pairs' index, the count training is
 * expected to end near): most created pairs are rare and never merged. When a pair that was not
 * fully indexed comes up for merging, one scan of the words indexes every such pair above a
 * lower threshold (a quarter of its count): popped counts never rise, so there are only a few
 * scans, and the result is exact either way.
 */
export class PairStats {
  readonly table: PairTable; // the pairs, with their counts and flags
  index!: PairIndex;
  private readonly touched: number[] = [];
  private readonly before: number[] = []; // counts of the touched pairs before this step
  private readonly notedPairs: number[] = []; // occurrences created this step, indexed at its end
  private readonly notedWords: number[] = [];
  step = 0;
  threshold = Infinity; // created occurrences of pairs below this count are not indexed
  scans = 0; // full scans of the words
  sharedFinds = 0; // steps whose pairs were found with another thread's help
  countThreads = 1; // threads the base's pairs were counted on

  private constructor(
    readonly words: Words,
    private readonly minCount: number,
  ) {
    // Sized once to its expected final size (`build`). Shared: a helper thread may read it.
    this.table = new PairTable(1 << 16, true);
  }

  /** Counts the pairs of `words` (on `threads` threads when there are `parallelFrom` words or
   * more) and indexes the ones that could plausibly be merged. */
  static async build(
    words: Words,
    minCount: number,
    merges: number,
    pacer: Pacer,
    threads = 1,
    parallelFrom = PARALLEL_WORDS,
  ): Promise<PairStats> {
    const s = new PairStats(words, minCount);
    const { table } = s;
    const shared = [words.pool, words.spans, words.counts].every((a) => a.buffer instanceof SharedArrayBuffer);
    const n = words.n >= parallelFrom && shared ? Math.min(threads, 8) : 1;
    const parts = n > 1 ? partsOf(words, symbolsOf(words), n) : undefined;
    try {
      // Merges create pairs: the table ends with an eighth to a fourth as many pairs as positions
      // (11 M of 39 M on the Mistral reference job, 75 M of 600 M on the 2 GB synthetic corpus).
      // Its slots are sized for a sixth now, before it holds any, instead of rehashing their way
      // there (a rehash rewrites every slot at random: ~0.5 s apiece near the end), and its
      // records to half as many as positions, which no job nears: records are written in order,
      // so the untouched ones cost no memory, where growing the records near the end copied them
      // (the peak of the reference job: 155 MB more for a moment).
      const positions = symbolsOf(words) - words.n;
      table.reserve(Math.floor(positions / 6), Math.floor(positions / 2));
      const inWords = await countPairs(words, table, pacer, parts);
      s.countThreads = n;
      // Merged counts never rise, and the pair `merges` places down from the top gives a fair guess
      // of where training ends: index what could plausibly be merged, find the rest if it ever is.
      const initial = table.size;
      const sorted = Float64Array.from({ length: initial }, (_, p) => table.count(p))
        .sort()
        .reverse();
      const floor = Math.max(minCount, (sorted[Math.min(merges, sorted.length) - 1] ?? 0) / 2);
      const ids: number[] = [];
      for (let p = 0; p < initial; p++)
        if (table.count(p) < floor) table.setFlags(p, PARTIAL);
        else ids.push(p);
      // the listed pairs, looked up at every position: a small table, which stays in the cache
      const listed = new PairTable(ids.length, parts !== undefined);
      for (const p of ids) listed.intern(table.left(p), table.right(p));
      const elsewhere = parts
        ? async (from: number, to: number, occurrences: Int32Array) => {
            const task = {
              kind: 'index' as const,
              words: parts.words,
              from,
              to,
              listed: listed.buffers(),
              occurrences,
            };
            return (await parts.pool.run(task)) as Int32Array;
          }
        : undefined;
      const occurrences = inWords.map((a) => Int32Array.from(ids, (p) => a[p] ?? 0));
      s.index = await PairIndex.build(words, listed, occurrences, Int32Array.from(ids), pacer, parts?.cuts, elsewhere);
      s.threshold = floor; // created occurrences too: a pair that grows past the floor needs no scan
      return s;
    } finally {
      await parts?.pool.close();
    }
  }

  /** Bytes held by the statistics and the index. */
  get bytes(): number {
    return this.table.bytes + this.index.bytes;
  }

  /** The pair id of (a, b), interning it. */
  pairOf(a: number, b: number): number {
    return this.table.intern(a, b);
  }

  /** The weighted count of pair p. */
  count(p: number): number {
    return this.table.count(p);
  }

  /** Is pair p dead (popped and found invalid)? */
  dead(p: number): boolean {
    return (this.table.flags(p) & DEAD) !== 0;
  }

  /** Marks pair p dead: never a piece (its words are never needed again). */
  kill(p: number): void {
    this.table.setFlags(p, this.table.flags(p) | DEAD);
    this.index.clear(p);
  }

  /** Changes the count of pair p by d within this step (the result is clamped at 0 by `apply`). */
  bump(p: number, d: number): void {
    const t = this.table;
    const f = t.flags(p);
    const c = t.count(p);
    if (!(f & TOUCHED)) {
      t.setFlags(p, f | TOUCHED);
      this.touched.push(p);
      this.before.push(c);
    }
    t.setCount(p, c + d);
  }

  /** Records that pair p now occurs in word w (indexed when the step ends). */
  note(p: number, w: number): void {
    this.notedPairs.push(p);
    this.notedWords.push(w);
  }

  /** Applies what the simple merges of a step gathered in `d`: the merged pair (l, r) lost
   * `d.merged` occurrences; each neighbour's pairs with l, r and the new piece `id` changed. */
  applyNeighbours(
    d: StepDeltas,
    l: number,
    r: number,
    id: number,
    pi: number,
    finder?: PairFinder,
    findFrom = PARALLEL_KEYS,
  ): void {
    if (d.merged !== 0) this.bump(pi, -d.merged);
    if (finder && d.nKeys >= findFrom && this.reserved(d.nKeys, finder)) {
      this.sharedFinds++;
      this.findPairs(d, l, r, id, finder);
    } else forEachKey(d, l, r, id, ANY_SLOT, (key, a, b) => (d.pair[key] = this.pairOf(a, b)));
    for (let k = 0; k < d.nKeys; k++) this.bump(d.pair[d.keys[k]!]!, d.delta[d.keys[k]!]!);
    this.indexNotes(d);
  }

  /** Indexes the occurrences a simple step created (its counts are final: nothing else changed
   * them), or marks their pairs partly indexed when below the threshold, as `apply` does. */
  private indexNotes(d: StepDeltas): void {
    const t = this.table;
    this.index.noteByKey(d.noteKeys, d.noteWords, d.notes, d.pair, (p) => {
      if (t.count(p) >= this.threshold) return true;
      t.setFlags(p, t.flags(p) | PARTIAL);
      return false;
    });
  }

  /** Indexes a new occurrence of pair p in word w when p counts at least the threshold (its
   * count final for the step); otherwise marks p partly indexed. */
  private indexOccurrence(p: number, w: number): void {
    const t = this.table;
    if (t.count(p) >= this.threshold) this.index.note(p, w);
    else t.setFlags(p, t.flags(p) | PARTIAL);
  }

  /** Makes room in the table for `keys` more pairs (see findPairs); is it still the one `finder`
   * reads? */
  private reserved(keys: number, finder: PairFinder): boolean {
    this.table.reserve(keys);
    return finder.reads(this.table);
  }

  /** Sets `d.pair` for every key of a step with another thread's help: it finds the pairs with
   * l and r (slots 0 and 2), which exist unless the neighbour is the new piece itself, while this
   * thread adds the pairs with the new piece (slots 1 and 3), which are new; the table is made
   * large enough first, so no addition moves what the other thread reads (PairTable.reader).
   * Pair ids then come in another order than one thread's, which changes no result: ties are
   * broken by the pair's symbols, never by its id. */
  private findPairs(d: StepDeltas, l: number, r: number, id: number, finder: PairFinder): void {
    const { queries, answers } = finder;
    let q = 0;
    forEachKey(d, l, r, id, 0, (_, a, b) => {
      queries[2 * q] = a;
      queries[2 * q++ + 1] = b;
    });
    finder.find(q);
    forEachKey(d, l, r, id, 1, (key, a, b) => (d.pair[key] = this.pairOf(a, b)));
    finder.wait();
    q = 0;
    forEachKey(d, l, r, id, 0, (key, a, b) => {
      const p = answers[q++]!;
      d.pair[key] = p >= 0 ? p : this.pairOf(a, b);
    });
  }

  /** Ends a step: clamps counts, indexes the new occurrences of qualifying pairs, pushes the
   * pairs that grew to `low` or more. */
  apply(heap: PairHeap, low: number): void {
    const t = this.table;
    for (let k = 0; k < this.touched.length; k++) {
      const p = this.touched[k]!;
      t.setFlags(p, t.flags(p) & ~TOUCHED);
      const v = t.count(p);
      if (v < 0) t.setCount(p, 0);
      if (v > this.before[k]! && v >= low) heap.push(v, p);
    }
    for (let k = 0; k < this.notedPairs.length; k++) this.indexOccurrence(this.notedPairs[k]!, this.notedWords[k]!);
    this.touched.length = 0;
    this.before.length = 0;
    this.notedPairs.length = 0;
    this.notedWords.length = 0;
  }

  /** Lowers the threshold to `t` and indexes, in one scan of the words, every pair not fully
   * indexed whose count reaches it. */
  async reindex(t: number, pacer: Pacer): Promise<void> {
    this.threshold = t;
    const { table } = this;
    const wanted: number[] = [];
    for (let p = 0; p < table.size; p++) {
      const f = table.flags(p);
      if (!(f & PARTIAL) || table.count(p) < t) continue;
      table.setFlags(p, (f & ~PARTIAL) | REINDEX);
      this.index.clear(p);
      wanted.push(p);
    }
    await this.scan(
      wanted,
      (p, w) => {
        if (table.flags(p) & REINDEX) this.index.note(p, w);
      },
      pacer,
    );
    for (const p of wanted) table.setFlags(p, table.flags(p) & ~REINDEX);
  }

  /** Calls fn(pair, word) for the occurrences in every word of the pairs `wanted` (and maybe a
   * few others): a 2 MB bit filter keeps the hash table out of the loop for all other pairs. */
  private async scan(wanted: readonly number[], fn: (p: number, w: number) => void, pacer: Pacer): Promise<void> {
    this.scans++;
    const bits = new Uint32Array(1 << 19);
    const key = (a: number, b: number) => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 8;
    for (const p of wanted) {
      const k = key(this.table.left(p), this.table.right(p));
      bits[k >>> 5]! |= 1 << (k & 31);
    }
    await eachPair(
      this.words,
      (a, b, w) => {
        const k = key(a, b);
        if (!(bits[k >>> 5]! & (1 << (k & 31)))) return;
        const p = this.table.find(a, b);
        if (p >= 0) fn(p, w);
      },
      pacer,
    );
  }

  /** The words pair p occurs in, in word order, each once, when the index holds them so
   * (PairIndex.inOrder: in `out`, or a larger array); undefined otherwise. */
  wordsInOrder(p: number, out: Int32Array): Int32Array | undefined {
    return this.table.flags(p) & PARTIAL ? undefined : this.index.inOrder(p, out);
  }

  /** The words pair p occurs in; a pair not fully indexed first triggers a reindex. */
  async forEachWord(p: number, fn: (w: number) => void, pacer: Pacer): Promise<void> {
    if (this.table.flags(p) & PARTIAL)
      await this.reindex(Math.max(this.minCount, Math.min(this.threshold, this.count(p)) / 4), pacer);
    if (!(this.table.flags(p) & PARTIAL)) return this.index.forEach(p, fn);
    const seen = new Set<number>(); // a split below even the new threshold: find its words directly
    await this.scan(
      [p],
      (q, w) => {
        if (q === p && !seen.has(w)) {
          seen.add(w);
          fn(w);
        }
      },
      pacer,
    );
  }
}
