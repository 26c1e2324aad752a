// Counting in batches: the texts of a file are counted a batch at a time into a table of their
// own, whose entries are then added to the run's ChunkStore in batch order. A batch's bounds
// depend on the input alone, so the store sees the same additions on one thread or many.
import { ChunkTable, type ChunkEntries } from './chunk-table.js';
import type { Pretokenizer } from './pretokenize.js';
import { batchRecords, emptyStats, type LineFault, type LineFormat, type ReadStats } from './read.js';

/** A batch of lines (a text or JSONL file's) ends at the first line break after this many bytes;
 * a batch of records (a Parquet file's) once its texts take as many (two per UTF-16 unit). */
export const BATCH_BYTES = 2 << 20;

/** Texts of one file, or whole lines of one to read first, counted with the file's weight. */
export type CountTask = { texts: string[]; weight: number } | { bytes: Uint8Array; lines: LineFormat; weight: number };

/** A counted batch: its chunks with their weighted counts, in the order they first occur; for
 * lines, what reading them found, and the bad line that stopped it (not under skipInvalid). */
export interface BatchCounts {
  entries: ChunkEntries;
  stats?: ReadStats;
  fault?: LineFault;
}

/** Counts one batch into a table of its own. */
export function countBatch(p: Pretokenizer, t: CountTask): BatchCounts {
  const table = new ChunkTable(1 << 14);
  const w = t.weight;
  const add = (text: string) => p.chunks(text, (s, a, b) => table.add(s, a, b, w));
  if ('texts' in t) {
    for (const text of t.texts) add(text);
    return { entries: table.entries() };
  }
  const stats = emptyStats();
  const fault = batchRecords(Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength), t.lines, stats, add);
  return { entries: table.entries(), stats, fault };
}

/** The buffers of a counted batch (moved, not copied, from a worker thread). */
export const countBuffers = ({ entries: e }: BatchCounts): ArrayBuffer[] =>
  [e.units.buffer, e.lens.buffer, e.hashes.buffer, e.counts.buffer] as ArrayBuffer[];
