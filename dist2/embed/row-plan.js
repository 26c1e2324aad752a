// Where each row of a resized embedding matrix comes from: a checkpoint row copied bit for bit, or
// an init row (its decomposition's mean, or padding). Without an id map the base's rows stay where
// they are and the new ids follow; with one, old row new_to_old[n] moves to n and removed rows go.
import { UsageError } from '../errors.js';
import { tokenizerIds } from './init-file.js';
/** The plan for `rows` output rows (at least the tokenizer's ids). */
export function rowPlan(input, rows) {
    const keep = new Int32Array(rows).fill(-1);
    const init = new Array(rows).fill(undefined);
    const S = input.init.base.vocab_size;
    const m = input.map?.map;
    for (let n = 0; n < rows; n++)
        keep[n] = m ? (m.new_to_old[n] ?? -1) : n < S ? n : -1;
    for (const r of input.init.rows)
        if (r.id < rows)
            init[r.id] = r;
    let prefix = 0;
    while (prefix < rows && keep[prefix] === prefix)
        prefix++;
    const baseRows = [];
    for (let o = 0; o < S; o++)
        if (!m || m.old_to_new[o] >= 0)
            baseRows.push(o);
    return { rows, prefix, keep, init, baseRows };
}
/** Output rows by source (rows beyond the map, or beyond the init file, are padding). */
export function rowCounts(input, rows) {
    const c = { kept: 0, replaced: 0, new: 0, padding: 0, removed: 0 };
    const m = input.map?.map;
    const S = input.init.base.vocab_size;
    for (let n = 0; n < rows; n++) {
        const s = m ? (m.source[n] ?? 'padding') : n < S ? 'kept' : rowSource(input.init.rows[n - S]);
        c[s]++;
    }
    c.removed = m ? m.removed.length : 0;
    return c;
}
/** A new id's source without a map: new, or padding for a zero row (and beyond the file). */
function rowSource(r) {
    return r && r.init === 'mean' ? 'new' : 'padding';
}
/** Rows of the resized matrices: --pad-to, else the init file's padded size, or the checkpoint's rows if more
 * (its spare rows kept) unless the map shrank the vocabulary below the base's ids (a trim: fewer rows);
 * never fewer than the tokenizer's ids. */
export function rowsOut(input, padTo, checkpointRows) {
    const { init, map } = input;
    const shrunk = map !== undefined && init.padded_vocab_size < init.base.vocab_size;
    // A checkpoint may have more rows than its tokenizer has ids (Qwen3: 151,936 for 151,669): never shrink it by default.
    const dflt = shrunk ? init.padded_vocab_size : Math.max(init.padded_vocab_size, checkpointRows);
    const rows = padTo ?? dflt;
    const ids = tokenizerIds(input);
    if (rows < ids) {
        throw new UsageError(`--pad-to ${rows} is below the tokenizer's ${ids} ids (ids 0 to ${ids - 1}: ${idParts(input)}): every id needs a row`, `pass --pad-to ${ids} or more, or leave it out (default: ${dflt})`);
    }
    return rows;
}
/** The tokenizer's ids in words: "40 of the base, 6 new", or the map's sources. */
function idParts(input) {
    if (!input.map)
        return `${input.init.base.vocab_size} of the base, ${input.init.rows.length} new`;
    const c = rowCounts(input, input.map.map.padded_vocab_size);
    return `${c.kept} kept, ${c.replaced} replaced, ${c.new} new, ${c.padding} padding`;
}
//# sourceMappingURL=row-plan.js.map