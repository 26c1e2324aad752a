// The one tokenizer loader: any tokenizer file or directory (SentencePiece BPE/Unigram .model,
// SentencePiece-form or HF BPE tokenizer.json, Unigram tokenizer.json) read into a model, with the
// manifest tokext wrote beside it; and `loadBase`, which also knows the bundled bases by name.
// This is where a tokenizer's family is recognised (`extendable`, and a .model's type): the one
// place that decides it.
import fs from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { readJsonFile } from '../io/json.js';
import { ID_MAP_NAME, readIdMap } from '../io/id-map-format.js';
import { readManifest } from '../io/manifest-format.js';
import { MANIFEST_NAME } from '../io/staged-dir.js';
import { DEFAULTS, isPaddingName } from '../spec.js';
import { ModelType, modelTypeName, readModelProto } from '../spm/modelproto.js';
import {
  MISTRAL_NORMALIZER_SPEC,
  checkBpeModel,
  loadMistralFromPackage,
  sentencePieceOfJson,
} from '../base/sentencepiece.js';
import { BASE_NAMES, HF_BASES } from '../base/bundled.js';
import { readHfBpe } from '../hf/model.js';
import { deriveMerges } from '../bpe/derive.js';
import { PieceType, type Model, type Piece, type PieceKind, byteOfPiece, learnedKindOf } from '../vocab/model.js';
import { standaloneBase } from '../train/scratch.js';
import type { Base } from './family.js';
import { HfFamily } from './hf.js';
import { SentencePieceFamily } from './sentencepiece.js';
import { UnigramFamily } from './unigram.js';

export { BASE_NAMES };

/** A BPE tokenizer.json as a base of its family: SentencePiece BPE when it is one in HF form,
 * else HF BPE. `config` is its tokenizer_config.json. */
export function extendable(
  json: unknown,
  file: string,
  name: string,
  source: string,
  config?: Record<string, unknown>,
): Base {
  const sp = sentencePieceOfJson(json, file, name, source);
  return sp ? new SentencePieceFamily(sp) : new HfFamily({ name, source, hf: readHfBpe(json, file), config });
}

/** A tokenizer read from disk. */
export interface LoadedTokenizer {
  /** Display name: the directory's name for tokenizer.model / tokenizer.json, else the file's without extension. */
  name: string;
  /** The absolute path given (file or directory). */
  source: string;
  /** The file a runtime loads: tokenizer.model when there is one, else tokenizer.json. */
  engineFile: string;
  modelType: string;
  /** The model; paddingIds are the CONTROL pieces named as padding (with the manifest's prefix). */
  model: Model;
  merges?: [string, string][];
  kinds: (PieceKind | 'imported')[];
  format: 'sentencepiece' | 'hf';
  /** Tokens are byte-level strings (GPT-2's byte alphabet). */
  byteLevel: boolean;
  /** The tokenizer as a base to extend, when it is a BPE model tokext can extend; else why not. */
  base?: Base;
  notBase?: InputError;
  manifestText?: string;
  baseName?: string;
  baseSize?: number;
  spec?: object;
  files?: Record<string, Buffer>; // HF: the tokenizer files as read (stored as they are)
}

/** The display name of a tokenizer at `abs`. */
function nameOf(abs: string): string {
  const base = path.basename(abs);
  return base === 'tokenizer.model' || base === 'tokenizer.json'
    ? path.basename(path.dirname(abs))
    : base.replace(/\.(model|json)$/, '');
}

/** What a file holds, before the manifest and padding are read. */
type View = Pick<
  LoadedTokenizer,
  'modelType' | 'model' | 'merges' | 'format' | 'byteLevel' | 'base' | 'notBase' | 'files'
>;

