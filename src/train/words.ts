// The trainer's input: the chunks, scanned once for character counts and sizes, then segmented
// by the base into words (symbol sequences) held in typed arrays.
import type { ChunkBatch, ChunkSet } from '../corpus/chunk-store.js';
import { hashUnitArray } from '../corpus/chunk-table.js';
import { codePointOfUnits } from '../corpus/unicode.js';
import { throwIfAborted } from '../progress.js';
import { runInOrder, threadCount, WorkerPool, workerUrl } from '../threads.js';
import type { Alphabet } from './alphabet.js';
import { kept as keeps, ReductionHistogram, type Cut } from './reduce.js';
import type { Words } from './pair-index.js';

/** Estimated trainer bytes for a chunk of `units` code units, against the whole training share:
 * its symbols (4 bytes each), its pair index entries, its share of the pair table, the per-word
 * arrays (16 bytes). Measured on the 2 GB synthetic corpus (649 M units in 43.4 M chunks): the
 * trainer's peak is ~15% above this, within the budget's slack (memory.ts BUDGET_SLACK). */
export const wordBytes = (units: number) => 8 * units + 40;

/** Bytes the words of `chunks` chunks of `units` code units in all take by themselves, as
 * buildWords allocates them (4 per symbol, 16 per word): what segmentation holds beside the
 * chunk table, before the pair statistics exist. */
export const segmentedBytes = (units: number, chunks: number) => 4 * units + 16 * chunks;

/** What one pass over the chunks learns. */
export interface ChunkScan {
  charCounts: Float64Array; // weighted occurrences of each code point (▁ excluded), all chunks
  histogram: ReductionHistogram; // of the chunks that will be trained on
}

/** Chunks per batch of the scan. */
const SCAN_BATCH = 1 << 14;

/** Counts characters of every chunk and sizes of the ones `trains` accepts, reading their UTF-16
 * units (no string per chunk: making them was most of the scan's time). */
export async function scanChunks(
  chunks: ChunkSet,
  trains: (units: Uint16Array, start: number, end: number) => boolean,
  signal?: AbortSignal,
): Promise<ChunkScan> {
  const charCounts = new Float64Array(0x110000);
  const histogram = new ReductionHistogram();
  for await (const { units, lens, counts } of chunks.rows(SCAN_BATCH, signal)) {
    for (let k = 0, at = 0; k < lens.length; at += lens[k++]!) {
      const end = at + lens[k]!;
      const count = counts[k]!;
      for (let i = at; i < end; i++) {
        const cp = codePointOfUnits(units, i, end);
        if (cp > 0xffff) i++;
        if (cp !== 0x2581) charCounts[cp]! += count;
      }
      if (trains(units, at, end)) histogram.add(count, hashUnitArray(units, at, end), end - at, wordBytes(end - at));
    }
  }
  return { charCounts, histogram };
}

/** Int32 and Float64 arrays in memory threads can share (the merge loop's helper thread works on
 * the words in place). */
const sharedInt32 = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
const sharedFloat64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));

/** Appends words to typed arrays in shared memory, growing the per-word ones by a quarter as needed. */
class WordsBuilder {
  private pool: Int32Array;
  private poolLen = 0;
  private spans: Int32Array;
  private counts: Float64Array;
  private n = 0;

  /** @param poolSize symbols expected (an upper bound); @param words words expected (a guess) */
  constructor(poolSize: number, words: number) {
    this.pool = sharedInt32(Math.max(16, poolSize));
    const cap = Math.max(1 << 10, words);
    this.spans = sharedInt32(2 * cap);
    this.counts = sharedFloat64(cap);
  }

  /** Makes room for `words` more words of `symbols` symbols in all. */
  private room(symbols: number, words: number): void {
    if (this.n + words > this.counts.length) {
      const size = Math.max(this.n + words, Math.ceil(this.n * 1.25));
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.spans = grow(this.spans, sharedInt32(2 * size));
      this.counts = grow(this.counts, sharedFloat64(size));
    }
    if (this.poolLen + symbols > this.pool.length) {
      const g = sharedInt32(Math.max(this.pool.length * 2, this.poolLen + symbols));
      g.set(this.pool);
      this.pool = g;
    }
  }

  /** Records the next word: its `length` symbols are in the pool from poolLen on. */
  private push(length: number, count: number): void {
    this.spans[2 * this.n] = this.poolLen;
    this.spans[2 * this.n + 1] = length;
    this.counts[this.n++] = count;
    this.poolLen += length;
  }

  add(syms: ArrayLike<number>, count: number): void {
    this.room(syms.length, 1);
    this.pool.set(syms, this.poolLen);
    this.push(syms.length, count);
  }

