// Training chunks of an HF BPE base: its added tokens split out, its normalizer and its
// pre-tokenizer applied as the runtime does, then each pretoken split further by tokext's chunk
// rule (script or punctuation, single digits), so no new token mixes scripts.
import crypto from 'node:crypto';
import { splitChunks } from '../corpus/pretokenize.js';
import { normalizerOf, preTokenizerOf } from './pipeline.js';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The pretokenizer that counts training chunks for `base`. */
export function hfPretokenizer(base, splitByScript) {
    const normalize = normalizerOf(base.json.normalizer);
    const preTokenize = preTokenizerOf(base.json.pre_tokenizer);
    const contents = base.json.added_tokens
        .map((t) => t.content)
        .filter((c) => c.length > 0)
        .sort((a, b) => b.length - a.length);
    const added = contents.length > 0 ? new RegExp(contents.map(escape).join('|'), 'gu') : undefined;
    const space = base.byteLevel ? 0x20 : 0x2581;
    const id = crypto
        .createHash('sha256')
        .update(JSON.stringify([base.json.normalizer, base.json.pre_tokenizer, contents]))
        .digest('hex')
        .slice(0, 16);
    return {
        id: `hf:${id}:split-by-script=${splitByScript}`,
        chunks(text, emit) {
            for (const section of added ? text.split(added) : [text]) {
                if (section.length === 0)
                    continue;
                for (const piece of preTokenize(normalize(section)))
                    splitChunks(piece, (a, b) => emit(piece, a, b), splitByScript, space);
            }
        },
    };
}
/** Encodes text as the HF runtime does (no post-processing): added tokens split out and mapped
 * to their ids, the rest normalized, pre-tokenized and encoded pretoken by pretoken. */
export function hfEncoder(base, enc) {
    const normalize = normalizerOf(base.json.normalizer);
    const preTokenize = preTokenizerOf(base.json.pre_tokenizer);
    const addedIds = new Map(base.json.added_tokens.map((t) => [t.content, t.id]));
    const contents = [...addedIds.keys()].filter((c) => c.length > 0).sort((a, b) => b.length - a.length);
    const added = contents.length > 0 ? new RegExp(`(${contents.map(escape).join('|')})`, 'gu') : undefined;
    return (text) => {
        const out = [];
        for (const section of added ? text.split(added) : [text]) {
            if (section.length === 0)
                continue;
            const id = addedIds.get(section);
            if (id !== undefined)
                out.push(id);
            else
                for (const piece of preTokenize(normalize(section)))
                    out.push(...enc.encodePretoken(piece));
        }
        return out;
    };
}
//# sourceMappingURL=pretokenizer.js.map