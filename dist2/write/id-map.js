// What a build that freed base ids writes beside the family's artefacts: id-map.json (old id →
// new id, new id → its row's source) and embedding-init.json in the checkpoint's terms (each
// decomposition as rows of the base checkpoint, `id_map` naming the map).
import fs from 'node:fs';
import path from 'node:path';
import { InvariantError } from '../errors.js';
import { sha256File, writeFileAtomic } from '../io/atomic.js';
import { ID_MAP_FORMAT, ID_MAP_NAME, idMapProblem, } from '../io/id-map-format.js';
import { embeddingInitText } from './embedding-init.js';
/** The id map of an extension `vocab` of the reduced base (its ids below the reduced base's
 * size are the reduced base's, kept ones at `oldToNew`, free ones filled by new pieces). */
export function idMapOf(f, vocab) {
    const P = vocab.pieces.length;
    const S = f.base.size;
    const newToOld = new Array(P).fill(-1);
    f.oldToNew.forEach((n, o) => {
        if (n >= 0)
            newToOld[n] = o;
    });
    const padding = new Set(vocab.paddingIds);
    const source = newToOld.map((o, n) => {
        if (o >= 0)
            return 'kept';
        if (padding.has(n))
            return 'padding';
        return f.mode === 'replace' && n < S ? 'replaced' : 'new';
    });
    const removed = [...f.oldToNew].flatMap((n, id) => (n < 0 ? [{ id, piece: f.base.pieces[id] }] : []));
    const m = {
        format: ID_MAP_FORMAT,
        mode: f.mode,
        base: { name: f.base.name, vocab_size: S },
        vocab_size: P - vocab.paddingIds.length,
        padded_vocab_size: P,
        old_to_new: [...f.oldToNew],
        new_to_old: newToOld,
        source,
        removed,
    };
    const why = idMapProblem(m);
    if (why)
        throw new InvariantError(`the id map is inconsistent: ${why}`);
    return m;
}
/** id-map.json as written: one line per array (greppable), the removed pieces one per line. */
function idMapText(m) {
    const { removed, ...head } = m;
    const lines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    const rows = removed.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
    return `{\n${lines.join(',\n')},\n  "removed": [\n${rows}\n  ]\n}\n`;
}
/** Writes id-map.json into `dir` and rewrites the family's embedding-init.json in the base
 * checkpoint's terms; returns the two files' sha256 by name. */
export function writeIdMap(dir, f, vocab) {
    const m = idMapOf(f, vocab);
    writeFileAtomic(path.join(dir, ID_MAP_NAME), idMapText(m));
    const initFile = path.join(dir, 'embedding-init.json');
    const init = JSON.parse(fs.readFileSync(initFile, 'utf8'));
    const rows = init.rows.map((r) => ({ ...r, from: r.from.map((id) => m.new_to_old[id]) }));
    const want = m.source.flatMap((s, id) => (s === 'kept' ? [] : [id]));
    if (rows.length !== want.length || rows.some((r, k) => r.id !== want[k] || r.from.some((o) => o < 0)))
        throw new InvariantError('embedding-init.json rows do not match the id map');
    const { rows: _, ...head } = init;
    writeFileAtomic(initFile, embeddingInitText({
        ...head,
        base: { ...head.base, vocab_size: f.base.size },
        id_map: ID_MAP_NAME,
        rule: 'rows not listed keep their base row (id-map.json new_to_old); listed rows: mean of the base checkpoint rows of `from` ' +
            '(the reduced base tokenizer’s decomposition, as base ids); zero for padding',
        rows,
    }));
    return { [ID_MAP_NAME]: sha256File(path.join(dir, ID_MAP_NAME)), 'embedding-init.json': sha256File(initFile) };
}
//# sourceMappingURL=id-map.js.map