// Count shards: the unit of scale-out. `tokext count` writes one Parquet file per shard with
// columns chunk (string), count (double) and spec (string: the counting options, the same on
// every row, dictionary-encoded to a few bytes). Shards sum by chunk with tokext or with any
// engine (DuckDB, Spark) that keeps the spec column; shards counted differently are refused.
import fs from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, type FileMetaData } from 'hyparquet';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../errors.js';
import { writeFileVia } from '../io/atomic.js';
import type { RunControl } from '../progress.js';
import type { ChunkSet, ChunkStore } from './chunk-store.js';
import type { InputFile } from './files.js';

/** The `format` of the provenance metadata. */
export const COUNTS_FORMAT = 'tokext.counts/2';
const META_KEY = 'tokext';
const ROWS_PER_GROUP = 200_000;

/** What decides the chunks: shards can be summed only when these agree. */
export interface CountSpec {
  pretokenizer: string;
  text_field: string;
}

/** Provenance of a shard (Parquet key-value metadata; absent after an external sum). */
export interface CountsProvenance {
  format: string;
  spec: CountSpec;
  inputs: InputFile[];
  records: number;
  chunks: number;
}

const specText = (s: CountSpec) => JSON.stringify({ pretokenizer: s.pretokenizer, text_field: s.text_field });

/** Writes a shard: every chunk of `chunks`, in groups of rows, via a temporary name. */
export async function writeCounts(file: string, chunks: ChunkSet, spec: CountSpec, inputs: InputFile[], records: number, run: RunControl = {}): Promise<void> {
  const provenance: CountsProvenance = { format: COUNTS_FORMAT, spec, inputs, records, chunks: chunks.distinct };
  await writeFileVia(file, async (tmp) => {
    const out = new ParquetWriter({
      writer: fileWriter(tmp),
      schema: [
        { name: 'root', num_children: 3 },
        { name: 'chunk', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'count', type: 'DOUBLE', repetition_type: 'REQUIRED' },
        { name: 'spec', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      ],
      codec: 'SNAPPY',
      statistics: false,
      kvMetadata: [{ key: META_KEY, value: JSON.stringify(provenance) }],
      createdBy: 'tokext',
    });
    const st = specText(spec);
    let keys: string[] = [];
    let counts: number[] = [];
    const flush = () => {
      if (keys.length === 0) return;
      out.write({ columnData: [{ name: 'chunk', data: keys }, { name: 'count', data: counts }, { name: 'spec', data: keys.map(() => st) }], rowGroupSize: ROWS_PER_GROUP });
      keys = [];
      counts = [];
    };
    await chunks.forEach((chunk, count) => {
      keys.push(chunk);
      counts.push(count);
      if (keys.length === ROWS_PER_GROUP) flush();
    }, run.signal);
    flush();
    out.finish();
  });
}

/** Reads a shard's metadata, checking its columns. */
async function openCounts(file: string): Promise<{ meta: FileMetaData; buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>; provenance?: CountsProvenance }> {
  if (!fs.existsSync(file)) throw new InputError('counts file not found', file);
  let buffer;
  let meta: FileMetaData;
  try {
    buffer = await asyncBufferFromFile(file);
    meta = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new InputError(`not a readable Parquet counts file (${(e as Error).message})`, file, undefined, 'make it again with tokext count');
  }
  const names = meta.schema.slice(1).map((s) => s.name);
  for (const need of ['chunk', 'count', 'spec']) {
    if (!names.includes(need)) throw new InputError(`counts file has no column '${need}' (columns: ${names.join(', ')})`, file, undefined, 'keep the chunk, count and spec columns when summing shards (GROUP BY spec, chunk)');
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
export async function readCountsInto(file: string, store: ChunkStore, expected: CountSpec, signal?: AbortSignal): Promise<CountsProvenance | undefined> {
  const { meta, buffer, provenance } = await openCounts(file);
  const want = specText(expected);
  let row = 0;
  for (let g = 0; g < meta.row_groups.length; g++) {
    if (signal?.aborted) return provenance;
    const n = Number(meta.row_groups[g]!.num_rows);
    let rows: unknown[][] = [];
    try {
      await parquetRead({ file: buffer, metadata: meta, columns: ['chunk', 'count', 'spec'], rowStart: row, rowEnd: row + n, compressors, onComplete: (r) => { rows = r; } });
    } catch (e) {
      throw new InputError(`corrupt Parquet data in row group ${g}: ${(e as Error).message}`, file, undefined, 'make it again with tokext count');
    }
    for (let i = 0; i < rows.length; i++) {
      const [chunk, count, spec] = rows[i]!;
      if (spec !== want) throw new InputError(`row ${row + i} was counted with different options: ${describeDifference(String(spec), expected)}`, file, undefined, 'count every shard with the same base, split rule and --text-field');
      if (typeof chunk !== 'string' || typeof count !== 'number' || !(count > 0)) throw new InputError(`row ${row + i} is not a (chunk, positive count) pair`, file);
      store.addChunk(chunk, count);
    }
    row += n;
  }
  return provenance;
}

/** Names the options in which a shard's spec differs from this run's. */
function describeDifference(found: string, expected: CountSpec): string {
  let got: Partial<CountSpec>;
  try {
    got = JSON.parse(found) as CountSpec;
  } catch {
    return `unreadable spec ${JSON.stringify(found)}`;
  }
  const diffs = (Object.keys(expected) as (keyof CountSpec)[]).filter((k) => got[k] !== expected[k]).map((k) => `${k} is ${JSON.stringify(got[k])} there, ${JSON.stringify(expected[k])} here`);
  return diffs.join('; ') || 'the spec differs';
}
