// The three independent runtimes that must agree: HF tokenizers (Rust binding),
// @huggingface/tokenizers (pure JS) and SentencePiece (sentencepiece-js, WASM).
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { Tokenizer as JsTokenizer } from '@huggingface/tokenizers';
import { InputError } from '../errors.js';
import { throwIfAborted } from '../progress.js';
import { loadSpm } from '../spm/runtime.js';
/** The pure-JS library's tokenizer for a parsed tokenizer.json and its config. */
function jsRuntime(json, config) {
    return new JsTokenizer(json, config);
}
/** Loads tokenizer.json (twice) and tokenizer.model from `dir`. */
export async function loadRuntimes(dir) {
    return { ...loadJsonRuntimes(dir), spm: await loadSpm(path.join(dir, 'tokenizer.model')) };
}
/** Loads tokenizer.json of `dir` with the Rust binding and the pure-JS library. */
export function loadJsonRuntimes(dir) {
    const jsonPath = path.join(dir, 'tokenizer.json');
    const load = (who, file, fn) => {
        try {
            return fn();
        }
        catch (e) {
            throw new InputError(`${who} cannot load it (${e.message})`, file, undefined, 'the file is corrupt or inconsistent: rebuild or re-export the directory');
        }
    };
    const rust = load('tokenizers (Rust)', jsonPath, () => RustTokenizer.fromFile(jsonPath));
    const json = load('JSON.parse', jsonPath, () => JSON.parse(fs.readFileSync(jsonPath, 'utf8')));
    const cfgPath = path.join(dir, 'tokenizer_config.json');
    const cfg = fs.existsSync(cfgPath)
        ? load('JSON.parse', cfgPath, () => JSON.parse(fs.readFileSync(cfgPath, 'utf8')))
        : {};
    const js = load('@huggingface/tokenizers', jsonPath, () => jsRuntime(json, cfg));
    return { rust, js };
}
/** Ids from the Rust binding, without special tokens, in batches. */
export async function rustEncodeAll(rust, texts, signal) {
    const out = [];
    for (let i = 0; i < texts.length; i += 1024) {
        throwIfAborted(signal);
        const batch = await rust.encodeBatch(texts.slice(i, i + 1024), { addSpecialTokens: false });
        for (const e of batch)
            out.push(e.getIds());
    }
    return out;
}
//# sourceMappingURL=runtimes.js.map