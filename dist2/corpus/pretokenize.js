// Pretokenization: how a line of text becomes the chunks that are counted and trained on. A
// Pretokenizer is the base's own normalisation plus the chunk rules no new piece may cross.
import { scriptOf } from './unicode.js';
/** The space marker SentencePiece substitutes for ' ' (U+2581). */
export const SPACE = '\u2581';
/** Normalizes as the Mistral/Llama SentencePiece models do: dummy prefix, spaces to ▁. */
export function normalize(text, addDummyPrefix = true) {
    const body = text.replaceAll(' ', SPACE);
    return addDummyPrefix ? SPACE + body : body;
}
// Without the script rule, pieces may join a run and the punctuation that ends it (た。, て、),
// but not cross it: a chunk ends after closing punctuation and starts before opening punctuation.
const CLOSE = '、。，．！？」』）】〉》〕!?),.';
const OPEN = '「『（【〈《〔(';
/** Per UTF-16 unit: 1 opens a run, 2 closes one (all of them are in the BMP). */
const PUNCT = new Uint8Array(0x10000);
for (const ch of OPEN)
    PUNCT[ch.charCodeAt(0)] = 1;
for (const ch of CLOSE)
    PUNCT[ch.charCodeAt(0)] = 2;
/** Splits one normalized string into chunks no new piece may cross; emits [start, end) ranges.
 * `space` is the character that starts a word (▁ after SentencePiece normalisation, ' ' in
 * byte-level text): it attaches to what follows. */
export function splitChunks(norm, emit, byScript = true, space = 0x2581) {
    let start = 0;
    let script = -1 /* Script.Unset */;
    let i = 0;
    const n = norm.length;
    while (i < n) {
        const cp = norm.codePointAt(i);
        const w = cp > 0xffff ? 2 : 1;
        let s = cp === space ? 0 /* Script.Space */ : scriptOf(cp);
        let boundary = false;
        if (s === 0 /* Script.Space */) {
            boundary = true;
            s = -1 /* Script.Unset */;
        }
        else if (s === 1 /* Script.Digit */) {
            boundary = true;
        }
        else if (s === 2 /* Script.Inherited */) {
            s = script === -1 /* Script.Unset */ ? 4 /* Script.Common */ : script;
        }
        else if (script === 1 /* Script.Digit */ || (byScript && script !== -1 /* Script.Unset */ && script !== s)) {
            boundary = true;
        }
        else if (!byScript && i > start && (PUNCT[norm.charCodeAt(i)] === 1 || PUNCT[norm.charCodeAt(i - 1)] === 2)) {
            boundary = true;
        }
        if (boundary && i > start) {
            emit(start, i);
            start = i;
        }
        script = s;
        i += w;
        if (s === 1 /* Script.Digit */) {
            // A digit stands alone; what follows starts afresh.
            emit(start, i);
            start = i;
            script = -1 /* Script.Unset */;
        }
    }
    if (i > start)
        emit(start, i);
}
/** The SentencePiece-BPE pretokenizer (Mistral, Llama 2): ▁ normalisation, then whitespace,
 * script (or, without it, punctuation) and single digits. */
export function sentencePiecePretokenizer(opts) {
    return {
        id: `sentencepiece:dummy-prefix=${opts.addDummyPrefix}:split-by-script=${opts.splitByScript}`,
        chunks(text, emit) {
            const norm = normalize(text, opts.addDummyPrefix);
            splitChunks(norm, (a, b) => emit(norm, a, b), opts.splitByScript);
        },
    };
}
/** The chunks of `text` as strings (tests, small tools). */
export function chunkStrings(p, text) {
    const out = [];
    p.chunks(text, (s, a, b) => out.push(s.slice(a, b)));
    return out;
}
//# sourceMappingURL=pretokenize.js.map