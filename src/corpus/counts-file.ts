// Count shards: the unit of scale-out. `tokext count` writes one Parquet file per shard with
// columns chunk (string), count (double) and spec (string: the options that decide the chunks,
// the same on every row, dictionary-encoded to a few bytes). Shards sum by chunk with tokext or
// with any engine (DuckDB, Spark, pandas) that keeps the spec column; shards counted differently
// are refused. Counts may be stored as DOUBLE, FLOAT, INT32 or INT64 (as pandas and Polars write).
import fs from 'node:fs';
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  type FileMetaData,
  type RowGroup,
  type SchemaElement,
} from 'hyparquet';
import { ByteWriter, ParquetWriter, fileWriter } from 'hyparquet-writer';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../errors.js';
import { writeFileVia } from '../io/atomic.js';
import type { RunControl } from '../progress.js';
import { runInOrder, threadCount, WorkerPool, workerUrl } from '../threads.js';
import type { ChunkSet, ChunkStore } from './chunk-store.js';
import type { ChunkRows } from './chunk-table.js';
import type { InputFile } from './files.js';
import { writeUtf8 } from './unicode.js';

/** The `format` of the provenance metadata. /3: the spec holds only the pretokenizer (/2 also
 * held the text field, which does not change the chunks; /2 shards are still read). */
export const COUNTS_FORMAT = 'tokext.counts/3';
const META_KEY = 'tokext';
const ROWS_PER_GROUP = 200_000;
/** The most threads encoding row groups: each holds up to two groups in flight (~20 MB each, outside
 * the counting budget), and this thread writes them out one by one. */
const WRITE_THREADS = 4;

/** What decides the chunks: shards can be summed only when these agree. Only what changes the
 * chunks belongs here (not where the text was read from: --text-field). */
export interface CountSpec {
  pretokenizer: string;
}

/** Provenance of a shard (Parquet key-value metadata; absent after an external sum). */
export interface CountsProvenance {
  format: string;
  spec: CountSpec;
  inputs: InputFile[];
  records: number;
  chunks: number;
}

const specText = (s: CountSpec) => JSON.stringify({ pretokenizer: s.pretokenizer });

/** Fields older shards carried in their spec that do not change the chunks (ignored when comparing). */
const NOT_IN_SPEC = ['text_field'];

const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 3 },
  { name: 'chunk', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'count', type: 'DOUBLE', repetition_type: 'REQUIRED' },
  { name: 'spec', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
];

/** Rows of a shard that make one row group. */
export interface RowGroupTask {
  rows: ChunkRows;
  spec: string; // the spec column's text
}

/** A row group as a shard holds it: its bytes, and its metadata with offsets counted from them. */
export interface EncodedGroup {
  bytes: Uint8Array;
  group: RowGroup;
}

/** Encodes one row group (on any thread): Snappy pages, no statistics and no page index, so its
 * metadata holds no offset but the column chunks' own, which `moveGroup` moves. */
export function encodeRowGroup(t: RowGroupTask): EncodedGroup {
  const w = new ByteWriter();
  const pw = new ParquetWriter({ writer: w, schema: SCHEMA, codec: 'SNAPPY', statistics: false });
  const column = (name: string, data: unknown[] | Float64Array) => ({ name, data, offsetIndex: false });
  const n = t.rows.lens.length;
  void pw.write({
    columnData: [
      column('chunk', utf8Of(t.rows)),
      column('count', t.rows.counts),
      column('spec', new Array<string>(n).fill(t.spec)),
    ],
    rowGroupSize: n,
  });
  const group = pw.row_groups[0]!;
  moveGroup(group, -4n); // offsets from the group's first byte, not the magic before it
  return { bytes: new Uint8Array(w.buffer, 4, w.offset - 4).slice(), group };
}

/** The UTF-8 bytes of each chunk, as views of one buffer: what Buffer and TextEncoder make of
 * it, a lone surrogate included (U+FFFD). The writer would otherwise make an encoder and an
 * array for every string: most of its time went to collecting them. */
export function utf8Of({ units, lens }: Pick<ChunkRows, 'units' | 'lens'>): Buffer[] {
  const buf = Buffer.allocUnsafe(3 * units.length); // a UTF-16 unit is at most 3 bytes of UTF-8
  const views = new Array<Buffer>(lens.length);
  let o = 0;
  let u = 0;
  for (let k = 0; k < lens.length; k++) {
    const end = writeUtf8(units, u, u + lens[k]!, buf, o);
    views[k] = buf.subarray(o, end);
    o = end;
    u += lens[k]!;
  }
  return views;
}

