// Reads every corpus source and counts its chunks (pretokens) in bounded memory, with file facts
// for the manifest. Each file is hashed in the same read that counts it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { balancedWeights, exactWeight, listCorpora, skippedNote, type CorpusFile, type InputFile } from './files.js';
import { decodedBytes, emptyStats, readCorpusFile, type ReadStats } from './read.js';
import { ChunkStore, type ChunkSet } from './chunk-store.js';
import type { Pretokenizer } from './pretokenize.js';
import { InputError, UsageError } from '../errors.js';
import { sha256File } from '../io/atomic.js';
import { throwIfAborted, type RunControl } from '../progress.js';
import { readCountsInto, type CountSpec } from './counts-file.js';
import type { CorpusSource } from '../spec.js';

/** Counting result: the chunks (in memory or spilled to disk) and what was read. */
export interface CountResult {
  chunks: ChunkSet;
  files: InputFile[];
  stats: ReadStats;
  spills: number; // times the table went to disk
}

/** What counting reads and how much memory its table may use. */
export interface CountOptions extends RunControl {
  corpora: CorpusSource[];
  textField: string;
  skipInvalid: boolean;
  balance: number; // source balancing exponent (see balancedWeights)
  tableBytes: number; // the chunk table spills to disk beyond this
  tmpDir?: string;
}

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
    return { chunks, files: inputs, stats, spills: store.spills };
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
  const store = new ChunkStore({ limitBytes: o.tableBytes, tmpDir: o.tmpDir, onNote: o.onNote });
  const stats = emptyStats();
  const inputs: InputFile[] = [];
  try {
    let before = 0;
    for (const f of files) {
      const hash = crypto.createHash('sha256');
      const w = f.weight;
      await readCorpusFile(
        f,
        {
          textField: o.textField,
          skipInvalid: o.skipInvalid,
          signal: o.signal,
          onRawChunk: (c) => hash.update(c),
          onProgress: (n) => o.onProgress?.({ stage: 'count', current: before + Math.min(n, f.bytes), total }),
        },
        stats,
        (text) => pretokenizer.chunks(text, (s, a, b) => store.add(s, a, b, w)),
      );
      before += f.bytes;
      inputs.push({
        path: f.path,
        bytes: f.bytes,
        sha256: f.format === 'parquet' ? sha256File(f.path) : hash.digest('hex'),
        weight: w,
      });
    }
    if (stats.records === 0) {
      throw new InputError(
        'corpus has no text (every file is empty or every line was skipped)',
        o.corpora.map((c) => c.path).join(', '),
        undefined,
        'check the --corpus paths',
      );
    }
    const chunks = await store.finish(o.signal);
    return { chunks, files: inputs, stats, spills: store.spills };
  } catch (e) {
    store.dispose();
    throw store.failure ?? e; // a failed spill is the error, not the corpus file the reader was in
  }
}
