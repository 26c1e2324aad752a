// Reads every corpus source and counts its chunks (pretokens) in bounded memory, with file facts
// for the manifest. Each file is hashed in the same read that counts it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { balancedWeights, exactWeight, listCorpora, skippedNote, type CorpusFile, type InputFile } from './files.js';
import { addStats, decodedBytes, emptyStats, readCorpusFile, readLineBatches, type ReadStats } from './read.js';
import { ChunkStore, type ChunkSet } from './chunk-store.js';
import { BATCH_BYTES, countBatch, type BatchCounts, type CountTask } from './count-batch.js';
import type { Pretokenizer } from './pretokenize.js';
import { InputError, UsageError } from '../errors.js';
import { sha256File } from '../io/atomic.js';
import { throwIfAborted, type RunControl } from '../progress.js';
import { InOrder, threadCount, WorkerPool, workerUrl } from '../threads.js';
import { readCountsInto, type CountSpec } from './counts-file.js';
import type { CorpusSource } from '../spec.js';

/** Counting result: the chunks (in memory or spilled to disk) and what was read. */
export interface CountResult {
  chunks: ChunkSet;
  files: InputFile[];
  stats: ReadStats;
  spills: number; // times the table went to disk
  threads: number; // threads that counted (1: this one); never changes a result
}

/** What counting reads and how much memory its table may use. */
export interface CountOptions extends RunControl {
  corpora: CorpusSource[];
  textField: string;
  skipInvalid: boolean;
  balance: number; // source balancing exponent (see balancedWeights)
  tableBytes: number; // the chunk table spills to disk beyond this
  tmpDir?: string;
  batchBytes?: number; // the bytes of lines counted together (default BATCH_BYTES; tests lower it)
}

/** Corpus bytes per distinct chunk, about (ja-train-aozora: 51, with the Wikipedia texts: 51):
 * the counting table starts sized for the chunks a corpus of its size holds. */
const BYTES_PER_CHUNK = 64;

/** The most threads counting uses: past a few, this thread's adding of their tables is the limit,
 * and each thread holds up to two batches (their bytes and tables, outside the counting budget). */
const COUNT_THREADS = 8;

/** The count spec of a run: what must agree for counts to be summed (only what changes the chunks:
 * the text field does not, so `_textField` is ignored; it stays until callers stop passing it). */
export const countSpecOf = (p: Pretokenizer): CountSpec => ({ pretokenizer: p.id });

/** Refuses a shard given twice, by name, through a link or under another path (it would count twice). */
export function checkDistinctShards(files: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const f of files) {
    let st: fs.Stats;
    try {
      st = fs.statSync(f);
    } catch {
      continue; // reading it names the missing file
    }
    const id = `${st.dev}:${st.ino}`;
    const first = seen.get(id);
    if (first !== undefined) {
      const what = first === f ? `${f} is given twice` : `${first} and ${f} are the same file (${fs.realpathSync(f)})`;
      throw new UsageError(`--counts ${what}: its counts would be added twice`, 'pass each shard once');
    }
    seen.set(id, f);
  }
}

/** Sums count shards (made by `tokext count`, or summed by another engine) in bounded memory. */
export async function loadCounts(
  pretokenizer: Pretokenizer,
  files: string[],
  o: Omit<CountOptions, 'corpora' | 'skipInvalid' | 'balance'>,
): Promise<CountResult> {
  checkDistinctShards(files);
  const store = new ChunkStore({ limitBytes: o.tableBytes, tmpDir: o.tmpDir, onNote: o.onNote });
  const stats = emptyStats();
  const inputs: InputFile[] = [];
  try {
    for (const [k, f] of files.entries()) {
      const prov = await readCountsInto(f, store, countSpecOf(pretokenizer), o.signal);
      throwIfAborted(o.signal);
      inputs.push(...(prov?.inputs ?? [{ path: f, bytes: fs.statSync(f).size, sha256: sha256File(f), weight: 1 }]));
      stats.records += prov?.records ?? 0;
      stats.files++;
      o.onProgress?.({ stage: 'sum-counts', current: k + 1, total: files.length });
    }
    const chunks = await store.finish(o.signal);
    return { chunks, files: inputs, stats, spills: store.spills, threads: 1 };
  } catch (e) {
    store.dispose();
    throw e;
  }
}

