// Recording a finished build or an imported tokenizer as a store version.
import path from 'node:path';
import type { BuildResult, RecordedVersion } from '../stages/build.js';
import type { BuildSpec } from '../spec.js';
import fs from 'node:fs';
import { deriveMerges } from '../bpe/derive.js';
import { openStore, type Store } from './db.js';
import { checkLabelFree, recordVersion } from './versions.js';
import { loadTokenizer } from '../family/load.js';
import { ID_MAP_NAME } from '../io/id-map-format.js';
import { modelTypeName } from '../spm/modelproto.js';

/** A store opened and checked before a build starts; `record` commits the build's output and its version as one outcome. */
export interface Recorder {
  file: string;
  record: (r: BuildResult, manifestText: string, swapIn: () => void, dir: string) => RecordedVersion;
  close: () => void;
}

/** The bytes of the named files of `dir`. */
function filesOf(dir: string, names: string[]): Record<string, Buffer> {
  return Object.fromEntries(names.map((n) => [n, fs.readFileSync(path.join(dir, n))]));
}

/** Opens the store (creating it) and checks the label before any work, so a bad --db or a taken label fails fast. */
export function openRecorder(dbFile: string, label: string | undefined, spec: BuildSpec): Recorder {
  const db: Store = openStore(dbFile, { create: true });
  try {
    if (label !== undefined) checkLabelFree(db, dbFile, label);
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    file: dbFile,
    record: (r, manifestText, swapIn, dir) => {
      const modelType = r.vocab.format === 'hf' ? 'BPE' : modelTypeName(r.vocab.trainerSpec.model_type);
      return recordVersion(
        db,
        dbFile,
        {
          label,
          origin: 'build',
          source: path.resolve(r.out),
          modelType,
          baseName: r.baseName,
          baseSize: r.baseSize,
          model: {
            pieces: r.vocab.pieces,
            trainerSpec: r.vocab.trainerSpec,
            normalizerSpec: r.vocab.normalizerSpec,
            paddingIds: r.vocab.paddingIds,
          },
          kinds: r.vocab.kinds,
          counts: r.vocab.counts,
          merges: r.vocab.merges,
          format: r.vocab.format,
          // HF and Unigram outputs, and any that freed base ids (its id map is no function of the
          // model), keep their files: the store regenerates SentencePiece BPE files only
          files:
            r.vocab.format === 'hf' || modelType !== 'BPE' || ID_MAP_NAME in r.artefacts
              ? filesOf(dir, Object.keys(r.artefacts))
              : undefined,
          spec,
          inputs: r.count.files,
          manifestText,
          artefacts: r.artefacts,
          efficiency: r.verify?.efficiency,
        },
        swapIn,
      );
    },
    close: () => db.close(),
  };
}

/** Imports any SentencePiece .model or tokenizer.json (or a directory of one) as a version. */
export function importTokenizer(
  dbFile: string,
  p: string,
  label: string,
): { id: number; label: string; size: number; modelType: string } {
  const t = loadTokenizer(p);
  const db = openStore(dbFile, { create: true });
  try {
    const isBuild = t.baseSize !== undefined && t.manifestText !== undefined;
    const r = recordVersion(db, dbFile, {
      label,
      origin: isBuild ? 'build' : 'import',
      source: t.source,
      modelType: t.modelType,
      baseName: t.baseName,
      baseSize: t.baseSize,
      model: t.model,
      kinds: t.kinds,
      merges: t.modelType === 'BPE' ? (t.merges ?? deriveMerges(t.model.pieces)) : [],
      spec: t.spec,
      manifestText: t.manifestText,
      format: t.format,
      files: t.files,
    });
    return { id: r.id, label: r.label, size: t.model.pieces.length, modelType: t.modelType };
  } finally {
    db.close();
  }
}
