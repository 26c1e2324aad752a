// Recording a finished build or an imported tokenizer as a store version.
import fs from 'node:fs';
import path from 'node:path';
import type { BuildResult } from '../build/build.js';
import type { BuildSpec } from '../spec/spec.js';
import { deriveMerges } from '../hf/merges.js';
import { openStore } from './db.js';
import { nextLabel, recordVersion } from './versions.js';
import { readTokenizer } from './source.js';

/** Records a build (its directory must be committed); returns id and label. */
export function recordBuild(dbFile: string, label: string | undefined, spec: BuildSpec, r: BuildResult, baseName: string, baseSize: number): { id: number; label: string } {
  const db = openStore(dbFile, { create: true });
  try {
    const l = label ?? nextLabel(db, dbFile, 'build');
    const efficiency = r.verify?.efficiency;
    const id = recordVersion(db, dbFile, {
      label: l, origin: 'build', source: path.resolve(r.out), modelType: 'BPE', baseName, baseSize,
      model: r.plan.model, kinds: r.plan.kinds, counts: r.plan.counts, merges: deriveMerges(r.plan.model.pieces),
      spec, inputs: r.count.files, manifestText: fs.readFileSync(path.join(r.out, 'manifest.json'), 'utf8'),
      artefacts: r.artefacts, efficiency,
    });
    return { id, label: l };
  } finally {
    db.close();
  }
}

/** Imports any SentencePiece .model or tokenizer.json (or a directory of one) as a version. */
export function importTokenizer(dbFile: string, p: string, label: string): { id: number; label: string; size: number; modelType: string } {
  const t = readTokenizer(p);
  const db = openStore(dbFile, { create: true });
  try {
    const isBuild = t.baseSize !== undefined && t.manifestText !== undefined;
    const id = recordVersion(db, dbFile, {
      label, origin: isBuild ? 'build' : 'import', source: t.source, modelType: t.modelType, baseName: t.baseName, baseSize: t.baseSize,
      model: t.model, kinds: t.kinds, merges: t.modelType === 'BPE' ? (t.merges ?? deriveMerges(t.model.pieces)) : [],
      spec: t.spec, manifestText: t.manifestText,
    });
    return { id, label, size: t.model.pieces.length, modelType: t.modelType };
  } finally {
    db.close();
  }
}
