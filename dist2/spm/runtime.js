// SentencePiece itself as a runtime: sentencepiece-js (the C++ library compiled to WASM).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import spm from 'sentencepiece-js';
import { InputError } from '../errors.js';
import { writeModelProto } from './modelproto.js';
/** Emscripten (sentencepiece-js) adds process handlers that rethrow every uncaught error and
 * print its minified source; drop them after each load so errors stay readable. */
export function quietEmscripten() {
    process.removeAllListeners('uncaughtException');
    process.removeAllListeners('unhandledRejection');
}
/** Loads a tokenizer.model with sentencepiece-js. */
export async function loadSpm(file) {
    const sp = new spm.SentencePieceProcessor();
    try {
        await sp.load(file);
    }
    catch (e) {
        throw new InputError(`SentencePiece cannot load this model (${e.message ?? e})`, file);
    }
    finally {
        quietEmscripten();
    }
    // sentencepiece-js ignores the status of its load: a model SentencePiece refused encodes nothing.
    if (sp.encodeIds(LOAD_PROBE).length === 0)
        throw new InputError('SentencePiece refused this model (it is not a valid tokenizer.model)', file);
    return sp;
}
/** A text every loaded model encodes to at least one id (a piece, a byte or <unk>). */
const LOAD_PROBE = 'a';
/** Loads an in-memory model with sentencepiece-js (which only reads files: a temporary one). */
export async function loadSpmModel(model) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-spm-'));
    try {
        const file = path.join(dir, 'tokenizer.model');
        fs.writeFileSync(file, writeModelProto(model));
        return await loadSpm(file);
    }
    finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
/** A loaded SentencePiece model as a batch runtime. */
export async function spmRuntime(sp) {
    const p = await sp;
    return {
        engine: 'sentencepiece',
        encodeBatch: (texts) => Promise.resolve(texts.map((t) => p.encodeIds(t))),
        decodeBatch: (ids) => Promise.resolve(ids.map((x) => p.decodeIds(x))),
    };
}
//# sourceMappingURL=runtime.js.map