// The norm-mean rule: a new row is its decomposition's mean rescaled to the median L2 norm of the
// base rows of its piece's script (a mean of several rows is shorter than a typical row; NVIDIA's
// Nemotron tokenizer-extension recipe rescales it the same way). A piece's script is that of its
// first letter or digit (Han, Hiragana, Katakana, Latin, digits), else "other".
import { z } from 'zod';
import { SCRIPTS, scriptIndex } from '../corpus/unicode.js';
import { isByteLevel } from '../hf/pipeline.js';
import { readJsonFile } from '../io/json.js';
import { parseAs } from '../io/validate.js';
import { tokenToBytes } from '../vocab/bytelevel.js';
import { byteOfPiece } from '../vocab/model.js';
import { readRow } from './dtype.js';
/** No script: an added or special token, a byte piece, a piece that is not whole characters. */
export const NO_SCRIPT = -1;
const OTHER = SCRIPTS.indexOf('other');
const SKIP = /^[\s\u2581\uFFFD]$/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The text of a vocabulary piece: byte-level strings decoded (undefined unless whole UTF-8 characters);
 * SentencePiece byte pieces (<0xE3>) have none. */
export function pieceText(piece, byteLevel) {
    if (!byteLevel)
        return byteOfPiece(piece) === undefined ? piece : undefined;
    const bytes = tokenToBytes(piece);
    if (!bytes)
        return undefined;
    try {
        return utf8.decode(bytes);
    }
    catch {
        return undefined;
    }
}
/** The script (index in SCRIPTS) of a text: its first letter or digit's; other when it has none; NO_SCRIPT for ''. */
export function textScript(text) {
    if (!text)
        return NO_SCRIPT;
    for (const ch of text) {
        if (SKIP.test(ch))
            continue;
        const k = scriptIndex(ch.codePointAt(0));
        if (k !== OTHER)
            return k;
    }
    return OTHER;
}
const tokenizerSchema = z.looseObject({
    model: z.looseObject({ vocab: z.record(z.string(), z.int().nonnegative()) }),
    pre_tokenizer: z.unknown().optional(),
    added_tokens: z.array(z.looseObject({ id: z.int().nonnegative() })).optional(),
});
/** Reads the extension's tokenizer.json (its vocabulary holds the kept base pieces at their new ids). */
export function pieceScripts(file, baseIds, newIdOf) {
    const hint = "norm-mean reads the base pieces from the extension's tokenizer.json (pass --tokenizer DIR)";
    const tok = parseAs(tokenizerSchema, readJsonFile(file, hint), file, 'tokenizer.json', hint);
    const byteLevel = isByteLevel((tok.pre_tokenizer ?? null));
    const byId = new Map();
    for (const [piece, id] of Object.entries(tok.model.vocab))
        byId.set(id, piece);
    for (const t of tok.added_tokens ?? [])
        byId.delete(t.id);
    const base = new Int8Array(baseIds).fill(NO_SCRIPT);
    for (let o = 0; o < baseIds; o++) {
        const piece = byId.get(newIdOf(o));
        if (piece !== undefined)
            base[o] = textScript(pieceText(piece, byteLevel));
    }
    return { base, ofPiece: (piece) => textScript(pieceText(piece, byteLevel)) };
}
/** The median of `xs` (the mean of the middle two for an even count; NaN when empty); sorts `xs`. */
export function median(xs) {
    if (xs.length === 0)
        return NaN;
    xs.sort((a, b) => a - b);
    const h = xs.length >> 1;
    return xs.length % 2 ? xs[h] : (xs[h - 1] + xs[h]) / 2;
}
/** Median L2 norms of the rows `rows` of a raw matrix, grouped by the rows' scripts. */
export async function scriptNorms(base, dtype, cols, rows, scripts, pace) {
    const groups = SCRIPTS.map(() => []);
    const all = [];
    const row = new Float32Array(cols);
    for (const [i, r] of rows.entries()) {
        const s = scripts[r] ?? NO_SCRIPT;
        if (s === NO_SCRIPT)
            continue;
        readRow(base, dtype, r, cols, row);
        const n = norm(row);
        groups[s].push(n);
        all.push(n);
        if ((i & 1023) === 1023)
            await pace();
    }
    return { byScript: groups.map(median), all: median(all) };
}
/** The L2 norm of a row (float64 sum of squares). */
function norm(row) {
    let s = 0;
    for (const x of row)
        s += x * x;
    return Math.sqrt(s);
}
/** Rescales `acc` in place to the median norm of `script`'s base rows (of all base rows when it has none);
 * a zero row, or a matrix with no base row of any script, stays as it is. */
export function rescaleToScript(acc, norms, script) {
    const own = norms.byScript[script];
    const target = own !== undefined && !Number.isNaN(own) ? own : norms.all;
    const n = norm(acc);
    if (!(n > 0) || Number.isNaN(target))
        return;
    const f = target / n;
    for (let c = 0; c < acc.length; c++)
        acc[c] = Math.fround(acc[c] * f);
}
//# sourceMappingURL=norm-mean.js.map