/** Adds `by` to every file offset in `g`. */
function moveGroup(g: RowGroup, by: bigint): void {
  const move = (x: bigint | undefined) => (x === undefined ? undefined : x + by);
  g.file_offset = move(g.file_offset);
  for (const c of g.columns) {
    c.file_offset = move(c.file_offset)!;
    c.offset_index_offset = move(c.offset_index_offset);
    c.column_index_offset = move(c.column_index_offset);
    const m = c.meta_data;
    if (!m) continue;
    m.data_page_offset = move(m.data_page_offset)!;
    m.dictionary_page_offset = move(m.dictionary_page_offset);
    m.index_page_offset = move(m.index_page_offset);
    m.bloom_filter_offset = move(m.bloom_filter_offset);
  }
}

/** Writes a shard: every chunk of `chunks`, in groups of rows encoded on worker threads when there
 * are several and more than two groups (the same bytes either way), via a temporary name. */
export async function writeCounts(
  file: string,
  chunks: ChunkSet,
  spec: CountSpec,
  inputs: InputFile[],
  records: number,
  run: RunControl & { rowsPerGroup?: number } = {}, // rowsPerGroup: tests lower it
): Promise<void> {
  const provenance: CountsProvenance = { format: COUNTS_FORMAT, spec, inputs, records, chunks: chunks.distinct };
  const threads = Math.min(WRITE_THREADS, threadCount(run.threads));
  const rows = run.rowsPerGroup ?? ROWS_PER_GROUP;
  const pool =
    threads > 1 && chunks.distinct > 2 * rows
      ? new WorkerPool<RowGroupTask, EncodedGroup>(workerUrl(import.meta.url, './counts-worker.js'), null, threads)
      : undefined;
  try {
    await writeFileVia(file, async (tmp) => {
      const out = new ParquetWriter({
        writer: fileWriter(tmp),
        schema: SCHEMA,
        kvMetadata: [{ key: META_KEY, value: JSON.stringify(provenance) }],
        createdBy: 'tokext',
      });
      const place = ({ bytes, group }: EncodedGroup) => {
        moveGroup(group, BigInt(out.writer.offset));
        out.writer.appendBytes(bytes);
        out.row_groups.push(group);
        out.num_rows += group.num_rows;
      };
      const st = specText(spec);
      const groups = chunks.rows(rows, run.signal);
      if (pool) {
        const tasks = async function* (): AsyncIterable<[RowGroupTask, ArrayBuffer[]]> {
          for await (const r of groups)
            yield [{ rows: r, spec: st }, [r.units.buffer, r.lens.buffer, r.counts.buffer] as ArrayBuffer[]];
        };
        await runInOrder(pool, tasks(), place);
      } else for await (const r of groups) place(encodeRowGroup({ rows: r, spec: st }));
      // hyparquet-writer's node fileWriter is synchronous: finish returns no promise here
      await out.finish();
    });
  } finally {
    await pool?.close();
  }
}

const SPEC_HINT = 'keep the chunk, count and spec columns when summing shards (GROUP BY spec, chunk)';
const SAME_SPEC_HINT = 'count every shard with the same base and split rule';

/** Reads a shard's metadata, checking its columns. */
async function openCounts(file: string): Promise<{
  meta: FileMetaData;
  buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  provenance?: CountsProvenance;
}> {
  if (!fs.existsSync(file)) throw new InputError('counts file not found', file);
  let buffer;
  let meta: FileMetaData;
  try {
    buffer = await asyncBufferFromFile(file);
    meta = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new InputError(
      `not a readable Parquet counts file (${(e as Error).message})`,
      file,
      undefined,
      'make it again with tokext count',
    );
  }
  const names = meta.schema.slice(1).map((s) => s.name);
  for (const need of ['chunk', 'count', 'spec']) {
    if (!names.includes(need))
      throw new InputError(
        `counts file has no column '${need}' (columns: ${names.join(', ')})`,
        file,
        undefined,
        SPEC_HINT,
      );
  }
  const kv = meta.key_value_metadata?.find((k) => k.key === META_KEY)?.value;
  let provenance: CountsProvenance | undefined;
  if (kv) {
    try {
      provenance = JSON.parse(kv) as CountsProvenance;
    } catch {
      provenance = undefined;
    }
  }
  return { meta, buffer, provenance };
}

