// Efficiency change between two versions on a corpus, and the embedding-row remap table.
import { BpeEncoder } from '../bpe/encoder.js';
import { emptyStats, listCorpora, readCorpusFile } from '../corpus/read.js';
import { codePointLength } from '../corpus/unicode.js';
import { DEFAULTS } from '../spec.js';
import { loadSpmModel } from '../spm/runtime.js';
/** Encodes every non-empty line of the corpora with both sides (SentencePiece, no BOS). */
export async function efficiencyDiff(a, b, corpora, opts = {}) {
    const top = opts.top ?? 10;
    const signal = opts.signal;
    const side = (x) => ({
        pieces: x.pieces,
        trainerSpec: x.trainerSpec ?? {},
        normalizerSpec: x.normalizerSpec ?? {},
        paddingIds: x.paddingIds,
    });
    const pa = await loadSpmModel(side(a));
    const pb = await loadSpmModel(side(b));
    let lines = 0, chars = 0, ta = 0, tb = 0;
    const changed = [];
    for (const files of listCorpora(corpora).sources) {
        for (const f of files) {
            await readCorpusFile(f, { textField: opts.textField ?? DEFAULTS.textField, skipInvalid: true, signal }, emptyStats(), (t) => {
                lines++;
                chars += codePointLength(t);
                const x = pa.encodeIds(t).length;
                const y = pb.encodeIds(t).length;
                ta += x;
                tb += y;
                if (x !== y) {
                    changed.push({ text: t, tokens_a: x, tokens_b: y });
                    if (changed.length > top * 50) {
                        changed.sort((p, q) => Math.abs(q.tokens_a - q.tokens_b) - Math.abs(p.tokens_a - p.tokens_b));
                        changed.length = top;
                    }
                }
            });
        }
    }
    changed.sort((p, q) => Math.abs(q.tokens_a - q.tokens_b) - Math.abs(p.tokens_a - p.tokens_b));
    const cpt = (t) => (t > 0 ? Number((chars / t).toFixed(4)) : 0);
    return {
        lines,
        chars,
        a: { tokens: ta, chars_per_token: cpt(ta) },
        b: { tokens: tb, chars_per_token: cpt(tb) },
        tokens_saved: ta - tb,
        most_changed: changed.slice(0, top),
    };
}
/** For each id of B: the A id carrying the same piece, or A ids to initialise it from. */
export function remapTable(a, b) {
    const idA = new Map(a.pieces.map((p, i) => [p.piece, i]));
    const enc = a.modelType === 'BPE' ? new BpeEncoder(a.pieces) : undefined;
    const pad = new Set(b.paddingIds);
    const rows = b.pieces.map((p, id) => {
        const same = idA.get(p.piece);
        if (same !== undefined)
            return { id, piece: p.piece, from: same };
        if (pad.has(id) || !enc)
            return { id, piece: p.piece, init: 'zero', from_ids: [] };
        return { id, piece: p.piece, init: 'mean', from_ids: enc.encodeNormalized(p.piece) };
    });
    return {
        format: 'tokext.remap/1',
        a: { label: a.label, size: a.pieces.length },
        b: { label: b.label, size: b.pieces.length },
        rows,
    };
}
//# sourceMappingURL=efficiency.js.map