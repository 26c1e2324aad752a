// The merges a SentencePiece BPE vocabulary implies: every split of a piece into two pieces,
// ordered by score as SentencePiece's BPE applies them.
import { PieceType } from '../vocab/model.js';
import { forEachSplit } from './splits.js';
import { Pacer } from '../progress.js';
/** The ids of NORMAL pieces by text. */
function normalIds(pieces) {
    const ids = new Map();
    pieces.forEach((p, id) => {
        if (p.type === PieceType.NORMAL)
            ids.set(p.piece, id);
    });
    return ids;
}
/** The merges of `rows`, in SentencePiece's order: score (descending), then piece id, left id, right id. */
function ordered(pieces, rows) {
    rows.sort((a, b) => b.score - a.score || a.id - b.id || a.l - b.l || a.r - b.r);
    return rows.map((m) => [pieces[m.l].piece, pieces[m.r].piece]);
}
/**
 * Every split of a NORMAL piece into two NORMAL pieces, ordered by the piece's score
 * (descending), then piece id, left id, right id.
 */
export function deriveMerges(pieces) {
    const ids = normalIds(pieces);
    const rows = [];
    pieces.forEach((p, id) => {
        if (p.type === PieceType.NORMAL)
            forEachSplit(p.piece, (t) => ids.get(t), (l, r) => rows.push({ score: p.score, id, l, r }));
    });
    return ordered(pieces, rows);
}
/** deriveMerges for long runs: checks `signal` and yields to the event loop as it goes. */
export async function deriveMergesPaced(pieces, signal) {
    await new Pacer(signal, 0).pace(); // at once: a fresh pacer would first wait its interval
    const ids = normalIds(pieces);
    const rows = [];
    const pacer = new Pacer(signal);
    for (let id = 0; id < pieces.length; id++) {
        if (id % 1024 === 0)
            await pacer.pace();
        const p = pieces[id];
        if (p.type === PieceType.NORMAL)
            forEachSplit(p.piece, (t) => ids.get(t), (l, r) => rows.push({ score: p.score, id, l, r }));
    }
    await pacer.pace();
    return ordered(pieces, rows);
}
//# sourceMappingURL=derive.js.map