/** Adds the counts of `file` into `store`; checks every row's spec against `expected`. */
export async function readCountsInto(
  file: string,
  store: ChunkStore,
  expected: CountSpec,
  signal?: AbortSignal,
): Promise<CountsProvenance | undefined> {
  const { meta, buffer, provenance } = await openCounts(file);
  const differs = specChecker(expected);
  let row = 0;
  for (let g = 0; g < meta.row_groups.length; g++) {
    if (signal?.aborted) return provenance;
    const n = Number(meta.row_groups[g]!.num_rows);
    let rows: unknown[][] = [];
    try {
      await parquetRead({
        file: buffer,
        metadata: meta,
        columns: ['chunk', 'count', 'spec'],
        rowStart: row,
        rowEnd: row + n,
        compressors,
        onComplete: (r) => {
          rows = r;
        },
      });
    } catch (e) {
      throw new InputError(
        `corrupt Parquet data in row group ${g}: ${(e as Error).message}`,
        file,
        undefined,
        'make it again with tokext count',
      );
    }
    for (let i = 0; i < rows.length; i++) {
      const [chunk, count, spec] = rows[i]!;
      const bad = differs(spec);
      if (bad)
        throw new InputError(
          `row ${row + i} ${bad}`,
          file,
          undefined,
          typeof spec === 'string' ? SAME_SPEC_HINT : SPEC_HINT,
        );
      if (typeof chunk !== 'string')
        throw new InputError(`row ${row + i} has no chunk (${chunk === null ? 'null' : typeof chunk})`, file);
      store.addChunk(chunk, countOf(count, file, row + i));
    }
    row += n;
  }
  return provenance;
}

/** A row's count as a number: finite and positive; an INT64 (BigInt) only while it is exact. */
function countOf(v: unknown, file: string, row: number): number {
  if (typeof v === 'bigint') {
    if (v > 0n && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
    const why = v > 0n ? `is ${v}, beyond 2^53, the largest integer a count keeps exactly` : `is ${v}, not positive`;
    throw new InputError(
      `row ${row}: count ${why}`,
      file,
      undefined,
      'counts must be positive integers up to 2^53 - 1 or finite numbers',
    );
  }
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  const shown = v === null || v === undefined ? 'null' : typeof v === 'number' ? String(v) : `a ${typeof v}`;
  const hint = 'make the shard again with tokext count, or drop such rows before summing';
  throw new InputError(
    `row ${row}: count is ${shown}; a count must be a finite positive number`,
    file,
    undefined,
    hint,
  );
}

/** Compares row specs with `expected`: undefined when a spec agrees, else why it does not. Specs
 * of older shards (with fields that do not change the chunks) agree when the rest agrees. */
function specChecker(expected: CountSpec): (spec: unknown) => string | undefined {
  const want = specText(expected);
  const verdicts = new Map<string, string | undefined>();
  return (spec) => {
    if (spec === want) return undefined;
    if (typeof spec !== 'string') {
      return `has no spec (${spec === null || spec === undefined ? 'null' : typeof spec}); every row must carry the options it was counted with`;
    }
    if (verdicts.has(spec)) return verdicts.get(spec);
    const diff = describeDifference(spec, expected);
    const verdict = diff === undefined ? undefined : `was counted with different options: ${diff}`;
    verdicts.set(spec, verdict);
    return verdict;
  };
}

/** Names the options in which a shard's spec differs from this run's (undefined: none that matter). */
function describeDifference(found: string, expected: CountSpec): string | undefined {
  let got: unknown;
  try {
    got = JSON.parse(found);
  } catch {
    return `unreadable spec ${JSON.stringify(found)}`;
  }
  if (got === null || typeof got !== 'object' || Array.isArray(got)) return `unreadable spec ${JSON.stringify(found)}`;
  const fields = got as Record<string, unknown>;
  const want = expected as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(want), ...Object.keys(fields)])].filter((k) => !NOT_IN_SPEC.includes(k));
  const shown = (v: unknown) => JSON.stringify(v) ?? 'absent';
  const diffs = keys
    .filter((k) => fields[k] !== want[k])
    .map((k) => `${k} is ${shown(fields[k])} there, ${shown(want[k])} here`);
  return diffs.length > 0 ? diffs.join('; ') : undefined;
}
