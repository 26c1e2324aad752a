// A diffable side from any tokenizer reference (path, bundled base or store version).
import { baseModel } from '../vocab/base.js';
import { resolveTokenizer } from '../store/resolve.js';
import { loadTokenizer } from '../vocab/load.js';
import type { Model } from '../vocab/model.js';
import type { DiffSide } from './diff.js';

function side(label: string, modelType: string, model: Model, merges?: [string, string][]): DiffSide {
  return { label, modelType, pieces: model.pieces, paddingIds: model.paddingIds, merges, trainerSpec: model.trainerSpec, normalizerSpec: model.normalizerSpec };
}

/** Resolves `ref` (see resolveTokenizer) to a diffable side. */
export function resolveSide(ref: string, dbFile: string): DiffSide {
  const r = resolveTokenizer(ref, dbFile);
  if (r.kind === 'files') {
    const t = loadTokenizer(r.path);
    return side(ref, t.modelType, t.model, t.merges);
  }
  if (r.kind === 'stored') return side(r.version.label, r.version.modelType, r.version.model, r.version.merges);
  const b = baseModel(r.base);
  return side(ref, 'BPE', b.model, b.merges);
}
