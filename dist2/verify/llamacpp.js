// verify's llama.cpp check: the directory's vocab-only GGUF (as `tokext gguf` writes it) loaded in
// llama.cpp, which encodes verify's texts; its ids must be the Rust binding's. Two runtime
// differences are known and reported as a note, not a failure: llama.cpp does not apply a
// tokenizer.json Unicode normaliser (Qwen's NFC: decomposed kana, compatibility ideographs), and
// with parse-special off it reads a special token's text as text, where tokenizers matches it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { steps } from '../gguf/of-tokenizer.js';
import { TokenType } from '../gguf/vocab.js';
import { ggufBytes } from '../gguf/writer.js';
import { Pacer } from '../progress.js';
import { ggufOfDir } from './gguf-of-dir.js';
import { llamaCpp } from './llamacpp-runtime.js';
import { same } from './report.js';
/** The name of the check in verify's report. */
export const LLAMA_CPP_CHECK = 'llama-cpp';
/** The known-difference rules of a directory's GGUF: its tokenizer.json's normaliser, its control tokens. */
export function knownRulesOf(g) {
    const forms = ['NFC', 'NFD', 'NFKC', 'NFKD'];
    const form = steps(g.data.tokenizerJson?.normalizer)
        .map((s) => s?.type)
        .find((t) => forms.includes(t));
    const specials = g.vocab.tokens.filter((t, id) => g.vocab.types[id] === TokenType.CONTROL && t.length > 0);
    return { form, specials };
}
/** Why `text` may encode otherwise in llama.cpp, if it may. */
export function knownDifference(text, rules) {
    if (rules.form && text.normalize(rules.form) !== text)
        return 'normaliser';
    if (rules.specials.some((s) => text.includes(s)))
        return 'special-literal';
    return undefined;
}
/** One differing text, for the report: its start, both lengths and where the ids first part. */
function describe(text, rust, llama) {
    let k = 0;
    while (k < rust.length && rust[k] === llama[k])
        k++;
    return `${JSON.stringify(text.slice(0, 60))}: rust ${rust.length} ids, llama.cpp ${llama.length}; first difference at ${k}: rust ${rust[k] ?? '(end)'}, llama.cpp ${llama[k] ?? '(end)'}`;
}
/** Encodes `texts` with llama.cpp (no special-token parsing) and compares with tokenizers' `ids`. */
export async function compareWithLlamaCpp(vocab, texts, ids, rules, run = {}) {
    const out = { compared: texts.length, known: { normaliser: 0, 'special-literal': 0 }, other: [] };
    const pacer = new Pacer(run.signal);
    for (let i = 0; i < texts.length; i++) {
        if (i % 64 === 0)
            await pacer.pace();
        const got = Array.from(vocab.tokenize(texts[i], false));
        if (same(got, ids[i]))
            continue;
        const why = knownDifference(texts[i], rules);
        if (why)
            out.known[why]++;
        else
            out.other.push(describe(texts[i], ids[i], got));
    }
    return out;
}
/** `g` loaded vocab-only by `load` for the time of `use` (written to a temporary file, removed
 * after), or why llama.cpp cannot load it. */
async function withGguf(g, load, use) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-llama-'));
    try {
        const file = path.join(tmp, 'vocab.gguf');
        fs.writeFileSync(file, ggufBytes(g.kvs));
        let vocab;
        try {
            vocab = await load(file);
        }
        catch (err) {
            return { loadError: err.message };
        }
        try {
            return { result: await use(vocab) };
        }
        finally {
            await vocab.dispose();
        }
    }
    finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
/** The report's words for the `n` texts that differ by known differences. */
function knownNote(c, n) {
    return `llama.cpp gives other ids than tokenizers (Rust) on ${n} texts, all by known runtime differences: ${c.known.normaliser} not stable under the tokenizer's Unicode normaliser (llama.cpp does not apply it), ${c.known['special-literal']} holding a special token's text (llama.cpp reads it as text with parse-special off)`;
}
/** The llama.cpp check of `dir` (its HF tokenizer.json as already `read`, if it has one) on verify's
 * `texts` and their Rust `ids` (none with `llamaCpp: false`); a note instead when node-llama-cpp is
 * not installed or the base's llama.cpp names are not known. */
export async function checkLlamaCpp(dir, e, r, run = {}, read) {
    if (run.llamaCpp === false)
        return;
    const rt = await llamaCpp();
    if ('skipped' in rt)
        return r.note(`llama.cpp check skipped: ${rt.skipped}`);
    let g;
    try {
        g = ggufOfDir(dir, { defaultArchitecture: 'llama', read });
    }
    catch (err) {
        if (err instanceof UsageError)
            return r.note(`llama.cpp check skipped: ${err.message}`);
        if (!(err instanceof InputError))
            throw err;
        return r.add(LLAMA_CPP_CHECK, [err.message], '', "failure: the directory's GGUF cannot be made");
    }
    const load = (modelPath) => rt.llama.loadModel({ modelPath, vocabOnly: true });
    const done = await withGguf(g, load, (v) => compareWithLlamaCpp(v, e.texts, e.ids, knownRulesOf(g), run));
    if ('loadError' in done)
        return r.add(LLAMA_CPP_CHECK, [done.loadError], '', `failure: llama.cpp (node-llama-cpp ${rt.version}) cannot load the directory's GGUF`);
    const c = done.result;
    const known = c.known.normaliser + c.known['special-literal'];
    r.add(LLAMA_CPP_CHECK, c.other, `llama.cpp (node-llama-cpp ${rt.version}, the directory's vocab-only GGUF) gives the Rust ids on ${c.compared - known} of ${c.compared} texts${known > 0 ? `, the other ${known} differ by known runtime differences (see the note)` : ''}`, 'texts where llama.cpp and tokenizers (Rust) disagree');
    if (known > 0)
        r.note(knownNote(c, known));
}
//# sourceMappingURL=llamacpp.js.map