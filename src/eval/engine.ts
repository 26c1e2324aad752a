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
import type { Piece, PieceKind } from '../vocab/model.js';
import { hfPieces } from '../hf/model.js';

/** A tokenizer ready to evaluate. */
export interface EvalTokenizer {
  name: string;
  modelType: string;
  pieces: Piece[];
  kinds: (PieceKind | 'imported')[];
  engine: 'sentencepiece' | 'tokenizers';
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

/** A bundled base by name (mistral-7b-v0.1, llama-3, qwen3, gemma-3). */
async function openBase(name: string): Promise<EvalTokenizer> {
  const b = loadBase(name);
  if (b.kind === 'hf') {
    const pieces = hfPieces(b.hf);
    return { name, modelType: 'BPE', pieces, kinds: pieces.map(() => 'imported'), ...rustEngine(RustTokenizer.fromString(JSON.stringify(b.hf.json))) };
  }
  return { name, modelType: 'BPE', pieces: b.model.pieces, kinds: b.model.pieces.map(() => 'imported'), ...(await spmEngine(loadSpmModel(b.model))) };
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
    return { name, modelType: t.modelType, pieces: t.model.pieces, kinds: t.kinds, ...engine };
  }
  if (looksLikePath(ref)) throw new InputError('no such file or directory', ref, undefined, 'check the --tokenizer path');
  if (isBundledBase(ref, dbFile)) return openBase(ref);
  if (!fs.existsSync(dbFile)) throw new InputError('not a file, directory or stored version', ref, undefined, 'pass a tokenizer path or a label from tokext versions');
  const db = openStore(dbFile, { readonly: true });
  try {
    const v = loadVersion(db, dbFile, ref);
    const json = v.files?.['tokenizer.json'];
    const engine = v.format === 'hf' && json ? rustEngine(RustTokenizer.fromString(json.toString('utf8'))) : await spmEngine(loadSpmModel(v.model));
    return { name: v.label, modelType: v.modelType, pieces: v.model.pieces, kinds: v.kinds, ...engine };
  } finally {
    db.close();
  }
}
