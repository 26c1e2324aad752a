// embedding-init.json as init-embeddings reads it, with the id-map.json it names when the build
// freed base ids (--replace, --trim-to): both checked against each other before any row is written.
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { readIdMap } from '../io/id-map-format.js';
import { readJsonFile } from '../io/json.js';
import { parseAs } from '../io/validate.js';
const initSchema = z.looseObject({
    base: z.looseObject({ name: z.string(), vocab_size: z.int().positive() }),
    vocab_size: z.int().positive().optional(),
    padded_vocab_size: z.int().positive(),
    id_map: z.string().min(1, 'expected the file name of the id map').optional(),
    rows: z.array(z.looseObject({
        id: z.int().nonnegative(),
        piece: z.string(),
        init: z.enum(['mean', 'zero']),
        from: z.array(z.int()),
    })),
});
const HINT = 'pass the embedding-init.json that tokext build wrote';
const MAP_HINT = 'pass the embedding-init.json and id-map.json of the same build';
/** Reads and checks embedding-init.json and, when it names one, its id-map.json (InputErrors naming the file). */
export function readInit(file) {
    const init = parseAs(initSchema, readJsonFile(file, HINT), file, 'embedding-init.json', HINT);
    if (init.id_map === undefined) {
        checkContiguous(init, file);
        return { init, file };
    }
    const mapFile = path.resolve(path.dirname(file), init.id_map);
    const map = readIdMap(mapFile);
    checkAgainstMap(init, file, map, mapFile);
    return { init, file, map: { file: mapFile, map } };
}
/** Without a map: rows are the ids after the base, in order, each decomposing into base ids. */
function checkContiguous(v, file) {
    v.rows.forEach((r, i) => {
        if (r.id !== v.base.vocab_size + i)
            throw new InputError(`row ${i} has id ${r.id}, expected ${v.base.vocab_size + i}`, file);
        for (const f of r.from)
            if (!(f >= 0 && f < v.base.vocab_size))
                throw new InputError(`row ${r.id} decomposes into id ${f}, outside the base`, file);
    });
    const ids = v.base.vocab_size + v.rows.length;
    if (v.padded_vocab_size < ids) {
        const why = `padded_vocab_size ${v.padded_vocab_size} is below the tokenizer's ${ids} ids (${v.base.vocab_size} base + ${v.rows.length} new)`;
        throw new InputError(why, file, undefined, HINT);
    }
}
/** With a map: the same sizes, one row per id the map does not keep (in id order), decompositions into kept old ids. */
function checkAgainstMap(v, file, m, mapFile) {
    const name = path.basename(file);
    const sizes = [
        ['base.vocab_size', m.base.vocab_size, v.base.vocab_size],
        ['padded_vocab_size', m.padded_vocab_size, v.padded_vocab_size],
        ['vocab_size', m.vocab_size, v.vocab_size ?? m.vocab_size],
    ];
    for (const [field, inMap, inInit] of sizes)
        if (inMap !== inInit)
            throw new InputError(`${field} is ${inMap} but ${inInit} in ${name}`, mapFile, undefined, MAP_HINT);
    const want = [];
    m.source.forEach((s, n) => s !== 'kept' && want.push(n));
    const mapName = path.basename(mapFile);
    for (let i = 0; i < Math.max(want.length, v.rows.length); i++) {
        const r = v.rows[i];
        if (!r || r.id !== want[i]) {
            const why = r ? `row ${i} has id ${r.id}` : `${v.rows.length} rows`;
            const expected = want[i] === undefined ? 'no more rows' : `id ${want[i]}`;
            throw new InputError(`${why}, expected ${expected} (the ids ${mapName} does not keep)`, file, undefined, MAP_HINT);
        }
        if ((r.init === 'zero') !== (m.source[r.id] === 'padding')) {
            const why = `row ${r.id} has init '${r.init}' but is ${m.source[r.id]} in ${mapName} (zero exactly for padding)`;
            throw new InputError(why, file, undefined, MAP_HINT);
        }
        for (const f of r.from) {
            if (!(f >= 0 && f < m.base.vocab_size))
                throw new InputError(`row ${r.id} decomposes into old id ${f}, outside the base`, file, undefined, MAP_HINT);
            if (m.old_to_new[f] === -1)
                throw new InputError(`row ${r.id} (${JSON.stringify(r.piece)}) decomposes into old id ${f}, which ${mapName} removes`, file, undefined, MAP_HINT);
        }
    }
}
/** Ids of the extended tokenizer: the base's and one per row, or the map's (padding tokens are ids too). */
export function tokenizerIds(input) {
    const { init, map } = input;
    return map ? map.map.padded_vocab_size : init.base.vocab_size + init.rows.length;
}
//# sourceMappingURL=init-file.js.map