import { tokenToBytes } from '../vocab/bytelevel.js';
import { encoderOf } from '../hf/model.js';
import { UsageError } from '../errors.js';
import { padToken } from '../spec.js';
import { planByDropping } from './choose.js';
import { breathe, Pacer } from '../progress.js';
/** The base's encoding of token `text` (its bytes, for a byte-level base). */
function decompose(enc, text) {
    return enc.spec.byteLevel ? enc.encodeBytes(tokenToBytes(text)) : enc.encodePretoken(text);
}
/** Appends `chosen` to the base encoder; tokens whose merge names a token that is not there are
 * reported (their parts were dropped). Also gives each token's decomposition by the base, taken
 * before the encoder grows (one encoder instead of a second one for embedding-init.json). */
async function extend(base, chosen, signal) {
    const enc = encoderOf(base.hf);
    await breathe(signal);
    const pacer = new Pacer(signal);
    const from = [];
    for (const t of chosen) {
        if (from.length % 256 === 0)
            await pacer.pace();
        from.push(decompose(enc, t.piece));
    }
    const ids = [];
    const missing = new Set();
    chosen.forEach((t, k) => {
        if (t.kind === 'new-char') {
            ids.push(enc.addToken(t.piece));
            return;
        }
        const l = enc.ids.get(t.merge?.[0] ?? '');
        const r = enc.ids.get(t.merge?.[1] ?? '');
        if (l === undefined || r === undefined) {
            missing.add(k);
            ids.push(-1);
            return;
        }
        ids.push(enc.addMerge(l, r));
    });
    return { enc, ids, missing, from };
}
/** Does encoding the token's own bytes (or text) give exactly it? */
export function reachable(enc, id) {
    const text = enc.texts[id];
    const got = enc.spec.byteLevel ? enc.encodeBytes(tokenToBytes(text)) : enc.encodePretoken(text);
    return got.length === 1 && got[0] === id;
}
/** The extension with exactly `chosen` as its new tokens, in order, then the padding; and the
 * indexes (into `chosen`) of tokens that cannot be had, with why. */
export async function assembleHf(base, chosen, spec, run = {}) {
    await breathe(run.signal);
    const { enc, ids, missing, from } = await extend(base, chosen, run.signal);
    await breathe(run.signal);
    const pacer = new Pacer(run.signal);
    const bad = new Map([...missing].map((k) => [k, 'made from a dropped token']));
    for (let k = 0; k < ids.length; k++) {
        if (k % 256 === 0)
            await pacer.pace();
        if (ids[k] >= 0 && !reachable(enc, ids[k]))
            bad.set(k, 'unreachable');
    }
    await breathe(run.signal);
    const taken = new Set(enc.texts);
    const padding = Array.from({ length: spec.padTo - spec.target }, (_, i) => ({
        id: spec.target + i,
        content: padToken(spec, i),
    }));
    for (const p of padding)
        if (taken.has(p.content) || base.hf.json.added_tokens.some((t) => t.content === p.content))
            throw new UsageError(`the padding token ${p.content} is already a token of the base`, 'pass another padding prefix');
    const tokens = chosen.map((t, k) => ({
        id: ids[k],
        text: t.piece,
        kind: t.kind,
        count: t.count,
        ...(t.merge ? { merge: t.merge } : {}),
        from: from[k],
    }));
    return { plan: { base, tokens, padding, dropped: [], encoder: enc }, bad };
}
/** Plans the extension of `base` by `trained` (in training order). */
export async function planHf(base, trained, spec, run = {}) {
    const pool = trained.filter((t) => t.kind === 'new-char' || t.merge !== undefined);
    return planByDropping(pool, base.hf.size - (base.hf.free?.length ?? 0), // ids in use: new tokens fill the free ones first
    spec, { noun: 'tokens', rounds: 50, assemble: (chosen) => assembleHf(base, chosen, spec, run) }, run);
}
//# sourceMappingURL=hf.js.map