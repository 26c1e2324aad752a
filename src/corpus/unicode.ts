// Character classes used by pretokenization and the piece policy, and the UTF-8 of UTF-16 text.

/** Script classes; Han, Hiragana, Katakana and ー are one class, as SentencePiece treats them. */
export const enum Script {
  Unset = -1,
  Space = 0, // ▁ (U+2581): attaches to what follows, never splits a word by itself
  Digit = 1, // every decimal digit is its own piece (split_digits)
  Inherited = 2, // combining marks: take the script of what precedes
  Han = 3,
  Common = 4,
  Latin = 5,
  Other = 6, // first of the other named scripts; each gets its own id
}

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
].map((name, i) => ({ re: new RegExp(`^\\p{Script=${name}}$`, 'u'), id: i === 0 ? Script.Latin : Script.Other + i }));

const HAN_LIKE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]$/u;
const INHERITED = /^\p{Script=Inherited}$/u;
const DIGIT = /^\p{Nd}$/u;
const JAPANESE =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\u30FC\uFF00-\uFFEF\u31F0-\u31FF]$/u;

const scriptCache = new Int8Array(0x110000).fill(Script.Unset);
const japaneseCache = new Int8Array(0x110000).fill(-1);

/** The script class of a code point (cached). */
export function scriptOf(cp: number): Script {
  const cached = scriptCache[cp]! as Script;
  if (cached !== Script.Unset) return cached;
  const ch = String.fromCodePoint(cp);
  let s: Script = Script.Common;
  if (cp === 0x2581) s = Script.Space;
  else if (DIGIT.test(ch)) s = Script.Digit;
  else if (HAN_LIKE.test(ch)) s = Script.Han;
  else if (INHERITED.test(ch)) s = Script.Inherited;
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
export function isJapaneseCodePoint(cp: number): boolean {
  const cached = japaneseCache[cp]!;
  if (cached !== -1) return cached === 1;
  const r = JAPANESE.test(String.fromCodePoint(cp));
  japaneseCache[cp] = r ? 1 : 0;
  return r;
}

/** True if any character of `s` is Japanese. */
export function containsJapanese(s: string): boolean {
  for (const ch of s) if (isJapaneseCodePoint(ch.codePointAt(0)!)) return true;
  return false;
}

/** The code point at units[i] (of a text ending at `end`), as String.codePointAt reads it: a
 * surrogate pair as one, a lone surrogate as itself. */
export function codePointOfUnits(units: Uint16Array, i: number, end: number): number {
  const u = units[i]!;
  if (u < 0xd800 || u >= 0xdc00 || i + 1 >= end) return u;
  const lo = units[i + 1]!;
  return lo >= 0xdc00 && lo < 0xe000 ? 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00) : u;
}

/** containsJapanese of the text that UTF-16 units [start, end) of `units` spell. */
export function unitsContainJapanese(units: Uint16Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const cp = codePointOfUnits(units, i, end);
    if (isJapaneseCodePoint(cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}

/** Script name for reports: Hiragana, Katakana, Han, Latin, Digit, Symbol, Other. */
export function scriptName(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (/\p{Script=Hiragana}/u.test(ch)) return 'Hiragana';
  if (/[\p{Script=Katakana}\u30FC]/u.test(ch)) return 'Katakana';
  if (/\p{Script=Han}/u.test(ch)) return 'Han';
  if (/\p{Script=Latin}/u.test(ch)) return 'Latin';
  if (/\p{Nd}/u.test(ch)) return 'Digit';
  if (cp === 0x2581) return 'Space';
  if (/\p{Script=Common}/u.test(ch)) return 'Symbol';
  return 'Other';
}

/** The script classes pieces and text are bucketed by (manifest, eval, report). */
export const SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Latin', 'digits', 'other'] as const;
export type ScriptClass = (typeof SCRIPTS)[number];

const classCache = new Map<number, number>();

/** Index in SCRIPTS of a code point's class (ー counts as Katakana; spaces and punctuation are other). */
export function scriptIndex(cp: number): number {
  let k = classCache.get(cp);
  if (k === undefined) {
    const s = scriptName(cp);
    k = SCRIPTS.indexOf(s === 'Digit' ? 'digits' : (s as ScriptClass));
    if (k < 0) k = SCRIPTS.indexOf('other');
    classCache.set(cp, k);
  }
  return k;
}

/** The script class of a piece: that of its first character that is not ▁ (other if none). */
export function pieceScriptClass(piece: string): ScriptClass {
  for (const ch of piece) {
    const cp = ch.codePointAt(0)!;
    if (cp !== 0x2581) return SCRIPTS[scriptIndex(cp)]!;
  }
  return 'other';
}

/** Characters (code points) of `s`: what chars/token counts everywhere. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Writes the UTF-8 of UTF-16 units [start, end) of `s` into `out` from offset `o`, as Buffer and
 * TextEncoder make it (a pair is one code point, a lone surrogate U+FFFD); returns the offset after
 * it. `out` needs room for 3 bytes a unit. */
export function writeUtf8(s: string | Uint16Array, start: number, end: number, out: Uint8Array, o: number): number {
  const text = typeof s === 'string' ? s : undefined;
  const units = typeof s === 'string' ? undefined : s;
  let u = start;
  while (u < end) {
    let c = text !== undefined ? text.charCodeAt(u++) : units![u++]!;
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = u >= end ? 0 : text !== undefined ? text.charCodeAt(u) : units![u]!;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        u++;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
        continue;
      }
      c = 0xfffd;
    }
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 0x3f);
    out[o++] = 0x80 | (c & 0x3f);
  }
  return o;
}
