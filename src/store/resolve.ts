// Resolving a version reference: a path to tokenizer files, a store id or label, or the bundled base.
import fs from 'node:fs';
import { DEFAULTS } from '../options.js';
import { InputError } from '../errors.js';
import { loadMistralFromPackage, type SentencePieceBase } from '../vocab/base.js';
import type { Model } from '../vocab/model.js';
import type { DiffSide } from '../diff/diff.js';
import { openStore } from './db.js';
import { loadVersion } from './versions.js';
import { looksLikePath, readTokenizer } from './source.js';

function side(label: string, modelType: string, model: Model, merges?: [string, string][]): DiffSide {
  return { label, modelType, pieces: model.pieces, paddingIds: model.paddingIds, merges, trainerSpec: model.trainerSpec, normalizerSpec: model.normalizerSpec };
}

function bundledBase(ref: string): DiffSide {
  const b = loadMistralFromPackage() as SentencePieceBase;
  return side(ref, 'BPE', b.model, b.merges);
}

/** Resolves `ref` to a diffable side. */
export function resolveSide(ref: string, dbFile: string): DiffSide {
  if (fs.existsSync(ref)) {
    const t = readTokenizer(ref);
    return side(ref, t.modelType, t.model, t.merges);
  }
  if (looksLikePath(ref)) throw new InputError('no such file or directory', ref, undefined, 'check the path');
  if (ref === DEFAULTS.base && !fs.existsSync(dbFile)) return bundledBase(ref);
  if (!fs.existsSync(dbFile)) {
    throw new InputError(`'${ref}' is neither a tokenizer file or directory nor a stored version (no store at ${dbFile})`, undefined, undefined, 'pass a path, or --db with the store that holds the version');
  }
  const db = openStore(dbFile, { readonly: true });
  try {
    const v = loadVersion(db, dbFile, ref);
    return side(v.label, v.modelType, v.model, v.merges);
  } catch (e) {
    if (ref === DEFAULTS.base) return bundledBase(ref);
    throw e;
  } finally {
    db.close();
  }
}
