// Count shards: the unit of scale-out. `tokext count` writes one Parquet file per shard with
// columns chunk (string), count (double) and spec (string: the options that decide the chunks,
// the same on every row, dictionary-encoded to a few bytes). Shards sum by chunk with tokext or
// with any engine (DuckDB, Spark, pandas) that keeps the spec column; shards counted differently
// are refused. Counts may be stored as DOUBLE, FLOAT, INT32 or INT64 (as pandas and Polars write).
import fs from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../errors.js';
import { writeFileVia } from '../io/atomic.js';
/** The `format` of the provenance metadata. /3: the spec holds only the pretokenizer (/2 also
 * held the text field, which does not change the chunks; /2 shards are still read). */
export const COUNTS_FORMAT = 'tokext.counts/3';
const META_KEY = 'tokext';
const ROWS_PER_GROUP = 200_000;
const specText = (s) => JSON.stringify({ pretokenizer: s.pretokenizer });
/** Fields older shards carried in their spec that do not change the chunks (ignored when comparing). */
const NOT_IN_SPEC = ['text_field'];
/** Writes a shard: every chunk of `chunks`, in groups of rows, via a temporary name. */
export async function writeCounts(file, chunks, spec, inputs, records, run = {}) {
    const provenance = { format: COUNTS_FORMAT, spec, inputs, records, chunks: chunks.distinct };
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
        let keys = [];
        let counts = [];
        const flush = () => {
            if (keys.length === 0)
                return;
            // hyparquet-writer's node fileWriter is synchronous: write and finish return no promise here
            void out.write({
                columnData: [
                    { name: 'chunk', data: keys },
                    { name: 'count', data: counts },
                    { name: 'spec', data: keys.map(() => st) },
                ],
                rowGroupSize: ROWS_PER_GROUP,
            });
            keys = [];
            counts = [];
        };
        await chunks.forEach((chunk, count) => {
            keys.push(chunk);
            counts.push(count);
            if (keys.length === ROWS_PER_GROUP)
                flush();
        }, run.signal);
        flush();
        await out.finish();
    });
}
const SPEC_HINT = 'keep the chunk, count and spec columns when summing shards (GROUP BY spec, chunk)';
const SAME_SPEC_HINT = 'count every shard with the same base and split rule';
/** Reads a shard's metadata, checking its columns. */
async function openCounts(file) {
    if (!fs.existsSync(file))
        throw new InputError('counts file not found', file);
    let buffer;
    let meta;
    try {
        buffer = await asyncBufferFromFile(file);
        meta = await parquetMetadataAsync(buffer);
    }
    catch (e) {
        throw new InputError(`not a readable Parquet counts file (${e.message})`, file, undefined, 'make it again with tokext count');
    }
    const names = meta.schema.slice(1).map((s) => s.name);
    for (const need of ['chunk', 'count', 'spec']) {
        if (!names.includes(need))
            throw new InputError(`counts file has no column '${need}' (columns: ${names.join(', ')})`, file, undefined, SPEC_HINT);
    }
    const kv = meta.key_value_metadata?.find((k) => k.key === META_KEY)?.value;
    let provenance;
    if (kv) {
        try {
            provenance = JSON.parse(kv);
        }
        catch {
            provenance = undefined;
        }
    }
    return { meta, buffer, provenance };
}
/** Adds the counts of `file` into `store`; checks every row's spec against `expected`. */
export async function readCountsInto(file, store, expected, signal) {
    const { meta, buffer, provenance } = await openCounts(file);
    const differs = specChecker(expected);
    let row = 0;
    for (let g = 0; g < meta.row_groups.length; g++) {
        if (signal?.aborted)
            return provenance;
        const n = Number(meta.row_groups[g].num_rows);
        let rows = [];
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
        }
        catch (e) {
            throw new InputError(`corrupt Parquet data in row group ${g}: ${e.message}`, file, undefined, 'make it again with tokext count');
        }
        for (let i = 0; i < rows.length; i++) {
            const [chunk, count, spec] = rows[i];
            const bad = differs(spec);
            if (bad)
                throw new InputError(`row ${row + i} ${bad}`, file, undefined, typeof spec === 'string' ? SAME_SPEC_HINT : SPEC_HINT);
            if (typeof chunk !== 'string')
                throw new InputError(`row ${row + i} has no chunk (${chunk === null ? 'null' : typeof chunk})`, file);
            store.addChunk(chunk, countOf(count, file, row + i));
        }
        row += n;
    }
    return provenance;
}
/** A row's count as a number: finite and positive; an INT64 (BigInt) only while it is exact. */
function countOf(v, file, row) {
    if (typeof v === 'bigint') {
        if (v > 0n && v <= BigInt(Number.MAX_SAFE_INTEGER))
            return Number(v);
        const why = v > 0n ? `is ${v}, beyond 2^53, the largest integer a count keeps exactly` : `is ${v}, not positive`;
        throw new InputError(`row ${row}: count ${why}`, file, undefined, 'counts must be positive integers up to 2^53 - 1 or finite numbers');
    }
    if (typeof v === 'number' && Number.isFinite(v) && v > 0)
        return v;
    const shown = v === null || v === undefined ? 'null' : typeof v === 'number' ? String(v) : `a ${typeof v}`;
    const hint = 'make the shard again with tokext count, or drop such rows before summing';
    throw new InputError(`row ${row}: count is ${shown}; a count must be a finite positive number`, file, undefined, hint);
}
/** Compares row specs with `expected`: undefined when a spec agrees, else why it does not. Specs
 * of older shards (with fields that do not change the chunks) agree when the rest agrees. */
function specChecker(expected) {
    const want = specText(expected);
    const verdicts = new Map();
    return (spec) => {
        if (spec === want)
            return undefined;
        if (typeof spec !== 'string') {
            return `has no spec (${spec === null || spec === undefined ? 'null' : typeof spec}); every row must carry the options it was counted with`;
        }
        if (verdicts.has(spec))
            return verdicts.get(spec);
        const diff = describeDifference(spec, expected);
        const verdict = diff === undefined ? undefined : `was counted with different options: ${diff}`;
        verdicts.set(spec, verdict);
        return verdict;
    };
}
/** Names the options in which a shard's spec differs from this run's (undefined: none that matter). */
function describeDifference(found, expected) {
    let got;
    try {
        got = JSON.parse(found);
    }
    catch {
        return `unreadable spec ${JSON.stringify(found)}`;
    }
    if (got === null || typeof got !== 'object' || Array.isArray(got))
        return `unreadable spec ${JSON.stringify(found)}`;
    const fields = got;
    const want = expected;
    const keys = [...new Set([...Object.keys(want), ...Object.keys(fields)])].filter((k) => !NOT_IN_SPEC.includes(k));
    const shown = (v) => JSON.stringify(v) ?? 'absent';
    const diffs = keys
        .filter((k) => fields[k] !== want[k])
        .map((k) => `${k} is ${shown(fields[k])} there, ${shown(want[k])} here`);
    return diffs.length > 0 ? diffs.join('; ') : undefined;
}
//# sourceMappingURL=counts-file.js.map