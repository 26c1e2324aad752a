// HF tokenizers' Split regexes in JavaScript, exactly: the Rust library runs them with Oniguruma,
// whose \p{L}, \p{N} and \s (Unicode 16) and case folding ((?i:s) also matches ſ) differ from V8's.
// The classes come from src/hf/onig-classes.ts (generated from the library itself).
import { LETTER, NUMBER, SPACE_CLASS } from './onig-classes.js';

const hex = (n: number) => `\\u{${n.toString(16)}}`;
const body = (ranges: readonly (readonly [number, number?])[]) =>
  ranges.map(([a, b]) => (b === undefined ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const S = body(SPACE_CLASS);

/**
 * Oniguruma's \p{L} and \p{N} (Unicode 16) lack some code points V8's newer tables have (and add
 * none), so each is V8's property escape (fast) minus an excluded set: `(?![E])\p{L}` outside a
 * class; a class using them is wrapped as `(?:(?![E])[…])`, or `(?:[^…]|[E])` when negated.
 * Should V8's set ever lack a code point Oniguruma has, every range is spelled out instead (exact
 * too, but ten times slower on long texts).
 */
interface Property {
  native: string;
  excluded: string;
} // excluded: a class body ('' if none)

function property(name: 'L' | 'N', ranges: readonly (readonly [number, number?])[]): Property {
  const onig = new Uint8Array(0x110000);
  for (const [a, b] of ranges) onig.fill(1, a, (b ?? a) + 1);
  const v8 = new RegExp(`^\\p{${name}}$`, 'u');
  const excluded: [number, number?][] = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const inV8 = v8.test(String.fromCodePoint(cp));
    if (!inV8 && onig[cp]) return { native: body(ranges), excluded: '' };
    if (inV8 && !onig[cp]) {
      const last = excluded[excluded.length - 1];
      if (last && (last[1] ?? last[0]) === cp - 1) last[1] = cp;
      else excluded.push([cp]);
    }
  }
  return { native: `\\p{${name}}`, excluded: body(excluded) };
}

let properties: Record<'L' | 'N', Property> | undefined;
const props = () => (properties ??= { L: property('L', LETTER), N: property('N', NUMBER) });

/** Case variants Oniguruma's (?i:…) adds to ASCII letters. */
const FOLD: Record<string, string> = { s: 'sSſ', k: 'kK\u212a' };

/** Translates an Oniguruma pattern of the kind HF tokenizers ship into a JS RegExp (flags gu);
 * throws on a construct it does not know, so an unsupported base is refused before any work. */
export function onigRegex(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  let foldDepth = -1; // paren depth at which a (?i: group opened
  let depth = 0;
  let classStart = 0; // where the open class starts in `out`
  let classExcluded = ''; // code points its \p{…} must not match
  let classNegated = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      const prop = /^\\p\{(L|N)\}/.exec(pattern.slice(i));
      if (prop) {
        const p = props()[prop[1] as 'L' | 'N'];
        if (inClass) {
          out += p.native;
          classExcluded += p.excluded;
        } else out += p.excluded ? `(?:(?![${p.excluded}])[${p.native}])` : `[${p.native}]`;
        i += prop[0].length - 1;
      } else if (next === 's') {
        out += inClass ? S : `[${S}]`;
        i++;
      } else if (next === 'S') {
        if (inClass) throw new Error('\\S inside a character class');
        out += `[^${S}]`;
        i++;
      } else if (
        next === 'p' ||
        next === 'P' ||
        next === 'd' ||
        next === 'D' ||
        next === 'w' ||
        next === 'W' ||
        next === 'b' ||
        next === 'B'
      ) {
        throw new Error(`unsupported escape \\${next}`);
      } else {
        out += c + (next ?? '');
        i++;
      }
      continue;
    }
    if (inClass) {
      out += c;
      if (c === ']') {
        inClass = false;
        if (classExcluded) {
          const cls = out.slice(classStart);
          out =
            out.slice(0, classStart) +
            (classNegated ? `(?:${cls}|[${classExcluded}])` : `(?:(?![${classExcluded}])${cls})`);
        }
      }
      continue;
    }
    if (c === '[') {
      if (foldDepth >= 0) throw new Error('character class inside (?i:…)');
      inClass = true;
      classStart = out.length;
      classExcluded = '';
      classNegated = pattern[i + 1] === '^';
      out += c;
      if (classNegated) {
        out += '^';
        i++;
      }
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
      if (pattern.startsWith('(?', i) && !/^\(\?[:=!]/.test(pattern.slice(i)))
        throw new Error(`unsupported group ${pattern.slice(i, i + 4)}`);
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
