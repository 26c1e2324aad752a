// Tokenizers to evaluate, behind one batch interface: SentencePiece (sentencepiece-js) when a
// .model is at hand (BPE or Unigram), else HF tokenizers (Rust binding) on a tokenizer.json.
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { resolveTokenizer } from '../store/resolve.js';
import { loadTokenizer } from '../family/load.js';
import { loadSpm, loadSpmModel, spmRuntime } from '../spm/runtime.js';
import { rustRuntime } from '../hf/runtime.js';
import { PieceType, byteOfPiece } from '../vocab/model.js';
import { isByteLevel } from '../hf/pipeline.js';
import { tokenToBytes } from '../vocab/bytelevel.js';
const NONE = new Uint8Array(0);
/** The bytes each piece adds to decoded text: byte pieces their byte, special tokens nothing,
 * SentencePiece-style pieces their text with ▁ as a space, byte-level tokens their bytes. */
export function pieceBytes(pieces, byteLevel) {
    return (id) => {
        const p = pieces[id];
        if (!p || p.type === PieceType.CONTROL || p.type === PieceType.UNKNOWN)
            return NONE;
        const byte = byteOfPiece(p.piece);
        if (byte !== undefined)
            return Uint8Array.of(byte);
        if (p.type === PieceType.USER_DEFINED)
            return Buffer.from(p.piece, 'utf8'); // added tokens are literal text
        if (byteLevel)
            return tokenToBytes(p.piece) ?? Buffer.from(p.piece, 'utf8');
        return Buffer.from(p.piece.replace(/\u2581/g, ' '), 'utf8');
    };
}
/** A bundled base by name (mistral-7b-v0.1, llama-3, qwen3, gemma-3). */
async function openBase(name, b) {
    const { model } = b.asModel();
    return {
        name,
        modelType: 'BPE',
        pieces: model.pieces,
        kinds: model.pieces.map(() => 'imported'),
        tokenBytes: pieceBytes(model.pieces, b.byteLevel),
        ...(await b.runtime()),
    };
}
/** Opens a tokenizer given as a path (dir, .model, tokenizer.json), a bundled base or a store version. */
export async function openEvalTokenizer(ref, dbFile) {
    const r = resolveTokenizer(ref, dbFile);
    if (r.kind === 'bundled')
        return openBase(r.name, r.base);
    if (r.kind === 'files') {
        const t = loadTokenizer(r.path);
        const engine = t.engineFile.endsWith('.model')
            ? await spmRuntime(loadSpm(t.engineFile))
            : rustRuntime(RustTokenizer.fromFile(t.engineFile));
        return {
            name: t.name,
            modelType: t.modelType,
            pieces: t.model.pieces,
            kinds: t.kinds,
            tokenBytes: pieceBytes(t.model.pieces, t.byteLevel),
            ...engine,
        };
    }
    const v = r.version;
    const json = v.files?.['tokenizer.json'];
    const hf = v.format === 'hf' && json ? json.toString('utf8') : undefined;
    const engine = hf ? rustRuntime(RustTokenizer.fromString(hf)) : await spmRuntime(loadSpmModel(v.model));
    const byteLevel = hf
        ? isByteLevel(JSON.parse(hf).pre_tokenizer ?? null)
        : false; // the pre-tokenizer decides; no full re-check
    return {
        name: v.label,
        modelType: v.modelType,
        pieces: v.model.pieces,
        kinds: v.kinds,
        tokenBytes: pieceBytes(v.model.pieces, byteLevel),
        ...engine,
    };
}
//# sourceMappingURL=engine.js.map