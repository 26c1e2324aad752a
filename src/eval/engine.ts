// Tokenizers to evaluate, behind one batch interface: SentencePiece (sentencepiece-js) when a
// .model is at hand (BPE or Unigram), else HF tokenizers (Rust binding) on a tokenizer.json.
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { resolveTokenizer } from '../store/resolve.js';
import { baseModel, type BaseTokenizer } from '../vocab/base.js';
import { loadTokenizer } from '../vocab/load.js';
import { loadSpm, loadSpmModel, type Spm } from '../spm/runtime.js';
import { PieceType, byteOfPiece, type Piece, type PieceKind } from '../vocab/model.js';
import { isByteLevel, type PipelineSpec } from '../hf/pipeline.js';
import { tokenToBytes } from '../vocab/bytelevel.js';

/** A tokenizer ready to evaluate. */
export interface EvalTokenizer {
  name: string;
  modelType: string;
  pieces: Piece[];
  kinds: (PieceKind | 'imported')[];
  engine: 'sentencepiece' | 'tokenizers';
  tokenBytes: (id: number) => Uint8Array; // what the token adds to the decoded text
  encodeBatch: (texts: string[]) => Promise<number[][]>;
  decodeBatch: (ids: number[][]) => Promise<string[]>;
}

async function spmEngine(sp: Promise<Spm>): Promise<Pick<EvalTokenizer, 'encodeBatch' | 'decodeBatch' | 'engine'>> {
  const p = await sp;
  return {
    engine: 'sentencepiece',
    encodeBatch: (texts) => Promise.resolve(texts.map((t) => p.encodeIds(t))),
    decodeBatch: (ids) => Promise.resolve(ids.map((x) => p.decodeIds(x))),
  };
}

function rustEngine(tok: RustTokenizer): Pick<EvalTokenizer, 'encodeBatch' | 'decodeBatch' | 'engine'> {
  return {
    engine: 'tokenizers',
    encodeBatch: async (texts) => (await tok.encodeBatch(texts, { addSpecialTokens: false })).map((e) => e.getIds()),
    decodeBatch: (ids) => tok.decodeBatch(ids, false),
  };
}

const NONE = new Uint8Array(0);

/** The bytes each piece adds to decoded text: byte pieces their byte, special tokens nothing,
 * SentencePiece-style pieces their text with ▁ as a space, byte-level tokens their bytes. */
export function pieceBytes(pieces: readonly Piece[], byteLevel: boolean): (id: number) => Uint8Array {
  return (id) => {
    const p = pieces[id];
    if (!p || p.type === PieceType.CONTROL || p.type === PieceType.UNKNOWN) return NONE;
    const byte = byteOfPiece(p.piece);
    if (byte !== undefined) return Uint8Array.of(byte);
    if (p.type === PieceType.USER_DEFINED) return Buffer.from(p.piece, 'utf8'); // added tokens are literal text
    if (byteLevel) return tokenToBytes(p.piece) ?? Buffer.from(p.piece, 'utf8');
    return Buffer.from(p.piece.replace(/\u2581/g, ' '), 'utf8');
  };
}

/** A bundled base by name (mistral-7b-v0.1, llama-3, qwen3, gemma-3). */
async function openBase(name: string, b: BaseTokenizer): Promise<EvalTokenizer> {
  const { model } = baseModel(b);
  const byteLevel = b.kind === 'hf' && b.hf.byteLevel;
  const engine =
    b.kind === 'hf'
      ? rustEngine(RustTokenizer.fromString(JSON.stringify(b.hf.json)))
      : await spmEngine(loadSpmModel(b.model));
  return {
    name,
    modelType: 'BPE',
    pieces: model.pieces,
    kinds: model.pieces.map(() => 'imported'),
    tokenBytes: pieceBytes(model.pieces, byteLevel),
    ...engine,
  };
}

/** Opens a tokenizer given as a path (dir, .model, tokenizer.json), a bundled base or a store version. */
export async function openEvalTokenizer(ref: string, dbFile: string): Promise<EvalTokenizer> {
  const r = resolveTokenizer(ref, dbFile);
  if (r.kind === 'bundled') return openBase(r.name, r.base);
  if (r.kind === 'files') {
    const t = loadTokenizer(r.path);
    const engine = t.engineFile.endsWith('.model')
      ? await spmEngine(loadSpm(t.engineFile))
      : rustEngine(RustTokenizer.fromFile(t.engineFile));
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
  const engine = hf ? rustEngine(RustTokenizer.fromString(hf)) : await spmEngine(loadSpmModel(v.model));
  const byteLevel = hf
    ? isByteLevel((JSON.parse(hf) as { pre_tokenizer?: PipelineSpec }).pre_tokenizer ?? null)
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
