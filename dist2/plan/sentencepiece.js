// Planning a SentencePiece BPE extension: pick trained pieces until the vocabulary has exactly
// `target` entries, drop any piece the encoder cannot reach, then pad to `padTo` with named
// special tokens.
import { BpeEncoder } from '../bpe/encoder.js';
import { padToken } from '../spec.js';
import { appendScoreOrigin } from '../vocab/scores.js';
import { newIds, planByDropping } from './choose.js';
import { breathe, Pacer } from '../progress.js';
import { PieceType } from '../vocab/model.js';
/** Is piece `id` what encoding its own text gives (true for non-NORMAL pieces)? */
function reaches(enc, model, id) {
    const p = model.pieces[id];
    if (p.type !== PieceType.NORMAL)
        return true;
    const out = enc.merge(enc.charSymbols(p.piece));
    return out.length === 1 && out[0] === id;
}
/** Ids of new NORMAL pieces that encoding their own text does not produce. */
export function unreachable(model, from) {
    const enc = new BpeEncoder(model.pieces);
    const bad = [];
    for (let id = from; id < model.pieces.length; id++)
        if (!reaches(enc, model, id))
            bad.push(id);
    return bad;
}
/** The indexes k of `ids` (new pieces) whose piece encoding its own text does not produce; checks
 * the signal and yields to the event loop as it goes. */
async function unreachablePaced(model, ids, signal) {
    await breathe(signal);
    const enc = new BpeEncoder(model.pieces);
    await breathe(signal);
    const pacer = new Pacer(signal);
    const bad = [];
    for (let k = 0; k < ids.length; k++) {
        if (k % 256 === 0)
            await pacer.pace();
        if (!reaches(enc, model, ids[k]))
            bad.push(k);
    }
    return bad;
}
/** The extended model with exactly `chosen` as its new pieces, in order (in the base's `free` ids
 * first, lowest first, then after it), then the padding; and the indexes (into `chosen`) of
 * pieces the encoder cannot reach. */
export async function assembleSentencePiece(base, chosen, spec, run = {}, free = []) {
    const origin = appendScoreOrigin(base);
    const ids = newIds({ size: base.pieces.length, free }, chosen.length);
    const pieces = base.pieces.slice();
    const kinds = base.pieces.map(() => 'base');
    const counts = base.pieces.map(() => null);
    chosen.forEach((t, k) => {
        pieces[ids[k]] = { piece: t.piece, score: origin - (k + 1), type: PieceType.NORMAL };
        kinds[ids[k]] = t.kind;
        counts[ids[k]] = t.count;
    });
    const model = {
        pieces,
        trainerSpec: base.trainerSpec,
        normalizerSpec: base.normalizerSpec,
        paddingIds: [],
    };
    const bad = await unreachablePaced(model, ids, run.signal);
    await breathe(run.signal);
    const padCount = spec.padTo - spec.target;
    for (let i = 0; i < padCount; i++) {
        model.paddingIds.push(model.pieces.length);
        model.pieces.push({ piece: padToken(spec, i), score: 0, type: PieceType.CONTROL });
        kinds.push('padding');
        counts.push(null);
    }
    return { plan: { model, kinds, counts, dropped: [] }, unreachable: bad };
}
/** Builds the extended model from the base and the trained pieces (pure): the first (or, with
 * pruning, the kept) pieces, dropping unreachable ones and taking the next until none is. */
export async function planSentencePiece(base, trained, spec, run = {}, free = []) {
    return planByDropping(trained, base.pieces.length - free.length, // ids in use: new pieces fill the free ones first
    spec, {
        noun: 'pieces',
        rounds: 21,
        assemble: async (chosen) => {
            const a = await assembleSentencePiece(base, chosen, spec, run, free);
            return { plan: a.plan, bad: new Map(a.unreachable.map((k) => [k, 'unreachable'])) };
        },
    }, run);
}
//# sourceMappingURL=sentencepiece.js.map