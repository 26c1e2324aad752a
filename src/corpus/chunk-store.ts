// Exact counting in bounded memory: chunks go into a ChunkTable; when it reaches its byte limit,
// its entries are appended to hash partitions on disk and the table starts afresh. At the end,
// each partition is summed on its own (a partition holds about 1/PARTITIONS of the distinct
// chunks), so no sort and no second copy of the whole table is ever needed in memory.
import fs from 'node:fs';
import { Pacer } from '../progress.js';
import { ChunkTable, hashUnits, type ChunkEntries, type ChunkRows } from './chunk-table.js';
import { PARTITIONS, RecordWriter, SpillDir, checkTmpDir, partitionOf, readRecords } from './spill.js';

/** Counted chunks, in memory or in partition files; iterate with `forEach`, free with `dispose`. */
export interface ChunkSet {
  distinct: number; // distinct chunks (exact)
  occurrences: number; // weighted chunk occurrences
  spilledBytes: number; // bytes written to disk while counting (0: all in memory)
  tableBytes: number; // bytes the in-memory table holds (0 once spilled)
  /** Calls fn for every distinct chunk once, in an order that depends on the input, never on the result. */
  forEach(fn: (chunk: string, count: number) => void, signal?: AbortSignal): Promise<void>;
  /** The same chunks in the same order, `size` at a time (for consumers that hand them to other threads). */
  batches(size: number, signal?: AbortSignal): AsyncIterable<ChunkBatch>;
  /** The same again as UTF-16 units, without a string per chunk (for writing them out). */
  rows(size: number, signal?: AbortSignal): AsyncIterable<ChunkRows>;
  /** Writes the in-memory table to disk and frees it (before training needs the memory). */
  release(): void;
  dispose(): void;
}

/** Consecutive chunks of a ChunkSet with their counts. */
export interface ChunkBatch {
  chunks: string[];
  counts: Float64Array;
}

/** Options of a ChunkStore. */
export interface ChunkStoreOptions {
  limitBytes: number; // the table spills when it would grow past this
  tmpDir?: string; // where spill files go (default: the OS temporary directory); checked when the store is made
  onNote?: (message: string) => void; // told about dead runs' spill directories removed there
  expect?: number; // distinct chunks expected: the table starts sized for them (within the limit), not growing its way there
}

/** Writes every entry of `t` to its partition. */
function writeTable(t: ChunkTable, w: ReturnType<SpillDir['writers']>): void {
  for (let e = 0; e < t.size; e++) w.add(partitionOf(t.hashes[e]!), t.units(e), t.counts[e]!);
}

function sumCounts(t: ChunkTable): number {
  let n = 0;
  for (let e = 0; e < t.size; e++) n += t.counts[e]!;
  return n;
}

/** [from, to) over `n` entries, `size` at a time, pacing between them. */
async function* ranges(n: number, size: number, signal?: AbortSignal): AsyncIterable<[number, number]> {
  const pacer = new Pacer(signal);
  for (let e = 0; e < n; e += size) {
    await pacer.pace();
    yield [e, Math.min(n, e + size)];
  }
}

/** Chunks summed into partition files, one record per distinct chunk. */
class DiskChunkSet implements ChunkSet {
  tableBytes = 0;
  constructor(
    private readonly spill: SpillDir,
    readonly distinct: number,
    readonly occurrences: number,
    readonly spilledBytes: number,
  ) {}

  async forEach(fn: (chunk: string, count: number) => void, signal?: AbortSignal): Promise<void> {
    const pacer = new Pacer(signal);
    for (let p = 0; p < PARTITIONS; p++) {
      await pacer.pace();
      readRecords(this.spill.file('part', p), fn);
    }
  }

  async *batches(size: number, signal?: AbortSignal): AsyncIterable<ChunkBatch> {
    const pacer = new Pacer(signal);
    for (let p = 0; p < PARTITIONS; p++) {
      await pacer.pace();
      const chunks: string[] = [];
      const counts: number[] = [];
      readRecords(this.spill.file('part', p), (chunk, count) => {
        chunks.push(chunk);
        counts.push(count);
      });
      for (let i = 0; i < chunks.length; i += size)
        yield { chunks: chunks.slice(i, i + size), counts: Float64Array.from(counts.slice(i, i + size)) };
    }
  }

  async *rows(size: number, signal?: AbortSignal): AsyncIterable<ChunkRows> {
    for await (const b of this.batches(size, signal)) {
      const lens = Int32Array.from(b.chunks, (c) => c.length);
      const units = new Uint16Array(lens.reduce((n, l) => n + l, 0));
      let o = 0;
      for (const c of b.chunks) for (let i = 0; i < c.length; i++) units[o++] = c.charCodeAt(i);
      yield { units, lens, counts: b.counts };
    }
  }

  release(): void {}

  dispose(): void {
    this.spill.dispose();
  }
}

/** Chunks still in the counting table; `release` moves them to disk. */
class MemoryChunkSet implements ChunkSet {
  readonly distinct: number;
  readonly occurrences: number;
  readonly spilledBytes = 0;
  private disk?: DiskChunkSet;

  constructor(
    private table: ChunkTable | undefined,
    private readonly opts: ChunkStoreOptions,
  ) {
    this.distinct = table!.size;
    this.occurrences = sumCounts(table!);
  }

  get tableBytes(): number {
    return this.table?.bytes ?? 0;
  }

