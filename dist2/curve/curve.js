// The vocabulary-size curve of an extension: continued BPE makes every prefix of the new tokens
// (in id order) a tokenizer, the one `tokext plan --target N` gives from the same training. Each
// prefix is cut from the built tokenizer.json and run on the Rust binding over every corpus.
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { emptyStats, listCorpora, readCorpusFile } from '../corpus/read.js';
import { InputError, UsageError } from '../errors.js';
import { codePointLength } from '../corpus/unicode.js';
import { DEFAULTS } from '../spec.js';
import { readJsonFile } from '../io/json.js';
import { mergePair } from '../hf/merges.js';
import { MANIFEST_NAME } from '../io/staged-dir.js';
import { readManifest } from '../io/manifest-format.js';
import { throwIfAborted } from '../progress.js';
import { tokenizerJson } from '../hf/tokenizer-json.js';
import { resolveTokenizer } from '../store/resolve.js';
/** The knee of a curve: the smallest size reaching this share of the target's gain over the base. */
export const KNEE_SHARE = 0.95;
/** The tokenizer.json of the first `size` ids of `json`: later tokens, the merges that make or use
 * them and the added tokens past them (padding) removed; everything else as it is. */
export function prefixTokenizerJson(json, size) {
    return prefixesOf(json)(size);
}
/** The prefixes of a tokenizer.json by size, sharing the work every size needs: each merge's
 * size is worked out once (the ids of its two parts and its result, plus one; never when one is
 * not in the vocabulary), so a prefix keeps exactly the merges prefixTokenizerJson's rule keeps. */
function prefixesOf(json) {
    const entries = Object.entries(json.model.vocab);
    const id = (t) => (Object.hasOwn(json.model.vocab, t) ? json.model.vocab[t] : Infinity);
    const from = json.model.merges.map((m) => {
        const [a, b] = mergePair(m);
        return Math.max(id(a), id(b), id(a + b)) + 1;
    });
    return (size) => ({
        ...json,
        model: {
            ...json.model,
            vocab: Object.fromEntries(entries.filter(([, i]) => i < size)),
            merges: json.model.merges.filter((_, k) => from[k] <= size),
        },
        added_tokens: json.added_tokens.filter((t) => t.id < size),
    });
}
/** The sizes measured: the base, `points` log-spaced added counts from 1/256 of the new ids to all of them, and `extra`. */
export function curveSizes(baseSize, target, points, extra) {
    const added = target - baseSize;
    const lo = Math.max(1, added / 256);
    const out = new Set([baseSize, target]);
    for (let i = 0; i < points; i++)
        out.add(baseSize + Math.round(lo * (added / lo) ** (i / Math.max(1, points - 1))));
    for (const s of extra) {
        if (!Number.isInteger(s) || s < baseSize || s > target)
            throw new UsageError(`--sizes ${s} is outside ${baseSize}..${target} (the base and the built size)`);
        out.add(s);
    }
    return [...out].sort((a, b) => a - b);
}
/** A built directory or a store version: its tokenizer.json and sizes. */
function openBuild(ref, db) {
    const r = resolveTokenizer(ref, db, 'build directory');
    if (r.kind === 'bundled')
        throw new InputError('a bundled base, not a build', ref, undefined, 'pass a directory tokext build wrote, or a store version');
    const sizes = (baseSize, target, where) => {
        if (baseSize === undefined || target === undefined)
            throw new InputError('no base size or target recorded (a from-scratch model has no base to grow from)', where);
        return { baseSize, target };
    };
    if (r.kind === 'stored') {
        const v = r.version;
        const stored = v.format === 'hf' ? v.files?.['tokenizer.json']?.toString('utf8') : tokenizerJson(v.model);
        if (stored === undefined)
            throw new InputError('the stored version has no tokenizer.json', ref);
        return {
            name: v.label,
            json: JSON.parse(stored),
            ...sizes(v.baseSize, v.spec?.target, ref),
        };
    }
    const dir = r.path;
    const m = readManifest(dir);
    if (!m)
        throw new InputError(`no ${MANIFEST_NAME}: not a directory tokext build wrote`, dir, undefined, 'the curve needs the base size the manifest records');
    const file = path.join(dir, 'tokenizer.json');
    const json = readJsonFile(file);
    if (!json?.model?.vocab || !Array.isArray(json.model.merges))
        throw new InputError('not a BPE tokenizer.json', file);
    return {
        name: path.basename(path.resolve(ref)),
        json,
        ...sizes(m.base?.vocab_size, m.spec?.target, path.join(dir, MANIFEST_NAME)),
    };
}
/** Defaults of the curve: log-spaced sizes between base and build, and Mistral-7B's width. */
export const CURVE_DEFAULTS = { points: 16, hiddenSize: 4096 };
/** Measures chars/token of every corpus at every size. */
export async function curve(opts) {
    if (opts.corpora.length === 0)
        throw new UsageError('no --corpus given', 'pass --corpus PATH (repeatable)');
    const b = openBuild(opts.tokenizer, opts.db);
    const sizes = curveSizes(b.baseSize, b.target, opts.points ?? CURVE_DEFAULTS.points, opts.sizes ?? []);
    const hidden = opts.hiddenSize ?? CURVE_DEFAULTS.hiddenSize;
    const tied = opts.tied ?? false;
    const texts = [];
    const listing = listCorpora(opts.corpora);
    for (const [k, c] of opts.corpora.entries()) {
        const lines = [];
        for (const f of listing.sources[k])
            await readCorpusFile(f, { textField: opts.textField ?? DEFAULTS.textField, skipInvalid: false, signal: opts.signal }, emptyStats(), (t) => {
                lines.push(t);
            });
        if (lines.length === 0)
            throw new InputError('corpus has no non-empty lines', c, undefined, 'check the --corpus path');
        let chars = 0;
        for (const l of lines)
            chars += codePointLength(l);
        texts.push({ name: path.basename(path.resolve(c)), lines, chars });
    }
    const points = [];
    let done = 0;
    const prefix = prefixesOf(b.json);
    for (const size of sizes) {
        const tok = RustTokenizer.fromString(JSON.stringify(prefix(size)));
        for (const t of texts) {
            let tokens = 0;
            for (let i = 0; i < t.lines.length; i += 2048) {
                throwIfAborted(opts.signal);
                for (const e of await tok.encodeBatch(t.lines.slice(i, i + 2048), { addSpecialTokens: false }))
                    tokens += e.getIds().length;
            }
            const added = size - b.baseSize;
            points.push({
                corpus: t.name,
                size,
                added,
                chars_per_token: Number((t.chars / tokens).toFixed(4)),
                added_parameters: added * hidden * (tied ? 1 : 2),
            });
        }
        opts.onProgress?.({ stage: 'curve', current: ++done, total: sizes.length });
    }
    const knees = texts.map((t) => {
        const mine = points.filter((p) => p.corpus === t.name);
        const first = mine[0].chars_per_token;
        const gain = mine.at(-1).chars_per_token - first;
        const k = mine.find((p) => p.chars_per_token - first >= KNEE_SHARE * gain);
        return { corpus: t.name, size: k.size, added: k.added };
    });
    return { tokenizer: b.name, baseSize: b.baseSize, target: b.target, hiddenSize: hidden, tied, points, knees };
}
//# sourceMappingURL=curve.js.map