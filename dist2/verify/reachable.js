// verify's own reachability, decided by the runtimes and not by the planner's encoder: a new token
// is reachable when its own text, given to the BPE model as one word, encodes to exactly its id.
// The text goes in as the model's own string (byte-level characters, or ▁ for a space), with the
// pipeline around the model switched off: the normaliser (Mistral's Prepend ▁, Qwen3's NFC), the
// pre-tokenizer (regex splits, ByteLevel mapping) and SentencePiece's dummy prefix would otherwise
// change or split the text before the model sees it. That pipeline is the base's, checked elsewhere.
import path from 'node:path';
import { Tokenizer as RustTokenizer, sequenceNormalizer, sequencePreTokenizer } from 'tokenizers';
import { InputError } from '../errors.js';
import { Pacer } from '../progress.js';
import { loadSpmModel } from '../spm/runtime.js';
import { REBUILD } from './report.js';
import { rustEncodeAll } from './runtimes.js';
/** The tokenizer.json of `dir` in the Rust binding with an empty normaliser and pre-tokenizer, no
 * truncation or padding (ids are asked for without special tokens: the post-processor adds none). */
function rustModelOnly(dir) {
    const file = path.join(dir, 'tokenizer.json');
    try {
        const rust = RustTokenizer.fromFile(file);
        rust.setNormalizer(sequenceNormalizer([]));
        rust.setPreTokenizer(sequencePreTokenizer([]));
        rust.disableTruncation();
        rust.disablePadding();
        return rust;
    }
    catch (e) {
        throw new InputError(`tokenizers (Rust) cannot load it (${e.message})`, file, undefined, `the file is corrupt or inconsistent: ${REBUILD}`);
    }
}
/** Ids of `tokens` whose text the Rust binding's BPE model (of `dir`'s tokenizer.json) does not
 * encode to exactly that id, batch by batch. */
export async function rustUnreached(dir, tokens, signal) {
    const rust = rustModelOnly(dir);
    const ids = await rustEncodeAll(rust, tokens.map((t) => t.text), signal);
    return tokens.filter((t, k) => !isOnly(ids[k], t.id)).map((t) => t.id);
}
/** Ids of `tokens` whose piece SentencePiece (over `model` without its dummy prefix, so the
 * piece's own surface is the whole normalised text) does not encode to exactly that id. */
export async function spmUnreached(model, tokens, signal) {
    const spm = await loadSpmModel({
        ...model,
        normalizerSpec: { ...model.normalizerSpec, add_dummy_prefix: false, remove_extra_whitespaces: false },
    });
    const pacer = new Pacer(signal);
    const bad = [];
    for (let k = 0; k < tokens.length; k++) {
        if (k % 256 === 0)
            await pacer.pace();
        const t = tokens[k];
        if (!isOnly(spm.encodeIds(t.text), t.id))
            bad.push(t.id);
    }
    return bad;
}
/** Exactly one id, `id`. */
const isOnly = (ids, id) => ids.length === 1 && ids[0] === id;
//# sourceMappingURL=reachable.js.map