  async forEach(fn: (chunk: string, count: number) => void, signal?: AbortSignal): Promise<void> {
    if (this.disk) return this.disk.forEach(fn, signal);
    const t = this.table!;
    const pacer = new Pacer(signal);
    for (let e = 0; e < t.size; e++) {
      if ((e & 4095) === 0) await pacer.pace();
      fn(t.key(e), t.counts[e]!);
    }
  }

  async *batches(size: number, signal?: AbortSignal): AsyncIterable<ChunkBatch> {
    if (this.disk) {
      yield* this.disk.batches(size, signal);
      return;
    }
    const t = this.table!;
    for await (const [from, to] of ranges(t.size, size, signal)) {
      const chunks: string[] = [];
      for (let e = from; e < to; e++) chunks.push(t.key(e));
      yield { chunks, counts: t.counts.slice(from, to) };
    }
  }

  async *rows(size: number, signal?: AbortSignal): AsyncIterable<ChunkRows> {
    if (this.disk) {
      yield* this.disk.rows(size, signal);
      return;
    }
    const t = this.table!;
    for await (const [from, to] of ranges(t.size, size, signal)) yield t.rows(from, to);
  }

  release(): void {
    if (!this.table) return;
    const spill = new SpillDir(this.opts.tmpDir, this.opts.onNote);
    const t = this.table;
    spill.guard(() => {
      const w = spill.writers('part');
      writeTable(t, w);
      w.done();
    });
    this.disk = new DiskChunkSet(spill, this.distinct, this.occurrences, spill.written);
    this.table = undefined;
  }

  dispose(): void {
    this.table = undefined;
    this.disk?.dispose();
  }
}

/** The counting side: add chunks, then `finish()` for a ChunkSet. */
export class ChunkStore {
  private table: ChunkTable;
  private spillDir?: SpillDir;
  spills = 0;
  /** The error that stopped a spill (a full disk, no permission), whatever a caller wrapped it in. */
  failure?: unknown;

  /** Checks `opts.tmpDir` (if given) before any chunk is counted. */
  constructor(private readonly opts: ChunkStoreOptions) {
    if (opts.tmpDir !== undefined) checkTmpDir(opts.tmpDir);
    this.table = this.newTable();
  }

  /** A fresh table, sized for the chunks expected, starting small when the limit is small. */
  private newTable(): ChunkTable {
    const { limitBytes, expect = 0 } = this.opts;
    return new ChunkTable(Math.max(64, Math.min(Math.max(1 << 12, expect), Math.floor(limitBytes / 1024))), limitBytes);
  }

  /** Adds `count` to chunk [start, end) of `s`. */
  add(s: string, start: number, end: number, count: number): void {
    const h = hashUnits(s, start, end);
    if (this.table.add(s, start, end, count, h)) return;
    this.spill();
    this.table.add(s, start, end, count, h);
  }

  /** Adds another table's entries, in their order (a batch counted apart, perhaps on another thread). */
  addEntries(b: ChunkEntries): void {
    const { units, lens, hashes, counts } = b;
    let o = 0;
    for (let e = 0; e < lens.length; e++) {
      if ((e & 15) === 0) this.table.touch(hashes, e, e + 16);
      const end = o + lens[e]!;
      if (!this.table.addUnits(units, o, end, counts[e]!, hashes[e]!)) {
        this.spill();
        this.table.addUnits(units, o, end, counts[e]!, hashes[e]!);
      }
      o = end;
    }
  }

  /** Adds a whole string (count files). */
  addChunk(chunk: string, count: number): void {
    this.add(chunk, 0, chunk.length, count);
  }

  /** Bytes in memory now. */
  get bytes(): number {
    return this.table.bytes;
  }

  /** Appends the table's entries to the raw partitions and empties it. */
  private spill(): void {
    try {
      const spill = (this.spillDir ??= new SpillDir(this.opts.tmpDir, this.opts.onNote));
      spill.guard(() => {
        const w = spill.writers('raw');
        writeTable(this.table, w);
        w.done();
      });
    } catch (e) {
      this.failure ??= e;
      throw e;
    }
    this.spills++;
    this.table = this.newTable();
  }

  /** Ends counting. After a spill, each partition is summed on its own into a compacted file. */
  async finish(signal?: AbortSignal): Promise<ChunkSet> {
    const spill = this.spillDir;
    if (!spill) return new MemoryChunkSet(this.table, this.opts);
    this.spill();
    this.table = new ChunkTable();
    const pacer = new Pacer(signal);
    let distinct = 0;
    let occurrences = 0;
    try {
      for (let p = 0; p < PARTITIONS; p++) {
        await pacer.pace();
        const t = new ChunkTable();
        readRecords(spill.file('raw', p), (chunk, count) => t.add(chunk, 0, chunk.length, count));
        spill.guard(() => {
          const fd = fs.openSync(spill.file('part', p), 'w');
          try {
            const w = new RecordWriter(fd, (n) => spill.charge(n));
            for (let e = 0; e < t.size; e++) w.add(t.units(e), t.counts[e]!);
            w.flush();
          } finally {
            fs.closeSync(fd);
          }
        });
        fs.rmSync(spill.file('raw', p));
        distinct += t.size;
        occurrences += sumCounts(t);
      }
    } catch (e) {
      spill.dispose();
      throw e;
    }
    return new DiskChunkSet(spill, distinct, occurrences, spill.written);
  }

  /** Removes spill files of an unfinished count (an error, an interruption). */
  dispose(): void {
    this.spillDir?.dispose();
  }
}
