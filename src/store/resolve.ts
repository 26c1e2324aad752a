// Resolving a version reference: a path to tokenizer files, a store id or label, or the bundled base.
import fs from 'node:fs';
import { InputError } from '../errors.js';
import { BASE_NAMES, loadBase } from '../vocab/base.js';
import { hfPieces } from '../hf/model.js';
import type { Model } from '../vocab/model.js';
import type { DiffSide } from '../diff/diff.js';
import { openStore } from './db.js';
import { hasLabel, loadVersion } from './versions.js';
import { looksLikePath, readTokenizer } from './source.js';

function side(label: string, modelType: string, model: Model, merges?: [string, string][]): DiffSide {
  return { label, modelType, pieces: model.pieces, paddingIds: model.paddingIds, merges, trainerSpec: model.trainerSpec, normalizerSpec: model.normalizerSpec };
}

function bundledBase(ref: string): DiffSide {
  const b = loadBase(ref);
  if (b.kind === 'sentencepiece') return side(ref, 'BPE', b.model, b.merges);
  return side(ref, 'BPE', { pieces: hfPieces(b.hf), trainerSpec: {}, normalizerSpec: {}, paddingIds: [] }, b.hf.merges);
}

/** True if the store at `dbFile` exists and holds a version labelled `ref` (which then shadows a bundled base's name). */
export function storeHasLabel(dbFile: string, ref: string): boolean {
  if (!fs.existsSync(dbFile)) return false;
  const db = openStore(dbFile, { readonly: true });
  try {
    return hasLabel(db, dbFile, ref);
  } finally {
    db.close();
  }
}

/** True if `ref` names a bundled base (mistral-7b-v0.1, llama-3, qwen3, gemma-3) not shadowed by a stored version. */
export function isBundledBase(ref: string, dbFile: string): boolean {
  return BASE_NAMES.includes(ref) && !storeHasLabel(dbFile, ref);
}

/** Resolves `ref` to a diffable side. */
export function resolveSide(ref: string, dbFile: string): DiffSide {
  if (fs.existsSync(ref)) {
    const t = readTokenizer(ref);
    return side(ref, t.modelType, t.model, t.merges);
  }
  if (looksLikePath(ref)) throw new InputError('no such file or directory', ref, undefined, 'check the path');
  if (isBundledBase(ref, dbFile)) return bundledBase(ref);
  if (!fs.existsSync(dbFile)) {
    throw new InputError(`'${ref}' is neither a tokenizer file or directory nor a stored version (no store at ${dbFile})`, undefined, undefined, 'pass a path, or --db with the store that holds the version');
  }
  const db = openStore(dbFile, { readonly: true });
  try {
    const v = loadVersion(db, dbFile, ref);
    return side(v.label, v.modelType, v.model, v.merges);
  } finally {
    db.close();
  }
}
