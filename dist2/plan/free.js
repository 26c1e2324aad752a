// Which base pieces can go (--replace, --trim-to): leaf closure on the base's merge graph. A piece
// may go only when no kept merge uses it as a part; removing it removes the merges that make it,
// and its parts may become leaves in turn. Byte pieces, special/added/unknown tokens, single
// characters and pieces no merge makes are never removed. Among the leaves, those of scripts the
// corpora never show go first, then the least used, then the last learned: deterministic.
import { BinaryHeap } from '../bpe/binary-heap.js';
import { UsageError } from '../errors.js';
import { scriptOf } from '../corpus/unicode.js';
import { tokenToBytes } from '../vocab/bytelevel.js';
import { PieceType } from '../vocab/model.js';
/** The text of a piece as characters (a byte-level piece's complete characters). */
export function pieceChars(piece, byteLevel) {
    if (!byteLevel)
        return piece;
    const bytes = tokenToBytes(piece);
    return bytes ? new TextDecoder().decode(bytes).replaceAll('\uFFFD', '') : piece;
}
/** Is a piece one character (or part of one: a byte-level piece of a single, incomplete character)? */
function singleChar(piece, byteLevel) {
    if (!byteLevel)
        return [...piece].length <= 1;
    const bytes = tokenToBytes(piece);
    if (!bytes)
        return true;
    if (bytes.length === 1)
        return true;
    const text = new TextDecoder().decode(bytes);
    return [...text].length <= 1;
}
/** Does the piece hold a letter of a script the corpora never show? */
export function foreignPiece(chars, scripts) {
    for (const ch of chars) {
        const s = scriptOf(ch.codePointAt(0));
        if (s === 4 /* Script.Common */ || s === 0 /* Script.Space */ || s === 1 /* Script.Digit */ || s === 2 /* Script.Inherited */)
            continue;
        if (!scripts.has(s))
            return true;
    }
    return false;
}
/** The scripts of the characters of `text` (as FreeInput.scripts wants them), added to `into`. */
export function addScripts(text, into) {
    for (const ch of text)
        into.add(scriptOf(ch.codePointAt(0)));
}
/** The merge graph of `input`. */
function graphOf(input) {
    const ids = new Map();
    input.pieces.forEach((p, id) => {
        if (p.piece !== '' && !ids.has(p.piece))
            ids.set(p.piece, id);
    });
    const makers = new Map();
    const users = new Int32Array(input.pieces.length);
    const parts = new Int32Array(2 * input.merges.length).fill(-1);
    input.merges.forEach(([a, b], rank) => {
        const l = ids.get(a);
        const r = ids.get(b);
        const c = ids.get(a + b);
        if (l === undefined || r === undefined || c === undefined)
            return;
        parts[2 * rank] = l;
        parts[2 * rank + 1] = r;
        users[l]++;
        users[r]++;
        const m = makers.get(c);
        if (m)
            m.push(rank);
        else
            makers.set(c, [rank]);
    });
    return { makers, users, parts };
}
const before = (a, b) => a.foreign !== b.foreign ? a.foreign : a.share !== b.share ? a.share < b.share : a.rank > b.rank;
/** Can piece `id` ever go (a NORMAL piece of 2+ characters that some merge makes)? */
function candidate(input, g, id) {
    const p = input.pieces[id];
    return p.type === PieceType.NORMAL && g.makers.has(id) && !singleChar(p.piece, input.byteLevel);
}
/**
 * The ids of `n` base pieces that can go, in the order they go (leaf closure: each is a leaf of
 * the merge graph once the ones before it are gone). A removed piece's uses pass to the parts of
 * the first merge that made it (its text now encodes as them). Throws a UsageError naming how
 * many could go when fewer than `n` can.
 */
export function chooseFreed(input, n) {
    const g = graphOf(input);
    const share = Float64Array.from(input.share);
    const leaf = (id) => ({
        id,
        foreign: foreignPiece(pieceChars(input.pieces[id].piece, input.byteLevel), input.scripts),
        share: share[id],
        rank: g.makers.get(id)[0],
    });
    const heap = new BinaryHeap(before);
    for (let id = 0; id < input.pieces.length; id++)
        if (g.users[id] === 0 && candidate(input, g, id))
            heap.push(leaf(id));
    const out = [];
    while (out.length < n) {
        const x = heap.pop();
        if (!x)
            break;
        out.push(x.id);
        const ranks = g.makers.get(x.id);
        for (const rank of ranks) {
            const l = g.parts[2 * rank];
            const r = g.parts[2 * rank + 1];
            if (rank === ranks[0]) {
                share[l] = share[l] + share[x.id];
                if (r !== l)
                    share[r] = share[r] + share[x.id];
            }
            for (const part of l === r ? [l, l] : [l, r]) {
                g.users[part]--;
                if (g.users[part] === 0 && candidate(input, g, part))
                    heap.push(leaf(part));
            }
        }
    }
    if (out.length < n)
        throw new UsageError(`only ${out.length.toLocaleString('en-US')} base pieces can be freed, ${n.toLocaleString('en-US')} were asked for`, 'byte pieces, special and added tokens, single characters and the parts of kept merges stay; ask for fewer');
    return out;
}
//# sourceMappingURL=free.js.map