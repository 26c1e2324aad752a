// HF tokenizers' Split regexes in JavaScript, exactly: the Rust library runs them with Oniguruma,
// whose \p{L}, \p{N} and \s (Unicode 16) and case folding ((?i:s) also matches ſ) differ from V8's.
// The classes come from src/hf/onig-classes.ts (generated from the library itself).
import { LETTER, NUMBER, SPACE_CLASS } from './onig-classes.js';

const hex = (n: number) => `\\u{${n.toString(16)}}`;
const body = (ranges: readonly (readonly [number, number?])[]) => ranges.map(([a, b]) => (b === undefined ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const L = body(LETTER);
const N = body(NUMBER);
const S = body(SPACE_CLASS);
/** Case variants Oniguruma's (?i:…) adds to ASCII letters. */
const FOLD: Record<string, string> = { s: 'sSſ', k: 'kK\u212a' };

/** Translates an Oniguruma pattern of the kind HF tokenizers ship into a JS RegExp (flags gu);
 * throws on a construct it does not know, so an unsupported base is refused before any work. */
export function onigRegex(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  let foldDepth = -1; // paren depth at which a (?i: group opened
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      const prop = /^\\p\{(L|N)\}/.exec(pattern.slice(i));
      if (prop) {
        const b = prop[1] === 'L' ? L : N;
        out += inClass ? b : `[${b}]`;
        i += prop[0].length - 1;
      } else if (next === 's') {
        out += inClass ? S : `[${S}]`;
        i++;
      } else if (next === 'S') {
        if (inClass) throw new Error('\\S inside a character class');
        out += `[^${S}]`;
        i++;
      } else if (next === 'p' || next === 'P' || next === 'd' || next === 'D' || next === 'w' || next === 'W' || next === 'b' || next === 'B') {
        throw new Error(`unsupported escape \\${next}`);
      } else {
        out += c + (next ?? '');
        i++;
      }
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      if (foldDepth >= 0) throw new Error('character class inside (?i:…)');
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') { out += '^'; i++; }
      continue;
    }
    if (c === '(') {
      depth++;
      if (pattern.startsWith('(?i:', i)) {
        if (foldDepth >= 0) throw new Error('nested (?i:…)');
        foldDepth = depth;
        out += '(?:';
        i += 3;
        continue;
      }
      if (pattern.startsWith('(?', i) && !/^\(\?[:=!]/.test(pattern.slice(i))) throw new Error(`unsupported group ${pattern.slice(i, i + 4)}`);
      out += c;
      continue;
    }
    if (c === ')') {
      if (depth === foldDepth) foldDepth = -1;
      depth--;
      out += c;
      continue;
    }
    if (foldDepth >= 0 && /[a-z]/i.test(c)) {
      const lower = c.toLowerCase();
      out += `[${FOLD[lower] ?? lower + lower.toUpperCase()}]`;
      continue;
    }
    out += c;
  }
  return new RegExp(out, 'gu');
}
