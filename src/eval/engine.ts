// Tokenizers to evaluate, behind one batch interface: SentencePiece (sentencepiece-js) when a
// .model is at hand (BPE or Unigram), else HF tokenizers (Rust binding) on a tokenizer.json.
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { InputError } from '../errors.js';
import { openStore } from '../store/db.js';
import { looksLikePath, readTokenizer } from '../store/source.js';
import { loadVersion } from '../store/versions.js';
import { isBundledBase } from '../store/resolve.js';
import { loadBase } from '../vocab/base.js';
import { loadSpm, loadSpmModel, type Spm } from '../verify/runtimes.js';
import { PieceType, byteOfPiece, type Piece, type PieceKind } from '../vocab/model.js';
import { hfPieces } from '../hf/model.js';
import { isByteLevel, type PipelineSpec } from '../hf/pipeline.js';
import { tokenToBytes } from '../hf/bytelevel.js';

/** A tokenizer ready to evaluate. */
export interface EvalTokenizer {
  name: string;
  modelType: string;
  pieces: Piece[];
  kinds: (PieceKind | 'imported')[];
  engine: 'sentencepiece' | 'tokenizers';
  tokenBytes(id: number): Uint8Array; // what the token adds to the decoded text
  encodeBatch(texts: string[]): Promise<number[][]>;
  decodeBatch(ids: number[][]): Promise<string[]>;
}

async function spmEngine(sp: Promise<Spm>): Promise<Pick<EvalTokenizer, 'encodeBatch' | 'decodeBatch' | 'engine'>> {
  const p = await sp;
  return {
    engine: 'sentencepiece',
    encodeBatch: async (texts) => texts.map((t) => p.encodeIds(t)),
    decodeBatch: async (ids) => ids.map((x) => p.decodeIds(x)),
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
async function openBase(name: string): Promise<EvalTokenizer> {
  const b = loadBase(name);
  if (b.kind === 'hf') {
    const pieces = hfPieces(b.hf);
    return { name, modelType: 'BPE', pieces, kinds: pieces.map(() => 'imported'), tokenBytes: pieceBytes(pieces, b.hf.byteLevel), ...rustEngine(RustTokenizer.fromString(JSON.stringify(b.hf.json))) };
  }
  return { name, modelType: 'BPE', pieces: b.model.pieces, kinds: b.model.pieces.map(() => 'imported'), tokenBytes: pieceBytes(b.model.pieces, false), ...(await spmEngine(loadSpmModel(b.model))) };
}

/** Opens a tokenizer given as a path (dir, .model, tokenizer.json) or a store version. */
export async function openEvalTokenizer(ref: string, dbFile: string): Promise<EvalTokenizer> {
  if (fs.existsSync(ref)) {
    const t = readTokenizer(ref);
    const abs = path.resolve(ref);
    const dir = fs.statSync(abs).isDirectory();
    const file = !dir ? abs : fs.existsSync(path.join(abs, 'tokenizer.model')) ? path.join(abs, 'tokenizer.model') : path.join(abs, 'tokenizer.json');
    const name = path.basename(abs) === 'tokenizer.model' || path.basename(abs) === 'tokenizer.json' ? path.basename(path.dirname(abs)) : path.basename(abs).replace(/\.(model|json)$/, '');
    const engine = file.endsWith('.model') ? await spmEngine(loadSpm(file)) : rustEngine(RustTokenizer.fromFile(file));
    return { name, modelType: t.modelType, pieces: t.model.pieces, kinds: t.kinds, tokenBytes: pieceBytes(t.model.pieces, t.byteLevel === true), ...engine };
  }
  if (looksLikePath(ref)) throw new InputError('no such file or directory', ref, undefined, 'check the --tokenizer path');
  if (isBundledBase(ref, dbFile)) return openBase(ref);
  if (!fs.existsSync(dbFile)) throw new InputError('not a file, directory or stored version', ref, undefined, 'pass a tokenizer path or a label from tokext versions');
  const db = openStore(dbFile, { readonly: true });
  try {
    const v = loadVersion(db, dbFile, ref);
    const json = v.files?.['tokenizer.json'];
    const hf = v.format === 'hf' && json ? json.toString('utf8') : undefined;
    const engine = hf ? rustEngine(RustTokenizer.fromString(hf)) : await spmEngine(loadSpmModel(v.model));
    const byteLevel = hf ? isByteLevel((JSON.parse(hf) as { pre_tokenizer?: PipelineSpec }).pre_tokenizer ?? null) : false; // the pre-tokenizer decides; no full re-check
    return { name: v.label, modelType: v.modelType, pieces: v.model.pieces, kinds: v.kinds, tokenBytes: pieceBytes(v.model.pieces, byteLevel), ...engine };
  } finally {
    db.close();
  }
}