/** Reads a tokenizer.json: Unigram, SentencePiece-form BPE or HF BPE. */
function readJsonView(abs: string, shown: string): View {
  const json = readJsonFile(shown) as { model?: { type?: string; vocab?: unknown; unk_id?: number } };
  if (!json || typeof json !== 'object') throw new InputError('not a tokenizer.json (not a JSON object)', shown);
  if (json.model?.type === 'Unigram' && Array.isArray(json.model.vocab)) {
    const pieces: Piece[] = (json.model.vocab as [string, number][]).map(([piece, score], i) => ({
      piece,
      score,
      type:
        i === json.model!.unk_id
          ? PieceType.UNKNOWN
          : byteOfPiece(piece) !== undefined
            ? PieceType.BYTE
            : PieceType.NORMAL,
    }));
    const notBase = new InputError(
      'a Unigram tokenizer.json: tokext extends a Unigram model from its tokenizer.model',
      shown,
      undefined,
      'pass the SentencePiece tokenizer.model as --base',
    );
    return {
      modelType: 'UNIGRAM',
      format: 'sentencepiece',
      byteLevel: false,
      model: {
        pieces,
        trainerSpec: { model_type: ModelType.UNIGRAM },
        normalizerSpec: { ...MISTRAL_NORMALIZER_SPEC },
        paddingIds: [],
      },
      notBase,
    };
  }
  const dir = path.dirname(abs);
  const configFile = path.join(dir, 'tokenizer_config.json');
  const config = fs.existsSync(configFile) ? (readJsonFile(configFile) as Record<string, unknown>) : undefined;
  const b = extendable(json, abs, nameOf(abs), abs, config);
  return {
    modelType: 'BPE',
    format: b.format,
    byteLevel: b.byteLevel,
    ...b.asModel(),
    base: b,
    files: b.storedFiles(dir),
  };
}

/** Reads a SentencePiece tokenizer.model (BPE or Unigram). */
function readModelView(abs: string, shown: string): View {
  const bytes = fs.readFileSync(abs);
  if (bytes.length > 0 && bytes[0] !== 0x0a) {
    throw new InputError(
      'not a tokenizer.model (SentencePiece ModelProto) or tokenizer.json',
      shown,
      undefined,
      'pass a .model, a tokenizer.json or a directory holding one',
    );
  }
  const d = readModelProto(bytes, abs);
  const model: Model = { ...d, paddingIds: [] };
  const modelType = modelTypeName(d.trainerSpec.model_type);
  if (modelType === 'UNIGRAM' && model.pieces.some((p) => p.type === PieceType.NORMAL))
    return {
      modelType,
      format: 'sentencepiece',
      byteLevel: false,
      model,
      base: new UnigramFamily({ name: nameOf(abs), source: abs, model }),
    };
  try {
    checkBpeModel(model, abs);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { modelType, format: 'sentencepiece', byteLevel: false, model, notBase: e };
  }
  return {
    modelType,
    format: 'sentencepiece',
    byteLevel: false,
    model,
    base: new SentencePieceFamily({ name: nameOf(abs), source: abs, model, merges: deriveMerges(model.pieces) }),
  };
}

/** Adds the facts of the manifest in `dir` (if any) and the padding and piece kinds they imply. */
function withManifest(v: View, abs: string, engineFile: string, dir: string | undefined): LoadedTokenizer {
  const hint = 'rebuild the directory, or remove manifest.json to import it as a plain tokenizer';
  const manifest = dir ? readManifest(dir, hint) : undefined;
  const manifestText = manifest ? fs.readFileSync(path.join(dir!, MANIFEST_NAME), 'utf8') : undefined;
  const prefix = manifest?.spec?.padPrefix ?? DEFAULTS.padPrefix;
  const model: Model = {
    ...v.model,
    paddingIds: v.model.pieces.flatMap((p, i) =>
      p.type === PieceType.CONTROL && isPaddingName(p.piece, prefix) ? [i] : [],
    ),
  };
  const pad = new Set(model.paddingIds);
  const baseSize = manifest?.base?.vocab_size;
  const mapFile = dir ? path.join(dir, ID_MAP_NAME) : undefined;
  const source = mapFile && fs.existsSync(mapFile) ? readIdMap(mapFile).source : undefined; // freed base ids
  const kindOf = (i: number): PieceKind | 'imported' => {
    if (pad.has(i)) return 'padding';
    const learned = () => learnedKindOf(model.pieces[i]!.piece);
    if (source) return source[i] === 'kept' ? 'base' : learned();
    if (typeof baseSize !== 'number') return 'imported';
    return i < baseSize ? 'base' : learned();
  };
  const kinds = model.pieces.map((_, i) => kindOf(i));
  return {
    ...v,
    name: nameOf(abs),
    source: abs,
    engineFile,
    model,
    kinds,
    manifestText,
    baseName: manifest?.base?.name,
    baseSize,
    spec: manifest?.spec,
  };
}