/** Counts the chunks of a few texts in memory (tests, small tools, library users with strings). */
export async function countTexts(pretokenizer: Pretokenizer, texts: Iterable<string>, weight = 1): Promise<ChunkSet> {
  const store = new ChunkStore({ limitBytes: Infinity });
  const w = exactWeight(weight);
  for (const t of texts) pretokenizer.chunks(t, (s, a, b) => store.add(s, a, b, w));
  return store.finish();
}

/** Each source's size for balancing: its decoded bytes (see decodedBytes), measured only when the
 * weights depend on them (several sources, alpha < 1); otherwise the bytes on disk, which do not matter. */
async function balanceSizes(sources: CorpusFile[][], o: CountOptions): Promise<number[]> {
  const onDisk = sources.map((fs) => fs.reduce((s, f) => s + f.bytes, 0));
  if (sources.length < 2 || o.balance >= 1) return onDisk;
  const total = onDisk.reduce((a, b) => a + b, 0);
  let before = 0;
  const sizes: number[] = [];
  for (const fs of sources) {
    let n = 0;
    for (const f of fs) {
      const onProgress = (r: number) => o.onProgress?.({ stage: 'measure', current: before + r, total });
      n += await decodedBytes(f, { textField: o.textField, signal: o.signal, onProgress });
      before += f.bytes;
    }
    sizes.push(n);
  }
  return sizes;
}

/** Counts a file's texts or lines a batch at a time (see count-batch.ts): on worker threads when
 * there are several and the input is more than a couple of batches, else on this thread; the
 * store sees the same additions either way. */
class BatchCounter {
  private texts: string[] = [];
  private units = 0;
  private readonly sent: CorpusFile[] = []; // the file of each batch not taken yet, in order
  private taken?: CorpusFile; // the file of the batch taken last
  private linesBefore = 0; // lines of its batches taken so far
  private readonly pool?: WorkerPool<CountTask, BatchCounts>;
  private readonly order?: InOrder<CountTask, BatchCounts>;

  constructor(
    private readonly pretokenizer: Pretokenizer,
    private readonly store: ChunkStore,
    private readonly stats: ReadStats,
    private readonly batchBytes: number,
    threads: number,
    bytes: number,
  ) {
    if (threads > 1 && pretokenizer.recipe && bytes > 2 * batchBytes) {
      this.pool = new WorkerPool(workerUrl(import.meta.url, './count-worker.js'), pretokenizer.recipe, threads);
      this.order = new InOrder(this.pool, (c) => this.take(c));
    }
  }

  /** Threads counting: the pool's, or this one. */
  get threads(): number {
    return this.pool?.size ?? 1;
  }

  /** Reads one file and counts it (the last batches may still be counting: see finish). */
  async count(f: CorpusFile, o: CountOptions, progress: (n: number) => void, hash: crypto.Hash): Promise<void> {
    const read = { signal: o.signal, onRawChunk: (c: Buffer) => hash.update(c), onProgress: progress };
    if (f.format === 'parquet') {
      const opts = { ...read, textField: o.textField, skipInvalid: o.skipInvalid };
      await readCorpusFile(f, opts, this.stats, (text) => this.addText(text, f));
      await this.flushTexts(f);
    } else {
      const lines = { format: f.format, textField: o.textField, skipInvalid: o.skipInvalid };
      await readLineBatches(
        f,
        read,
        this.batchBytes,
        (bytes) => this.run({ bytes, lines, weight: f.weight }, f),
        () => (this.taken === f ? this.linesBefore : 0),
      );
      this.stats.files++;
      this.stats.bytes += f.bytes;
    }
  }

