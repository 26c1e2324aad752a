// Read every corpus source and count its chunks (pretokens), with file facts for the manifest.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ChunkCounter } from './pretokenize.js';
import { emptyStats, listCorpusFiles, readCorpusFile, type CorpusFile, type InputFile, type ReadStats } from './read.js';
import type { OnProgress } from '../progress.js';
import { InputError, InterruptedError } from '../errors.js';
import { sha256File } from '../io/atomic.js';
import type { BuildSpec } from '../options.js';

/** Counting result. */
export interface CountResult {
  counts: Map<string, number>;
  files: InputFile[];
  stats: ReadStats;
}

// Counting threads default to 1: on this 2-core machine merging the workers' maps (2.5 M
// pretokens for the 132 MB job) costs more than the second core saves (6.2 s vs 5.5 s measured).
// Machines with more cores can pass workers; the scale-out path is `tokext count` per shard.

/** The compiled worker script (tests run the sources, so always point at dist/). */
function workerScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', 'dist', 'corpus', 'count-worker.js');
}

/** Splits plain files into ranges of about `size` bytes; gzip files stay whole. */
export function rangeTasks(files: CorpusFile[], size: number): CorpusFile[] {
  const tasks: CorpusFile[] = [];
  for (const f of files) {
    if (f.gzip || f.bytes <= size) tasks.push(f);
    else for (let s = 0; s < f.bytes; s += size) tasks.push({ ...f, start: s, end: Math.min(f.bytes, s + size) });
  }
  return tasks;
}

/** Counts with worker threads; resolves to undefined if a worker hit bad input (the caller
 * then recounts on one thread to report the exact file and line). */
async function countParallel(
  files: CorpusFile[],
  spec: { textField: string; skipInvalid: boolean; splitByScript?: boolean },
  workers: number,
  opts: { signal?: AbortSignal; onProgress?: OnProgress },
): Promise<{ counts: Map<string, number>; stats: ReadStats } | undefined> {
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const tasks = rangeTasks(files, Math.max(8 << 20, Math.ceil(total / (workers * 4))));
  const shares: CorpusFile[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const t of [...tasks].sort((a, b) => ((b.end ?? b.bytes) - (b.start ?? 0)) - ((a.end ?? a.bytes) - (a.start ?? 0)))) {
    const k = load.indexOf(Math.min(...load));
    shares[k]!.push(t);
    load[k]! += (t.end ?? t.bytes) - (t.start ?? 0);
  }
  let done = 0;
  const report = (bytes: number) => {
    done += bytes;
    opts.onProgress?.({ stage: 'count', current: done, total });
  };
  // Share 0 is counted on this thread, straight into the result; the others in workers.
  const counter = new ChunkCounter(true, spec.splitByScript !== false);
  const mainStats = emptyStats();
  const mine = (async () => {
    try {
      for (const f of shares[0]!) {
        await readCorpusFile(f, { textField: spec.textField, skipInvalid: spec.skipInvalid, signal: opts.signal }, mainStats, (t) => counter.add(t, f.weight));
        report((f.end ?? f.bytes) - (f.start ?? 0));
      }
      return true;
    } catch (e) {
      if (e instanceof InterruptedError) throw e;
      return false;
    }
  })();
  const theirs = Promise.all(shares.slice(1).map((share) => new Promise<{ keys: string; counts: Float64Array; stats: ReadStats } | undefined>((resolve, reject) => {
    const w = new Worker(workerScript(), { workerData: { tasks: share, textField: spec.textField, skipInvalid: spec.skipInvalid, byScript: spec.splitByScript !== false } });
    const abort = () => { void w.terminate(); reject(new InterruptedError()); };
    opts.signal?.addEventListener('abort', abort, { once: true });
    w.on('message', (m: { type: string; bytes?: number; keys?: string; counts?: Float64Array; stats?: ReadStats }) => {
      if (m.type === 'progress') report(m.bytes!);
      else if (m.type === 'error') {
        void w.terminate();
        resolve(undefined);
      } else if (m.type === 'done') {
        opts.signal?.removeEventListener('abort', abort);
        resolve({ keys: m.keys!, counts: m.counts!, stats: m.stats! });
        void w.terminate();
      }
    });
    w.on('error', reject);
  })));
  const [ok, results] = await Promise.all([mine, theirs]);
  if (!ok) return undefined;
  if (results.some((r) => r === undefined)) return undefined;
  const counts = counter.counts;
  const stats = mainStats;
  for (const r of results) {
    const keys = r!.keys.length > 0 ? r!.keys.split('\u0000') : [];
    keys.forEach((k, i) => counts.set(k, (counts.get(k) ?? 0) + r!.counts[i]!));
    const s = r!.stats;
    for (const key of ['files', 'lines', 'records', 'chars', 'bytes', 'emptyLines', 'crlfLines'] as const) stats[key] += s[key];
    for (const key of Object.keys(stats.skipped) as (keyof ReadStats['skipped'])[]) stats.skipped[key] += s.skipped[key];
  }
  return { counts, stats };
}

/** Reads every corpus file once, hashing and counting as it goes (one thread by default). */
export async function countCorpora(
  spec: Pick<BuildSpec, 'corpora' | 'textField' | 'skipInvalid'> & { splitByScript?: boolean },
  opts: { signal?: AbortSignal; onProgress?: OnProgress; workers?: number } = {},
): Promise<CountResult> {
  const files = spec.corpora.flatMap((c) => listCorpusFiles(c.path, c.weight));
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const workers = Math.max(1, Math.min(opts.workers ?? 1, os.availableParallelism()));
  const par = workers > 1 && fs.existsSync(workerScript()) ? await countParallel(files, spec, workers, opts) : undefined;
  let result: CountResult;
  if (par) {
    const inputs = files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: sha256File(f.path), weight: f.weight }));
    result = { counts: par.counts, files: inputs, stats: par.stats };
  } else {
    const counter = new ChunkCounter(true, spec.splitByScript !== false);
    const stats = emptyStats();
    const inputs: InputFile[] = [];
    let before = 0;
    for (const f of files) {
      const hash = crypto.createHash('sha256'); // hashed in the same read that counts
      await readCorpusFile(f, { textField: spec.textField, skipInvalid: spec.skipInvalid, signal: opts.signal, onRawChunk: (c) => hash.update(c),
        onProgress: (n) => opts.onProgress?.({ stage: 'count', current: before + Math.min(n, f.bytes), total }) },
      stats, (text) => counter.add(text, f.weight));
      before += f.bytes;
      inputs.push({ path: f.path, bytes: f.bytes, sha256: hash.digest('hex'), weight: f.weight });
    }
    result = { counts: counter.counts, files: inputs, stats };
  }
  if (result.stats.records === 0) {
    throw new InputError('corpus has no text (every file is empty or every line was skipped)',
      spec.corpora.map((c) => c.path).join(', '), undefined, 'check the --corpus paths');
  }
  return result;
}
