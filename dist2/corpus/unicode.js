// Character classes used by pretokenization and the piece policy.
const NAMED = [
    'Latin',
    'Greek',
    'Cyrillic',
    'Armenian',
    'Hebrew',
    'Arabic',
    'Syriac',
    'Thaana',
    'Devanagari',
    'Bengali',
    'Gurmukhi',
    'Gujarati',
    'Oriya',
    'Tamil',
    'Telugu',
    'Kannada',
    'Malayalam',
    'Sinhala',
    'Thai',
    'Lao',
    'Tibetan',
    'Myanmar',
    'Georgian',
    'Hangul',
    'Ethiopic',
    'Cherokee',
    'Khmer',
    'Mongolian',
    'Bopomofo',
    'Yi',
    'Braille',
].map((name, i) => ({ re: new RegExp(`^\\p{Script=${name}}$`, 'u'), id: i === 0 ? 5 /* Script.Latin */ : 6 /* Script.Other */ + i }));
const HAN_LIKE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]$/u;
const INHERITED = /^\p{Script=Inherited}$/u;
const DIGIT = /^\p{Nd}$/u;
const JAPANESE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\u30FC\uFF00-\uFFEF\u31F0-\u31FF]$/u;
const scriptCache = new Int8Array(0x110000).fill(-1 /* Script.Unset */);
const japaneseCache = new Int8Array(0x110000).fill(-1);
/** The script class of a code point (cached). */
export function scriptOf(cp) {
    const cached = scriptCache[cp];
    if (cached !== -1 /* Script.Unset */)
        return cached;
    const ch = String.fromCodePoint(cp);
    let s = 4 /* Script.Common */;
    if (cp === 0x2581)
        s = 0 /* Script.Space */;
    else if (DIGIT.test(ch))
        s = 1 /* Script.Digit */;
    else if (HAN_LIKE.test(ch))
        s = 3 /* Script.Han */;
    else if (INHERITED.test(ch))
        s = 2 /* Script.Inherited */;
    else {
        for (const n of NAMED)
            if (n.re.test(ch)) {
                s = n.id;
                break;
            }
    }
    scriptCache[cp] = s;
    return s;
}
/** Hiragana, Katakana, Han, CJK symbols and punctuation, full-width and half-width forms. */
export function isJapaneseCodePoint(cp) {
    const cached = japaneseCache[cp];
    if (cached !== -1)
        return cached === 1;
    const r = JAPANESE.test(String.fromCodePoint(cp));
    japaneseCache[cp] = r ? 1 : 0;
    return r;
}
/** True if any character of `s` is Japanese. */
export function containsJapanese(s) {
    for (const ch of s)
        if (isJapaneseCodePoint(ch.codePointAt(0)))
            return true;
    return false;
}
/** Script name for reports: Hiragana, Katakana, Han, Latin, Digit, Symbol, Other. */
export function scriptName(cp) {
    const ch = String.fromCodePoint(cp);
    if (/\p{Script=Hiragana}/u.test(ch))
        return 'Hiragana';
    if (/[\p{Script=Katakana}\u30FC]/u.test(ch))
        return 'Katakana';
    if (/\p{Script=Han}/u.test(ch))
        return 'Han';
    if (/\p{Script=Latin}/u.test(ch))
        return 'Latin';
    if (/\p{Nd}/u.test(ch))
        return 'Digit';
    if (cp === 0x2581)
        return 'Space';
    if (/\p{Script=Common}/u.test(ch))
        return 'Symbol';
    return 'Other';
}
/** The script classes pieces and text are bucketed by (manifest, eval, report). */
export const SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Latin', 'digits', 'other'];
const classCache = new Map();
/** Index in SCRIPTS of a code point's class (ー counts as Katakana; spaces and punctuation are other). */
export function scriptIndex(cp) {
    let k = classCache.get(cp);
    if (k === undefined) {
        const s = scriptName(cp);
        k = SCRIPTS.indexOf(s === 'Digit' ? 'digits' : s);
        if (k < 0)
            k = SCRIPTS.indexOf('other');
        classCache.set(cp, k);
    }
    return k;
}
/** The script class of a piece: that of its first character that is not ▁ (other if none). */
export function pieceScriptClass(piece) {
    for (const ch of piece) {
        const cp = ch.codePointAt(0);
        if (cp !== 0x2581)
            return SCRIPTS[scriptIndex(cp)];
    }
    return 'other';
}
/** Characters (code points) of `s`: what chars/token counts everywhere. */
export function codePointLength(s) {
    let n = 0;
    for (const _ of s)
        n++;
    return n;
}
//# sourceMappingURL=unicode.js.map