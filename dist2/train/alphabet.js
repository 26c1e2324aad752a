// What continued training needs from a base, for both model kinds: its segmentation of a chunk
// into words, how a new token is appended (SentencePiece: a piece scored below all; HF: a merge
// ranked after all), which merges are allowed (length, and the Japanese-only policy that keeps
// text without Japanese encoded exactly as before).
import { BpeEncoder } from '../bpe/encoder.js';
import { pieceRule } from '../corpus/policy.js';
import { policyOf } from '../spec.js';
import { tokenToBytes } from '../vocab/bytelevel.js';
import { appendScoreOrigin } from '../vocab/scores.js';
/** SentencePiece BPE: pieces with scores; every split of a piece merges; characters that are no piece split words. */
export function sentencePieceAlphabet(model, o) {
    const enc = new BpeEncoder(model.pieces);
    const origin = appendScoreOrigin(model);
    const rule = pieceRule(policyOf(o), o.maxPieceLength);
    let added = 0;
    return {
        rule,
        texts: enc.texts,
        charsNeeded: true,
        has: (t) => enc.pieceToId.has(t),
        addChar: (ch) => enc.addPiece(ch, origin - ++added),
        addMerge: (l, r) => enc.addPiece(enc.texts[l] + enc.texts[r], origin - ++added),
        segment: (chunk, emit) => splitAtUnknown(enc.charSymbols(chunk), (s) => enc.merge(s), emit),
        merge: (s) => enc.merge(s),
        encode: (chunk) => encodeKnown(enc.charSymbols(chunk), (s) => enc.merge(s)),
        splits: (id) => enc.splits(id),
        completesLarger: (id) => enc.completesLarger(id),
        allowed: (l, r) => rule.text(enc.texts[l] + enc.texts[r]),
    };
}
/** Splits symbols where one is unknown (-1) and emits the merged runs of 2+ symbols. */
function splitAtUnknown(syms, merge, emit) {
    let s = 0;
    for (let i = 0; i <= syms.length; i++) {
        if (i < syms.length && syms[i] >= 0)
            continue;
        if (i - s >= 2) {
            const seg = merge(syms.slice(s, i));
            if (seg.length >= 2)
                emit(seg);
        }
        s = i + 1;
    }
}
/** The merged runs of known symbols (unknown: -1) of a chunk, in order. */
function encodeKnown(syms, merge) {
    const out = [];
    let s = 0;
    for (let i = 0; i <= syms.length; i++) {
        if (i < syms.length && syms[i] >= 0)
            continue;
        if (i > s)
            out.push(...(i - s === 1 ? [syms[s]] : merge(syms.slice(s, i))));
        s = i + 1;
    }
    return out;
}
/** HF BPE: explicit merges by rank; byte-level (every byte a token) or characters with byte fallback. */
export function hfAlphabet(enc, o) {
    const firstNew = enc.texts.length;
    const freed = new Set(enc.spec.free ?? []); // ids new tokens fill first
    const isNew = (id) => id >= firstNew || freed.has(id);
    const rule = pieceRule(policyOf(o), o.maxPieceLength);
    return {
        rule,
        texts: enc.texts,
        charsNeeded: !enc.spec.byteLevel,
        has: (t) => enc.has(t),
        addChar: (ch) => enc.addToken(ch),
        addMerge: (l, r) => enc.addMerge(l, r),
        segment: (chunk, emit) => {
            if (enc.spec.ignoreMerges && enc.has(enc.tokenString(chunk)))
                return; // emitted whole: one symbol
            if (enc.spec.byteLevel) {
                const seg = enc.merge(enc.symbols(chunk));
                if (seg.length >= 2)
                    emit(seg);
            }
            else
                splitAtUnknown(enc.symbols(chunk), (s) => enc.merge(s), emit);
        },
        merge: (s) => enc.merge(s),
        encode: (chunk) => enc.encodePretoken(chunk),
        splits: (id) => mergeOf(enc, id),
        completesLarger: () => false,
        allowed: (l, r) => {
            const text = enc.texts[l] + enc.texts[r];
            return enc.spec.byteLevel
                ? rule.bytes(text.length, isNew(l) || isNew(r), () => tokenToBytes(text))
                : rule.text(text);
        },
    };
}
/** The merge that made token `id` (HF models have exactly one). */
function mergeOf(enc, id) {
    const p = enc.mergeOf(id);
    return p ? [p] : [];
}
//# sourceMappingURL=alphabet.js.map