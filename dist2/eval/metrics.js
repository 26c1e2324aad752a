// Efficiency metrics of one tokenizer on one corpus (pure accumulation).
import { SCRIPTS, codePointLength, scriptIndex } from '../corpus/unicode.js';
import { PieceType } from '../vocab/model.js';
const OTHER = SCRIPTS.indexOf('other');
/** The order of the Rényi efficiency (Zouhar et al. 2023, tokenization-scorer's default). */
export const RENYI_ALPHA = 2.5;
/** Rényi efficiency of token counts: H_α(p) / log(n) over the n distinct tokens used (0 for n < 2). */
export function renyiEfficiency(counts, alpha = RENYI_ALPHA) {
    let total = 0;
    let n = 0;
    for (let i = 0; i < counts.length; i++)
        if (counts[i] > 0) {
            total += counts[i];
            n++;
        }
    if (n < 2)
        return 0;
    let sum = 0;
    for (let i = 0; i < counts.length; i++)
        if (counts[i] > 0)
            sum += (counts[i] / total) ** alpha;
    return Math.log(sum) / (1 - alpha) / Math.log(n);
}
/** Accumulates counts over batches, then yields a row. */
export class MetricsAccumulator {
    pieces;
    tokenBytes;
    lines = 0;
    chars = 0;
    bytes = 0;
    tokens = 0;
    byteTokens = 0;
    unkTokens = 0;
    exact = 0;
    used; // occurrences by id
    scriptChars = new Float64Array(SCRIPTS.length);
    scriptTokens = new Float64Array(SCRIPTS.length);
    bytesOf;
    /** @param tokenBytes the bytes a token contributes to the decoded text (enables the per-script figures) */
    constructor(pieces, tokenBytes) {
        this.pieces = pieces;
        this.tokenBytes = tokenBytes;
        this.used = new Float64Array(pieces.length);
        this.bytesOf = new Array(pieces.length);
    }
    /** Splits the tokens' bytes into characters: each token counts for the scripts of its bytes, in proportion. */
    addScripts(ids) {
        const parts = ids.map((id) => (this.bytesOf[id] ??= this.tokenBytes(id)));
        const total = parts.reduce((s, b) => s + b.length, 0);
        const all = new Uint8Array(total);
        const owner = new Int32Array(total); // token index of each byte
        let at = 0;
        parts.forEach((b, k) => {
            all.set(b, at);
            owner.fill(k, at, at + b.length);
            at += b.length;
        });
        for (let i = 0; i < total;) {
            const lead = all[i];
            let len = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
            let cp = len === 1 ? lead : lead & (0x7f >> len);
            for (let j = 1; j < len; j++) {
                const c = all[i + j];
                if (c === undefined || (c & 0xc0) !== 0x80) {
                    // a broken sequence: its lead byte alone, as other
                    len = 1;
                    cp = -1;
                    break;
                }
                cp = (cp << 6) | (c & 0x3f);
            }
            const k = cp < 0 || (lead >= 0x80 && len === 1) ? OTHER : scriptIndex(cp);
            for (let j = i; j < Math.min(total, i + len); j++)
                this.scriptTokens[k] = this.scriptTokens[k] + 1 / parts[owner[j]].length;
            i += len;
        }
    }
    add(text, ids, decoded) {
        this.lines++;
        this.chars += codePointLength(text);
        this.bytes += Buffer.byteLength(text, 'utf8');
        this.tokens += ids.length;
        for (const id of ids) {
            this.used[id] = this.used[id] + 1;
            const t = this.pieces[id]?.type;
            if (t === PieceType.BYTE)
                this.byteTokens++;
            else if (t === PieceType.UNKNOWN)
                this.unkTokens++;
        }
        if (decoded === text)
            this.exact++;
        if (this.tokenBytes) {
            for (const ch of text)
                this.scriptChars[scriptIndex(ch.codePointAt(0))]++;
            this.addScripts(ids);
        }
    }
    row(tokenizer, corpus, newIds) {
        const r = (x, d = 4) => Number(x.toFixed(d));
        const div = (a, b) => (b > 0 ? a / b : 0);
        let vocabUsed = 0;
        for (const u of this.used)
            if (u > 0)
                vocabUsed++;
        let newTokens = 0;
        for (const id of newIds ?? [])
            newTokens += this.used[id];
        return {
            tokenizer,
            corpus,
            lines: this.lines,
            chars: this.chars,
            bytes: this.bytes,
            tokens: this.tokens,
            chars_per_token: r(div(this.chars, this.tokens)),
            chars_per_token_with_bos: r(div(this.chars, this.tokens + this.lines)),
            bytes_per_token: r(div(this.bytes, this.tokens)),
            tokens_per_line: r(div(this.tokens, this.lines), 3),
            byte_fallback_rate: r(div(this.byteTokens, this.tokens), 6),
            unknown_rate: r(div(this.unkTokens, this.tokens), 6),
            roundtrip_exact: r(100 * div(this.exact, this.lines), 3),
            vocab_used: vocabUsed,
            vocab_utilisation: r(div(vocabUsed, this.pieces.length)),
            new_pieces: newIds ? newIds.length : null,
            dead_new_pieces: newIds ? newIds.filter((id) => this.used[id] === 0).length : null,
            new_token_rate: newIds ? r(div(newTokens, this.tokens), 6) : null,
            by_script: this.tokenBytes
                ? Object.fromEntries(SCRIPTS.map((name, k) => [
                    name,
                    {
                        chars: this.scriptChars[k],
                        tokens: r(this.scriptTokens[k], 2),
                        chars_per_token: r(div(this.scriptChars[k], this.scriptTokens[k])),
                    },
                ]))
                : null,
            renyi_efficiency: r(renyiEfficiency(this.used)),
        };
    }
}
//# sourceMappingURL=metrics.js.map