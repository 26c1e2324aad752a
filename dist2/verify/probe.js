// llama.cpp's converter (convert_hf_to_gguf.py) names the pre-tokenizer of a byte-level BPE
// tokenizer by hashing its ids for one probe text and looking the hash up in a table of known
// tokenizers; an unknown hash stops the conversion ("BPE pre-tokenizer was not recognized").
// verify computes that hash for the extension and its base, as the converter does.
import crypto from 'node:crypto';
import { GGUF_NAMES } from '../base/bundled.js';
/** The converter's probe text: `chktxt` of `get_vocab_base_pre` in llama.cpp's convert_hf_to_gguf.py
 * (conversion/base.py since the converter was split; the same text in convert_hf_to_gguf_update.py).
 * An interoperability constant: the converter's table holds hashes of ids of exactly this text, so
 * it must equal chktxt character for character (test/verify/probe.test.ts checks the hashes). */
export const CONVERTER_PROBE_TEXT = '\n \n\n \n\n\n \t \t\t \t\n  \n   \n    \n     \n' +
    '🚀 (normal) 😶\u200d🌫️ (multiple emojis concatenated) ✅ 🦙🦙 ' +
    '3 33 333 3333 33333 333333 3333333 33333333 3.3 3..3 3...3 ' +
    'កាន់តែពិសេសអាច😁 ?我想在apple工作1314151天～ ------======= нещо на Български ' +
    "''''''```````\"\"\"\"......!!!!!!?????? I've been 'told he's there, 'RE you sure? " +
    "'M not sure I'll make it, 'D you like some tea? We'Ve a'lL";
/** sha256 of the ids as Python prints a list of ints (`[1, 2, 3]`), hex: the converter's `chkhsh`. */
export function probeHash(ids) {
    return crypto
        .createHash('sha256')
        .update(`[${ids.join(', ')}]`)
        .digest('hex');
}
/** The converter's probe of a tokenizer loaded by the Rust binding (the library transformers runs). */
export async function probeOf(tok) {
    const ids = (await tok.encode(CONVERTER_PROBE_TEXT, null, { addSpecialTokens: true })).getIds();
    return { ids, hash: probeHash(ids) };
}
/** The line a user adds to the converter's table (in `get_vocab_base_pre`) for hash `hash`. */
export const tableLine = (hash, pre, baseHash) => pre === undefined
    ? `if chkhsh == "${hash}": res = <the res of the table's line for the base's hash ${baseHash}>`
    : `if chkhsh == "${hash}": res = "${pre}"`;
/** The extension's pieces (ids from `baseSize`) in the probe's encoding, as `id "text"`, once each. */
async function newPieces(ext, ids, baseSize) {
    const fresh = [...new Set(ids.filter((id) => id >= baseSize))];
    return Promise.all(fresh.map(async (id) => `${id} ${JSON.stringify(await ext.decode([id], false))}`));
}
/** Does the converter take the extension `ext` as it takes `base` (loaded as `baseRust`)? A passing
 * check when the probe's hash is the base's; else a note (verify still passes) naming the new
 * pieces that change the probe's encoding and the table line that makes the converter accept it. */
export async function checkConverterProbe(ext, baseRust, base, r) {
    const pre = base.source.startsWith('npm:') ? GGUF_NAMES[base.name]?.pre : undefined; // a bundled base's
    const [mine, theirs] = [await probeOf(ext), await probeOf(baseRust)];
    if (mine.hash === theirs.hash) {
        const as = pre === undefined ? 'wherever it converts the base' : `as ${pre}`;
        r.add('converter-probe', [], `convertible by convert_hf_to_gguf ${as} (probe hash ${mine.hash}, the base's)`, '');
        return;
    }
    const pieces = await newPieces(ext, mine.ids, base.hf.size);
    const which = pieces.length > 0 ? `its new pieces ${pieces.join(', ')} change` : 'it changes';
    r.note(`converter-probe: ${which} the ids of llama.cpp's probe text (chktxt), so convert_hf_to_gguf stops with ` +
        `"BPE pre-tokenizer was not recognized" (probe hash ${mine.hash}, the base's ${theirs.hash}); ` +
        `add to get_vocab_base_pre in convert_hf_to_gguf.py: ${tableLine(mine.hash, pre, theirs.hash)}`);
}
//# sourceMappingURL=probe.js.map