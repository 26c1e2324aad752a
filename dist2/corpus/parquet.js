// The Parquet side of corpus reading: opening a file, finding its text column among the top-level
// columns (a list or struct is named as such, not by its leaves), and reading its cells one row
// group at a time, strictly decoded (invalid UTF-8 is reported as in text files, not turned into
// U+FFFD) or as byte lengths (sizes for balancing).
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError, InterruptedError } from '../errors.js';
/** Opens a Parquet file and reads its metadata, naming the file when it is not Parquet. */
async function openParquet(file) {
    try {
        const buffer = await asyncBufferFromFile(file);
        return { buffer, meta: await parquetMetadataAsync(buffer) };
    }
    catch (e) {
        throw new InputError(`not a readable Parquet file (${e.message})`, file, undefined, 'check that the file is complete');
    }
}
/** Stands for a string cell whose bytes are not UTF-8 (instead of a string holding U+FFFD). */
export const NOT_UTF8 = Symbol('invalid UTF-8');
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** hyparquet parsers that decode string cells strictly: invalid UTF-8 becomes NOT_UTF8. */
export const STRICT_PARSERS = {
    stringFromBytes(bytes) {
        if (!bytes)
            return bytes;
        try {
            return UTF8.decode(bytes);
        }
        catch {
            return NOT_UTF8;
        }
    },
};
/** True for a leaf that holds text (a string, or bytes without a type annotation). */
function isTextLeaf(t) {
    const e = t.element;
    return (t.children.length === 0 &&
        e.repetition_type !== 'REPEATED' &&
        e.type === 'BYTE_ARRAY' &&
        (e.converted_type === 'UTF8' || e.logical_type?.type === 'STRING' || e.converted_type === undefined));
}
/** A leaf's type as people read it: STRING, or the physical type and its annotation. */
function leafType(t) {
    const e = t.element;
    if (e.converted_type === 'UTF8' || e.logical_type?.type === 'STRING')
        return 'STRING';
    return `${e.type ?? 'unknown'}${e.converted_type ? `, ${e.converted_type}` : ''}`;
}
/** A top-level column's type as people read it: STRING, INT32, list of STRING, map, struct. */
function columnType(t) {
    const e = t.element;
    if (t.children.length === 0)
        return e.repetition_type === 'REPEATED' ? `list of ${leafType(t)}` : leafType(t);
    if (e.converted_type === 'LIST' || e.logical_type?.type === 'LIST') {
        const item = t.children[0]?.children.length === 1 ? t.children[0].children[0] : undefined;
        return item ? `list of ${columnType(item)}` : 'list';
    }
    if (e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'MAP')
        return 'map';
    return 'struct';
}
/** Checks that `field` names a top-level text column before any row is read; names the columns
 * with their types otherwise, and says so when the column is a list, a map or a struct. */
function textColumn(meta, field, file) {
    const top = parquetSchema(meta).children;
    const col = top.find((c) => c.element.name === field);
    const strings = top.filter(isTextLeaf).map((c) => c.element.name);
    const pick = `set --text-field to a string column${strings.length > 0 ? ` (${strings.join(', ')})` : ''}`;
    if (!col) {
        const columns = top.map((c) => `${c.element.name}: ${columnType(c)}`).join(', ');
        throw new InputError(`no column '${field}' (columns: ${columns})`, file, undefined, pick);
    }
    if (col.children.length > 0 || col.element.repetition_type === 'REPEATED') {
        const kind = columnType(col);
        throw new InputError(`column '${field}' is a ${kind}, not text (a ${kind.split(' ')[0]} is not text)`, file, undefined, `${pick}, or write the column as one string per row`);
    }
    if (!isTextLeaf(col))
        throw new InputError(`column '${field}' is not text (${leafType(col)})`, file, undefined, pick);
}
/** hyparquet parsers that give the byte length of each string cell instead of its text (sizes without decoding). */
export const LENGTH_PARSERS = {
    stringFromBytes: (bytes) => bytes?.length,
};
/** The cells of a Parquet file's text column, one row group at a time, the column checked first. */
export async function* textCells(file, field, parsers, signal) {
    const { buffer, meta } = await openParquet(file);
    textColumn(meta, field, file);
    let first = 0;
    let done = 0;
    for (const [g, group] of meta.row_groups.entries()) {
        if (signal?.aborted)
            throw new InterruptedError();
        const n = Number(group.num_rows);
        let rows = [];
        try {
            const onComplete = (r) => {
                rows = r;
            };
            await parquetRead({
                file: buffer,
                metadata: meta,
                columns: [field],
                rowStart: first,
                rowEnd: first + n,
                compressors,
                parsers,
                onComplete,
            });
        }
        catch (e) {
            throw new InputError(`corrupt Parquet data in row group ${g} (rows ${first}-${first + n - 1}): ${e.message}`, file);
        }
        done += group.columns.reduce((s, c) => s + Number(c.meta_data?.total_compressed_size ?? 0), 0);
        yield { first, cells: rows.map((r) => r[0]), done };
        first += n;
    }
}
//# sourceMappingURL=parquet.js.map