// id-map.json: how the ids of a tokenizer that freed base ids (`--replace`, `--trim-to`) relate to
// its base's, for the checkpoint to follow: old id → new id (or removed), new id → where its row
// comes from (a kept base row, a replaced id, a new id after the base, padding).
import { z } from 'zod';
import { InputError } from '../errors.js';
import { readJsonFile } from './json.js';
import { parseAs } from './validate.js';
/** The file's name beside the artefacts. */
export const ID_MAP_NAME = 'id-map.json';
/** The format tag of id-map.json. */
export const ID_MAP_FORMAT = 'tokext.id-map/1';
const schema = z.strictObject({
    format: z.literal(ID_MAP_FORMAT),
    mode: z.enum(['replace', 'trim']),
    base: z.looseObject({ name: z.string(), vocab_size: z.int().positive() }),
    vocab_size: z.int().positive(),
    padded_vocab_size: z.int().positive(),
    old_to_new: z.array(z.int().min(-1)),
    new_to_old: z.array(z.int().min(-1)),
    source: z.array(z.enum(['kept', 'replaced', 'new', 'padding'])),
    removed: z.array(z.strictObject({ id: z.int().nonnegative(), piece: z.string() })),
});
/** Why `m` is not a consistent map (the two directions agree, sources match), or undefined. */
export function idMapProblem(m) {
    const S = m.base.vocab_size;
    const P = m.padded_vocab_size;
    if (m.old_to_new.length !== S)
        return `old_to_new has ${m.old_to_new.length} entries, base.vocab_size is ${S}`;
    if (m.new_to_old.length !== P || m.source.length !== P)
        return `new_to_old and source must have padded_vocab_size (${P}) entries`;
    if (m.vocab_size > P)
        return `vocab_size ${m.vocab_size} is above padded_vocab_size ${P}`;
    for (let o = 0; o < S; o++) {
        const n = m.old_to_new[o];
        if (n >= P)
            return `old id ${o} maps to ${n}, outside the vocabulary`;
        if (n >= 0 && m.new_to_old[n] !== o)
            return `old id ${o} maps to ${n} but new id ${n} keeps ${m.new_to_old[n]}`;
    }
    for (let n = 0; n < P; n++) {
        const o = m.new_to_old[n];
        if (o >= S)
            return `new id ${n} keeps old id ${o}, outside the base`;
        if (o >= 0 !== (m.source[n] === 'kept'))
            return `new id ${n} is ${m.source[n]} but keeps old id ${o}`;
        if (o >= 0 && m.old_to_new[o] !== n)
            return `new id ${n} keeps old id ${o}, which maps to ${m.old_to_new[o]}`;
        if (m.source[n] === 'padding' && n < m.vocab_size)
            return `new id ${n} is padding below vocab_size`;
    }
    const removed = m.old_to_new.filter((n) => n < 0).length;
    if (removed !== m.removed.length)
        return `${removed} old ids map to -1 but ${m.removed.length} are listed removed`;
    for (const r of m.removed)
        if (m.old_to_new[r.id] !== -1)
            return `removed id ${r.id} maps to ${m.old_to_new[r.id]}`;
    return undefined;
}
/** Reads and checks id-map.json (an InputError naming the file when it is not a consistent map). */
export function readIdMap(file) {
    const hint = 'pass the id-map.json that tokext wrote with --replace or --trim-to';
    const m = parseAs(schema, readJsonFile(file, hint), file, ID_MAP_NAME, hint);
    const why = idMapProblem(m);
    if (why)
        throw new InputError(`not a consistent id map: ${why}`, file, undefined, hint);
    return m;
}
//# sourceMappingURL=id-map-format.js.map