  /** Appends a worker's words (SegmentResult: symbols end to end, each word's length and count)
   * with one copy of all their symbols, where a word at a time made a view and a copy per word. */
  addAll(symbols: Int32Array, lengths: Int32Array, counts: Float64Array): void {
    this.room(symbols.length, lengths.length);
    this.pool.set(symbols, this.poolLen);
    for (let k = 0; k < lengths.length; k++) this.push(lengths[k]!, counts[k]!);
  }

  finish(): Words {
    return { pool: this.pool, spans: this.spans, counts: this.counts, n: this.n };
  }
}

/** Chunks handed to a worker thread: their text end to end, where each ends, their counts. */
export interface SegmentTask {
  text: string;
  ends: Int32Array;
  counts: Float64Array;
}

/** A worker's words of one task, in order: symbols end to end, each word's length and count. */
export interface SegmentResult {
  symbols: Int32Array;
  lengths: Int32Array;
  counts: Float64Array;
}

/** Chunks per task: large enough that a task costs far more than its message. */
const BATCH = 4096;
/** Fewer chunks than this are segmented on the calling thread: starting a worker (loading the
 * module, rebuilding the base's encoder: 0.5–1.5 s) costs more than it would save. */
const PARALLEL_FROM = 200_000;

/** How buildWords runs: cancellation, progress, threads (default: one per core). */
export interface BuildWordsRun {
  signal?: AbortSignal;
  onChunk?: (done: number) => void;
  threads?: number;
  parallelFrom?: number; // the fewest chunks segmented on threads (tests lower it)
  batch?: number; // chunks per task (tests lower it)
}

/** The base segmentation of every kept chunk into words of two or more symbols. `units` (code units of the kept
 * chunks) bounds the symbols, so the pool is allocated once. Words come out in chunk order
 * whatever the number of threads. */
export async function buildWords(
  chunks: ChunkSet,
  enc: Alphabet,
  trains: (chunk: string) => boolean,
  kept: { cut: Cut | null; units: number; chunks: number },
  run: BuildWordsRun = {},
): Promise<Words> {
  const b = new WordsBuilder(kept.units, kept.chunks);
  const wanted = (chunk: string, count: number) => trains(chunk) && keeps(kept.cut, count, chunk);
  const threads = threadCount(run.threads);
  let done = 0;
  const batch = run.batch ?? BATCH;
  if (threads === 1 || chunks.distinct < Math.max(2 * batch, run.parallelFrom ?? PARALLEL_FROM)) {
    await chunks.forEach((chunk, count) => {
      if ((++done & 65535) === 0) run.onChunk?.(done);
      if (wanted(chunk, count)) enc.segment(chunk, (seg) => b.add(seg, count));
    }, run.signal);
    return b.finish();
  }
  const pool = new WorkerPool<SegmentTask, SegmentResult>(
    workerUrl(import.meta.url, './segment-worker.js'),
    enc.recipe(),
    threads,
  );
  async function* tasks(): AsyncIterable<[SegmentTask, ArrayBuffer[]]> {
    for await (const part of chunks.batches(batch, run.signal)) {
      done += part.chunks.length;
      run.onChunk?.(done);
      const t = taskOf(part, wanted);
      yield [t, [t.ends.buffer as ArrayBuffer, t.counts.buffer as ArrayBuffer]];
    }
  }
  try {
    await runInOrder(pool, tasks(), (r) => {
      throwIfAborted(run.signal);
      b.addAll(r.symbols, r.lengths, r.counts);
    });
  } finally {
    await pool.close();
  }
  return b.finish();
}

/** The wanted chunks of a batch as one task. */
function taskOf(batch: ChunkBatch, wanted: (chunk: string, count: number) => boolean): SegmentTask {
  const kept: string[] = [];
  const counts: number[] = [];
  batch.chunks.forEach((c, k) => {
    if (!wanted(c, batch.counts[k]!)) return;
    kept.push(c);
    counts.push(batch.counts[k]!);
  });
  const ends = new Int32Array(kept.length);
  let at = 0;
  kept.forEach((c, k) => (ends[k] = at += c.length));
  return { text: kept.join(''), ends, counts: Float64Array.from(counts) };
}

/** The words of one task (runs in a worker thread). */
export function segmentTask(enc: Alphabet, t: SegmentTask): SegmentResult {
  let symbols = new Int32Array(Math.max(16, t.text.length));
  let used = 0;
  const lengths: number[] = [];
  const counts: number[] = [];
  let start = 0;
  t.ends.forEach((end, k) => {
    enc.segment(t.text.slice(start, end), (seg) => {
      if (used + seg.length > symbols.length) {
        const g = new Int32Array(2 * (used + seg.length));
        g.set(symbols);
        symbols = g;
      }
      for (let i = 0; i < seg.length; i++) symbols[used++] = seg[i]!; // a few symbols: no call into set
      lengths.push(seg.length);
      counts.push(t.counts[k]!);
    });
    start = end;
  });
  return { symbols: symbols.slice(0, used), lengths: Int32Array.from(lengths), counts: Float64Array.from(counts) };
}
