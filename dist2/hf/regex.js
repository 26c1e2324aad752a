// HF tokenizers' Split regexes in JavaScript, exactly: the Rust library runs them with Oniguruma,
// whose \p{L}, \p{N} and \s (Unicode 16) and case folding ((?i:s) also matches ſ) differ from V8's.
// The classes come from src/hf/onig-classes.ts (generated from the library itself).
import { LETTER, NUMBER, SPACE_CLASS } from './onig-classes.js';
const hex = (n) => `\\u{${n.toString(16)}}`;
const body = (ranges) => ranges.map(([a, b]) => (b === undefined ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const S = body(SPACE_CLASS);
function property(name, ranges) {
    const onig = new Uint8Array(0x110000);
    for (const [a, b] of ranges)
        onig.fill(1, a, (b ?? a) + 1);
    const v8 = new RegExp(`^\\p{${name}}$`, 'u');
    const excluded = [];
    for (let cp = 0; cp < 0x110000; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff)
            continue;
        const inV8 = v8.test(String.fromCodePoint(cp));
        if (!inV8 && onig[cp])
            return { native: body(ranges), excluded: '' };
        if (inV8 && !onig[cp]) {
            const last = excluded[excluded.length - 1];
            if (last && (last[1] ?? last[0]) === cp - 1)
                last[1] = cp;
            else
                excluded.push([cp]);
        }
    }
    return { native: `\\p{${name}}`, excluded: body(excluded) };
}
let properties;
const props = () => (properties ??= { L: property('L', LETTER), N: property('N', NUMBER) });
/** Case variants Oniguruma's (?i:…) adds to ASCII letters. */
const FOLD = { s: 'sSſ', k: 'kK\u212a' };
/** Translates an Oniguruma pattern of the kind HF tokenizers ship into a JS RegExp (flags gu);
 * throws on a construct it does not know, so an unsupported base is refused before any work. */
export function onigRegex(pattern) {
    let out = '';
    let inClass = false;
    let foldDepth = -1; // paren depth at which a (?i: group opened
    let depth = 0;
    let classStart = 0; // where the open class starts in `out`
    let classExcluded = ''; // code points its \p{…} must not match
    let classNegated = false;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\') {
            const next = pattern[i + 1];
            const prop = /^\\p\{(L|N)\}/.exec(pattern.slice(i));
            if (prop) {
                const p = props()[prop[1]];
                if (inClass) {
                    out += p.native;
                    classExcluded += p.excluded;
                }
                else
                    out += p.excluded ? `(?:(?![${p.excluded}])[${p.native}])` : `[${p.native}]`;
                i += prop[0].length - 1;
            }
            else if (next === 's') {
                out += inClass ? S : `[${S}]`;
                i++;
            }
            else if (next === 'S') {
                if (inClass)
                    throw new Error('\\S inside a character class');
                out += `[^${S}]`;
                i++;
            }
            else if (next === 'p' ||
                next === 'P' ||
                next === 'd' ||
                next === 'D' ||
                next === 'w' ||
                next === 'W' ||
                next === 'b' ||
                next === 'B') {
                throw new Error(`unsupported escape \\${next}`);
            }
            else {
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
            if (foldDepth >= 0)
                throw new Error('character class inside (?i:…)');
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
                if (foldDepth >= 0)
                    throw new Error('nested (?i:…)');
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
            if (depth === foldDepth)
                foldDepth = -1;
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
//# sourceMappingURL=regex.js.map