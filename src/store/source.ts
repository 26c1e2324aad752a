// Reading any tokenizer file or directory (SentencePiece BPE/Unigram .model, tokenizer.json)
// into a model, for import and diff.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { isPaddingName } from '../options.js';
import { MANIFEST_NAME } from '../io/staged-dir.js';
import { readJsonFile } from '../io/json.js';
import { baseFromJson, MISTRAL_NORMALIZER_SPEC } from '../vocab/base.js';
import { hfPieces } from '../hf/model.js';
import { readModelProto, ModelType } from '../spm/modelproto.js';
import { PieceType, type Model, type Piece, type PieceKind } from '../vocab/model.js';

/** A tokenizer read from disk. */
export interface LoadedTokenizer {
  source: string;
  modelType: string;
  model: Model;
  merges?: [string, string][];
  kinds: (PieceKind | 'imported')[];
  manifestText?: string;
  baseName?: string;
  baseSize?: number;
  spec?: object;
  format?: 'sentencepiece' | 'hf';
  files?: Record<string, Buffer>; // HF: the tokenizer files as read (stored as they are)
  byteLevel?: boolean; // HF: tokens are byte-level strings (GPT-2's byte alphabet)
}


function typeName(t: unknown): string {
  return Object.entries(ModelType).find(([, v]) => v === (t ?? ModelType.UNIGRAM))?.[0] ?? String(t);
}

function finish(model: Model, source: string, modelType: string, merges?: [string, string][], manifestPath?: string): LoadedTokenizer {
  model.paddingIds = model.pieces.flatMap((p, i) => (p.type === PieceType.CONTROL && isPaddingName(p.piece) ? [i] : []));
  const pad = new Set(model.paddingIds);
  let kinds: (PieceKind | 'imported')[] = model.pieces.map((_, i) => (pad.has(i) ? 'padding' : 'imported'));
  let manifestText: string | undefined;
  let baseName: string | undefined;
  let baseSize: number | undefined;
  let spec: object | undefined;
  if (manifestPath && fs.existsSync(manifestPath)) {
    const m = readJsonFile(manifestPath, 'rebuild the directory, or remove manifest.json to import it as a plain tokenizer') as { base?: { name?: string; vocab_size?: number }; spec?: object };
    manifestText = fs.readFileSync(manifestPath, 'utf8');
    baseName = m.base?.name;
    baseSize = m.base?.vocab_size;
    spec = m.spec;
    if (typeof baseSize === 'number') kinds = model.pieces.map((_, i) => (pad.has(i) ? 'padding' : i < baseSize! ? 'base' : 'new-merge'));
  }
  return { source, modelType, model, merges, kinds, manifestText, baseName, baseSize, spec };
}

/** True if `ref` is written like a path (not a store label): it names a file, so a missing one is "not found". */
export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(model|json)$/.test(ref);
}

/** Reads a .model, a tokenizer.json, or a directory holding either (tokenizer.model preferred). */
export function readTokenizer(p: string): LoadedTokenizer {
  const abs = path.resolve(p);
  if (!fs.existsSync(abs)) throw new InputError('no such tokenizer file or directory', p);
  if (fs.statSync(abs).isDirectory()) {
    const found = ['tokenizer.model', 'tokenizer.json'].map((n) => path.join(abs, n)).filter((f) => fs.existsSync(f));
    if (found.length === 0) throw new InputError('directory has neither tokenizer.model nor tokenizer.json', p);
    const views = found.map((f) => readTokenizer(f)); // every file is read, so a corrupt one is never passed over
    const t = views[0]!;
    for (let i = 1; i < views.length; i++) {
      if (views[i]!.model.pieces.length !== t.model.pieces.length) {
        throw new InputError(`holds ${views[i]!.model.pieces.length} entries but ${path.basename(found[0]!)} holds ${t.model.pieces.length}: the two files are not one tokenizer`, found[i], undefined, 'rebuild or re-export the directory');
      }
    }
    return { ...finish(t.model, abs, t.modelType, t.merges, path.join(abs, MANIFEST_NAME)), format: t.format, files: t.files, byteLevel: t.byteLevel };
  }
  const bytes = fs.readFileSync(abs);
  if (abs.endsWith('.json')) {
    let json: { model?: { type?: string; vocab?: unknown; unk_id?: number } };
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      throw new InputError(`not valid JSON (${(e as Error).message})`, p);
    }
    if (!json || typeof json !== 'object') throw new InputError('not a tokenizer.json (not a JSON object)', p);
    if (json.model?.type === 'Unigram' && Array.isArray(json.model.vocab)) {
      const pieces: Piece[] = (json.model.vocab as [string, number][]).map(([piece, score], i) => ({
        piece, score, type: i === json.model!.unk_id ? PieceType.UNKNOWN : /^<0x[0-9A-F]{2}>$/.test(piece) ? PieceType.BYTE : PieceType.NORMAL,
      }));
      return finish({ pieces, trainerSpec: { model_type: ModelType.UNIGRAM }, normalizerSpec: { ...MISTRAL_NORMALIZER_SPEC }, paddingIds: [] }, abs, 'UNIGRAM');
    }
    const b = baseFromJson(json, abs, path.basename(path.dirname(abs)), abs);
    if (b.kind === 'sentencepiece') return finish(b.model, abs, 'BPE', b.merges);
    const loaded = finish({ pieces: hfPieces(b.hf), trainerSpec: {}, normalizerSpec: {}, paddingIds: [] }, abs, 'BPE', b.hf.merges);
    const files = Object.fromEntries(['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'embedding-init.json']
      .map((n) => path.join(path.dirname(abs), n)).filter((f) => fs.existsSync(f)).map((f) => [path.basename(f), fs.readFileSync(f)]));
    return { ...loaded, format: 'hf', files, byteLevel: b.hf.byteLevel };
  }
  if (bytes.length > 0 && bytes[0] !== 0x0a) {
    throw new InputError('not a tokenizer.model (SentencePiece ModelProto) or tokenizer.json', p, undefined, 'pass a .model, a tokenizer.json or a directory holding one');
  }
  const d = readModelProto(bytes, abs);
  return finish({ ...d, paddingIds: [] }, abs, typeName(d.trainerSpec.model_type));
}
