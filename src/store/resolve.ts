// Resolving a version reference: a path to tokenizer files, a store id or label, or the bundled base.
import fs from 'node:fs';
import { DEFAULTS } from '../spec/spec.js';
import { InputError } from '../errors.js';
import { loadMistralFromPackage } from '../vocab/base.js';
import type { DiffSide } from '../diff/diff.js';
import { openStore } from './db.js';
import { loadVersion } from './versions.js';
import { readTokenizer } from './source.js';

/** Resolves `ref` to a diffable side. */
export function resolveSide(ref: string, dbFile: string): DiffSide {
  if (fs.existsSync(ref)) {
    const t = readTokenizer(ref);
    return { label: ref, modelType: t.modelType, pieces: t.model.pieces, paddingIds: t.model.paddingIds, merges: t.merges, trainerSpec: t.model.trainerSpec, normalizerSpec: t.model.normalizerSpec };
  }
  if (ref === DEFAULTS.base && !fs.existsSync(dbFile)) {
    const b = loadMistralFromPackage();
    return { label: ref, modelType: 'BPE', pieces: b.model.pieces, paddingIds: [], merges: b.merges, trainerSpec: b.model.trainerSpec, normalizerSpec: b.model.normalizerSpec };
  }
  if (!fs.existsSync(dbFile)) {
    throw new InputError(`'${ref}' is neither a tokenizer file or directory nor a stored version (no store at ${dbFile})`, undefined, undefined, 'pass a path, or --db with the store that holds the version');
  }
  const db = openStore(dbFile);
  try {
    const v = loadVersion(db, dbFile, ref);
    return { label: v.label, modelType: v.modelType, pieces: v.model.pieces, paddingIds: v.model.paddingIds, merges: v.merges, trainerSpec: v.model.trainerSpec, normalizerSpec: v.model.normalizerSpec };
  } catch (e) {
    if (ref === DEFAULTS.base) {
      const b = loadMistralFromPackage();
      return { label: ref, modelType: 'BPE', pieces: b.model.pieces, paddingIds: [], merges: b.merges, trainerSpec: b.model.trainerSpec, normalizerSpec: b.model.normalizerSpec };
    }
    throw e;
  } finally {
    db.close();
  }
}
