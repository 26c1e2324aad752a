// HF tokenizers' BPE model: explicit merges applied lowest rank first (leftmost on ties), over
// byte-level symbols (Llama 3, Qwen) or characters with byte fallback (Gemma). New merges are
// appended after the last rank and new tokens after the highest id, as continued training does.
import { BYTE_CHAR, bytesToToken } from '../vocab/bytelevel.js';
import { bytePiece } from '../vocab/model.js';
import { PairMerger } from './merger.js';
/** The encoder; `texts` and `ids` grow as the trainer appends tokens. */
export class RankedBpe extends PairMerger {
    spec;
    texts;
    ids = new Map();
    byteIds = new Int32Array(256).fill(-1); // byte → its token (byte-level) or its <0xXX> token
    charIds = new Map();
    made = new Map(); // appended token → its merge
    rank = 0;
    free; // ids new tokens take before appending, lowest last (popped)
    constructor(spec, size = spec.vocab.length) {
        super();
        this.spec = spec;
        this.free = [...(spec.free ?? [])].sort((a, b) => b - a);
        this.texts = Array.from({ length: size }, (_, id) => spec.vocab[id] ?? '');
        this.texts.forEach((t, id) => {
            if (t !== '')
                this.index(t, id);
        });
        for (let b = 0; b < 256; b++)
            this.byteIds[b] = this.ids.get(spec.byteLevel ? BYTE_CHAR[b] : bytePiece(b)) ?? -1;
        for (const [l, r] of spec.merges) {
            const a = this.ids.get(l);
            const b = this.ids.get(r);
            const m = this.ids.get(l + r);
            if (a === undefined || b === undefined)
                throw new Error(`merge ${JSON.stringify(`${l} ${r}`)} names ${JSON.stringify(a === undefined ? l : r)}, which is not in the vocabulary`);
            if (m === undefined)
                throw new Error(`merge ${JSON.stringify(l)} + ${JSON.stringify(r)} has no result: ${JSON.stringify(l + r)} is not in the vocabulary`);
            this.setPair(a, b, m, -this.rank++);
        }
    }
    index(text, id) {
        this.ids.set(text, id);
        if (!this.spec.byteLevel) {
            const cp = text.codePointAt(0);
            if (text.length === (cp > 0xffff ? 2 : 1))
                this.charIds.set(cp, id);
        }
    }
    /** True if `text` is a token. */
    has(text) {
        return this.ids.has(text);
    }
    /** Puts a new token's text at the lowest free id, else after the last; returns its id. */
    place(text) {
        const id = this.free.pop() ?? this.texts.length;
        this.texts[id] = text;
        this.index(text, id);
        return id;
    }
    /** Adds token texts[l] + texts[r] (at a free id, else after the last), made by a new merge of the lowest priority so far. */
    addMerge(l, r) {
        const id = this.place(this.texts[l] + this.texts[r]);
        this.setPair(l, r, id, -this.rank++);
        this.made.set(id, [l, r]);
        return id;
    }
    /** The merge that made an appended token. */
    mergeOf(id) {
        return this.made.get(id);
    }
    /** Adds a token without a merge (a new single character of a character-level model), as addMerge places it. */
    addToken(text) {
        return this.place(text);
    }
    /** The token string of a pretoken (byte-level: its UTF-8 bytes as characters). */
    tokenString(pretoken) {
        return this.spec.byteLevel ? bytesToToken(Buffer.from(pretoken, 'utf8')) : pretoken;
    }
    /** Initial symbols of a pretoken: its bytes, or its characters (-1 where a character is no token). */
    symbols(pretoken) {
        if (this.spec.byteLevel)
            return Array.from(Buffer.from(pretoken, 'utf8'), (b) => this.byteIds[b]);
        const out = [];
        for (let i = 0; i < pretoken.length; i++) {
            const cp = pretoken.codePointAt(i);
            if (cp > 0xffff)
                i++;
            out.push(this.charIds.get(cp) ?? -1);
        }
        return out;
    }
    /** Encodes one pretoken as the HF runtime does: whole if ignore_merges finds it, else merged;
     * unknown characters become their byte tokens. */
    encodePretoken(pretoken) {
        if (this.spec.ignoreMerges) {
            const whole = this.ids.get(this.tokenString(pretoken));
            if (whole !== undefined)
                return [whole];
        }
        if (this.spec.byteLevel)
            return this.merge(this.symbols(pretoken));
        const out = [];
        const syms = this.symbols(pretoken);
        const chars = Array.from(pretoken);
        let start = 0;
        const flush = (end) => {
            if (end > start)
                out.push(...this.merge(syms.slice(start, end)));
        };
        syms.forEach((s, k) => {
            if (s >= 0)
                return;
            flush(k);
            for (const b of Buffer.from(chars[k], 'utf8'))
                out.push(this.byteIds[b]);
            start = k + 1;
        });
        flush(syms.length);
        return out;
    }
    /** Byte-level: encodes raw bytes as one pretoken (a token may be part of a character). */
    encodeBytes(bytes) {
        if (this.spec.ignoreMerges) {
            const whole = this.ids.get(bytesToToken(bytes));
            if (whole !== undefined)
                return [whole];
        }
        return this.merge(Array.from(bytes, (b) => this.byteIds[b]));
    }
}
//# sourceMappingURL=ranked.js.map