/** Reads a .model, a tokenizer.json, or a directory holding either. Every file of a directory is
 * read, so a corrupt one is never passed over; tokenizer.model is the view returned when present. */
export function loadTokenizer(file: string): LoadedTokenizer {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new InputError('no such tokenizer file or directory', file);
  if (!fs.statSync(abs).isDirectory())
    return withManifest(
      abs.endsWith('.json') ? readJsonView(abs, file) : readModelView(abs, file),
      abs,
      abs,
      undefined,
    );
  const found = ['tokenizer.model', 'tokenizer.json'].map((n) => path.join(abs, n)).filter((f) => fs.existsSync(f));
  if (found.length === 0) throw new InputError('directory has neither tokenizer.model nor tokenizer.json', file);
  const views = found.map((f) => (f.endsWith('.json') ? readJsonView(f, f) : readModelView(f, f)));
  const v = views[0]!;
  for (let i = 1; i < views.length; i++) {
    if (views[i]!.model.pieces.length !== v.model.pieces.length) {
      throw new InputError(
        `holds ${views[i]!.model.pieces.length} entries but ${path.basename(found[0]!)} holds ${v.model.pieces.length}: the two files are not one tokenizer`,
        found[i],
        undefined,
        'rebuild or re-export the directory',
      );
    }
  }
  return withManifest(v, abs, found[0]!, abs);
}

/** Loads `--base`: a name (mistral-7b-v0.1, llama-3, qwen3, gemma-3), a .model, a tokenizer.json,
 * or a directory holding one: SentencePiece BPE or Unigram, or HF BPE. */
export function loadBase(ref: string): Base {
  const bundled = bundledBases.get(ref) ?? loadBundled(ref);
  if (bundled) {
    bundledBases.set(ref, bundled);
    return bundled;
  }
  if (!fs.existsSync(path.resolve(ref))) {
    throw new UsageError(
      `base tokenizer not found: ${ref}`,
      `use one of ${BASE_NAMES.join(', ')} or a path to tokenizer.model, tokenizer.json or an HF directory`,
    );
  }
  const t = loadTokenizer(ref);
  if (!t.base) throw t.notBase ?? new InputError(`base must be a BPE model, this one is ${t.modelType}`, t.engineFile);
  return t.base; // named and sourced by the file it was read from (tokenizer.model first), as t is
}

/** Bundled bases loaded in this process: each is read, parsed and checked once (Gemma 3's 262k
 * merges take seconds); nothing changes a Base (freeing makes a new one). */
const bundledBases = new Map<string, Base>();

/** A bundled base by name, or undefined for any other reference. */
function loadBundled(ref: string): Base | undefined {
  if (ref === DEFAULTS.base) return new SentencePieceFamily(loadMistralFromPackage());
  const named = HF_BASES[ref];
  if (!named) return undefined;
  const b = named();
  return extendable(b.json, b.source, b.name, b.source, b.config);
}

/** The base a model trained from scratch grows from (and verify checks it against): its specials
 * and byte pieces, as a SentencePiece BPE base. */
export function standaloneFamily(vocabSize: number, splitByScript: boolean): Base {
  return new SentencePieceFamily(standaloneBase(vocabSize, splitByScript));
}
