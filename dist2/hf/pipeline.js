// The parts of an HF tokenizer.json pipeline that decide pretokens: normalizers and
// pre-tokenizers, implemented as the Rust library applies them. A kind not implemented here is
// refused (the base is then refused before any work), never approximated.
import { onigRegex } from './regex.js';
/** Thrown for a pipeline part tokext does not implement; names it. */
export class UnsupportedPipeline extends Error {
}
const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
/** The normalizer as a function of text. */
export function normalizerOf(spec) {
    if (!spec)
        return (s) => s;
    switch (spec.type) {
        case 'Sequence': {
            const parts = spec.normalizers.map(normalizerOf);
            return (s) => parts.reduce((t, f) => f(t), s);
        }
        case 'NFC':
        case 'NFD':
        case 'NFKC':
        case 'NFKD': {
            const form = spec.type;
            return (s) => s.normalize(form);
        }
        case 'Lowercase':
            return (s) => s.toLowerCase();
        case 'Prepend': {
            const p = String(spec.prepend);
            return (s) => (s.length > 0 ? p + s : s);
        }
        case 'Replace': {
            const pattern = spec.pattern;
            const content = String(spec.content);
            if (pattern.String !== undefined) {
                const from = pattern.String;
                return (s) => s.split(from).join(content);
            }
            if (pattern.Regex !== undefined) {
                const re = onigRegex(pattern.Regex);
                return (s) => s.replace(re, () => content);
            }
            throw new UnsupportedPipeline('normalizer Replace without a String or Regex pattern');
        }
        default:
            throw new UnsupportedPipeline(`normalizer ${spec.type}`);
    }
}
/** Calls `each` for every non-empty match of the global regex `re` in `s`, in order. (A loop of
 * `exec` on the one regex: `matchAll` would clone it for every string.) */
function eachMatch(s, re, each) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
        if (m[0].length === 0) {
            re.lastIndex += (s.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1; // step over, never inside a surrogate pair
            continue;
        }
        each(m.index, m[0]);
    }
}
/** Splits `s` around the matches of `re` per HF's SplitDelimiterBehavior. */
function splitBy(s, re, behavior, invert) {
    if (behavior === 'Isolated') {
        // the common case (Llama 3, Qwen3, GPT-2): every part, matched or not, on its own
        const out = [];
        let at = 0;
        eachMatch(s, re, (index, text) => {
            if (index > at)
                out.push(s.slice(at, index));
            out.push(text);
            at = index + text.length;
        });
        if (at < s.length)
            out.push(s.slice(at));
        return out;
    }
    const parts = [];
    let at = 0;
    eachMatch(s, re, (index, text) => {
        if (index > at)
            parts.push({ text: s.slice(at, index), match: invert });
        parts.push({ text, match: !invert });
        at = index + text.length;
    });
    if (at < s.length)
        parts.push({ text: s.slice(at), match: invert });
    const out = [];
    switch (behavior) {
        case 'Removed':
            return parts.filter((p) => !p.match).map((p) => p.text);
        // As HF: a match joins its neighbour only if that neighbour is not itself a match.
        case 'MergedWithPrevious':
            parts.forEach((p, k) => {
                if (p.match && k > 0 && !parts[k - 1].match)
                    out[out.length - 1] += p.text;
                else
                    out.push(p.text);
            });
            return out;
        case 'MergedWithNext':
            for (let k = parts.length - 1; k >= 0; k--) {
                const p = parts[k];
                if (p.match && k + 1 < parts.length && !parts[k + 1].match)
                    out[out.length - 1] = p.text + out[out.length - 1];
                else
                    out.push(p.text);
            }
            return out.reverse();
        case 'Contiguous':
            parts.forEach((p, k) => {
                if (k > 0 && p.match && parts[k - 1].match)
                    out[out.length - 1] += p.text;
                else
                    out.push(p.text);
            });
            return out;
        default:
            throw new UnsupportedPipeline(`Split behavior ${behavior}`);
    }
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The pre-tokenizer as a function from normalized text to pretokens (raw strings: the byte-level
 * mapping is the model's business). */
export function preTokenizerOf(spec) {
    if (!spec)
        return (s) => (s.length > 0 ? [s] : []);
    switch (spec.type) {
        case 'Sequence': {
            // a ByteLevel step without its regex and prefix splits nothing (the mapping to bytes is the model's): skip it
            const parts = spec.pretokenizers
                .filter((p) => !(p?.type === 'ByteLevel' && p.use_regex === false && p.add_prefix_space !== true))
                .map(preTokenizerOf);
            if (parts.length === 1)
                return parts[0];
            return (s) => {
                let pieces = [s];
                for (const f of parts) {
                    const next = [];
                    for (const p of pieces)
                        for (const q of f(p))
                            next.push(q);
                    pieces = next;
                }
                return pieces;
            };
        }
        case 'Split': {
            const pattern = spec.pattern;
            const re = pattern.Regex !== undefined
                ? onigRegex(pattern.Regex)
                : pattern.String !== undefined
                    ? new RegExp(escape(pattern.String), 'gu')
                    : undefined;
            if (!re)
                throw new UnsupportedPipeline('Split without a String or Regex pattern');
            const behavior = String(spec.behavior);
            const invert = spec.invert === true;
            splitBy('', re, behavior, invert); // an unknown behaviour is refused now
            return (s) => splitBy(s, re, behavior, invert);
        }
        case 'ByteLevel': {
            const prefix = spec.add_prefix_space === true;
            const re = spec.use_regex === false ? undefined : onigRegex(GPT2_PATTERN);
            return (s) => {
                const t = prefix && !s.startsWith(' ') ? ` ${s}` : s;
                return re ? splitBy(t, re, 'Isolated', false) : [t];
            };
        }
        case 'Metaspace': {
            const rep = typeof spec.replacement === 'string' ? spec.replacement : '\u2581';
            const scheme = typeof spec.prepend_scheme === 'string'
                ? spec.prepend_scheme
                : spec.add_prefix_space === false
                    ? 'never'
                    : 'always';
            const split = spec.split !== false;
            if (scheme !== 'always' && scheme !== 'never')
                throw new UnsupportedPipeline(`Metaspace prepend_scheme ${scheme}`);
            return (s) => {
                let t = s.split(' ').join(rep);
                if (scheme !== 'never' && !t.startsWith(rep))
                    t = rep + t;
                if (!split)
                    return [t];
                return splitBy(t, new RegExp(escape(rep), 'gu'), 'MergedWithNext', false);
            };
        }
        default:
            throw new UnsupportedPipeline(`pre-tokenizer ${spec.type}`);
    }
}
/** True if the pipeline maps text to bytes (a ByteLevel pre-tokenizer anywhere in it). */
export function isByteLevel(spec) {
    if (!spec)
        return false;
    if (spec.type === 'ByteLevel')
        return true;
    if (spec.type === 'Sequence')
        return spec.pretokenizers.some(isByteLevel);
    return false;
}
//# sourceMappingURL=pipeline.js.map