  /** Waits for every batch's counts to be in the store. */
  async finish(): Promise<void> {
    await this.order?.drain();
  }

  /** Takes a record's text; a promise when it ended a batch. */
  private addText(text: string, f: CorpusFile): void | Promise<void> {
    this.texts.push(text);
    this.units += text.length;
    if (2 * this.units >= this.batchBytes) return this.flushTexts(f);
  }

  private async flushTexts(f: CorpusFile): Promise<void> {
    if (this.texts.length === 0) return;
    const task: CountTask = { texts: this.texts, weight: f.weight };
    this.texts = [];
    this.units = 0;
    await this.run(task, f);
  }

  private async run(task: CountTask, f: CorpusFile): Promise<void> {
    this.sent.push(f);
    if (!this.order) return this.take(countBatch(this.pretokenizer, task));
    await this.order.push(task, 'bytes' in task ? [task.bytes.buffer as ArrayBuffer] : []);
  }

  /** A batch's counts into the store, in batch order; what its lines held into the stats (a bad
   * line stops the count, named by its file and line). */
  private take(c: BatchCounts): void {
    const f = this.sent.shift()!;
    if (f !== this.taken) {
      this.taken = f;
      this.linesBefore = 0;
    }
    this.store.addEntries(c.entries);
    if (!c.stats) return;
    addStats(this.stats, c.stats);
    if (c.fault) throw new InputError(c.fault.what, f.path, this.linesBefore + c.fault.line, c.fault.hint);
    this.linesBefore += c.stats.lines;
  }

  /** Stops the threads (at the end, or on a failure). */
  async close(): Promise<void> {
    this.order?.abandon();
    await this.pool?.close();
  }
}

/** Reads every corpus file once, counting its chunks with `pretokenizer`. */
export async function countCorpora(pretokenizer: Pretokenizer, o: CountOptions): Promise<CountResult> {
  const listing = listCorpora(o.corpora);
  const note = skippedNote(listing.skipped);
  if (note) o.onNote?.(note);
  const listed = listing.sources;
  const sizes = await balanceSizes(listed, o);
  const weights = balancedWeights(
    listed.map((_, k) => ({ bytes: sizes[k]!, weight: o.corpora[k]!.weight })),
    o.balance,
  );
  const files = listed.flatMap((fs, k) => fs.map((f) => ({ ...f, weight: weights[k]! })));
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const expect = Math.floor(total / BYTES_PER_CHUNK);
  const store = new ChunkStore({ limitBytes: o.tableBytes, tmpDir: o.tmpDir, onNote: o.onNote, expect });
  const stats = emptyStats();
  const inputs: InputFile[] = [];
  const counter = new BatchCounter(
    pretokenizer,
    store,
    stats,
    o.batchBytes ?? BATCH_BYTES,
    Math.min(COUNT_THREADS, threadCount(o.threads)),
    total,
  );
  try {
    let before = 0;
    for (const f of files) {
      const hash = crypto.createHash('sha256');
      const progress = (n: number) => o.onProgress?.({ stage: 'count', current: before + Math.min(n, f.bytes), total });
      await counter.count(f, o, progress, hash);
      before += f.bytes;
      inputs.push({
        path: f.path,
        bytes: f.bytes,
        sha256: f.format === 'parquet' ? sha256File(f.path) : hash.digest('hex'),
        weight: f.weight,
      });
    }
    await counter.finish();
    if (stats.records === 0) {
      throw new InputError(
        'corpus has no text (every file is empty or every line was skipped)',
        o.corpora.map((c) => c.path).join(', '),
        undefined,
        'check the --corpus paths',
      );
    }
    const chunks = await store.finish(o.signal);
    return { chunks, files: inputs, stats, spills: store.spills, threads: counter.threads };
  } catch (e) {
    store.dispose();
    throw store.failure ?? e; // a failed spill is the error, not the corpus file the reader was in
  } finally {
    await counter.close();
  }
}
