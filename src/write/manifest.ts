// manifest.json, every kind of it from this one module: resolved spec, inputs, counts by kind and
// script, artefact hashes (builds), and what made the other kinds of directory.
import { SCRIPTS, pieceScriptClass } from '../corpus/unicode.js';
import { manifestHeader, type VerifyRecord } from '../io/manifest-format.js';
import { policyOf, type BuildSpec } from '../spec.js';
import { isNewKind, type VocabView } from '../vocab/model.js';
import type { TrainResult } from '../train/continued.js';
import type { CountResult } from '../corpus/count.js';

type Manifest = ReturnType<typeof manifestHeader> & Record<string, unknown>;

/** What a manifest records of the base. */
interface BaseFacts {
  name: string;
  source: string;
  size: number;
}

/** The base an extension was made from. */
function baseSection(base: BaseFacts, format: VocabView['format']) {
  return { name: base.name, source: base.source, vocab_size: base.size, format };
}

/** Everything a later reader needs to know how a directory was made. */
export function buildManifest(a: {
  spec: BuildSpec;
  base: BaseFacts;
  count: CountResult;
  train: TrainResult;
  vocab: VocabView;
  artefacts: Record<string, string>;
  verify?: VerifyRecord;
  timings?: Record<string, number>;
}): Manifest {
  const byKind: Record<string, number> = {};
  const byScript: Record<string, number> = {};
  a.vocab.kinds.forEach((k, id) => {
    byKind[k] = (byKind[k] ?? 0) + 1;
    if (isNewKind(k)) {
      const s = pieceScriptClass(a.vocab.pieces[id]!.piece);
      byScript[s] = (byScript[s] ?? 0) + 1;
    }
  });
  return {
    ...manifestHeader('build'),
    spec: { ...a.spec, policy: policyOf(a.spec) },
    base: baseSection(a.base, a.vocab.format),
    inputs: a.count.files,
    read: a.count.stats,
    training: {
      distinct_chunks: a.count.chunks.distinct,
      reduction: a.train.reduction,
      words: a.train.words,
      trained_pieces: a.train.pieces.length,
      character_coverage: a.train.charCoverage,
      dropped: a.vocab.dropped,
    },
    vocab: {
      size: a.vocab.pieces.length - a.vocab.paddingIds.length,
      padded_size: a.vocab.pieces.length,
      by_kind: byKind,
      new_by_script: Object.fromEntries(SCRIPTS.map((s) => [s, byScript[s] ?? 0])),
    },
    verify: a.verify
      ? {
          ok: a.verify.ok,
          checks: a.verify.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail })),
          ...(a.verify.efficiency ? { efficiency: a.verify.efficiency } : {}),
        }
      : null,
    artefacts: a.artefacts,
    ...(a.timings ? { timings_ms: a.timings } : {}),
  };
}

/** A standalone model (train --from-scratch). */
export function fromScratchManifest(a: {
  spec: BuildSpec;
  vocabSize: number;
  count: CountResult;
  reduction: unknown;
  size: number;
  artefacts: Record<string, string>;
}): Manifest {
  return {
    ...manifestHeader('from-scratch'),
    spec: { ...a.spec, vocabSize: a.vocabSize },
    inputs: a.count.files,
    records: a.count.stats.records,
    distinct_chunks: a.count.chunks.distinct,
    reduction: a.reduction,
    vocab: { size: a.size },
    artefacts: a.artefacts,
  };
}

/** An extension written from a plan file (tokext write). */
export function fromPlanManifest(a: {
  spec: BuildSpec;
  base: BaseFacts;
  format: VocabView['format'];
  planFile: string;
  artefacts: Record<string, string>;
}): Manifest {
  return {
    ...manifestHeader('from-plan'),
    spec: { ...a.spec, policy: policyOf(a.spec) },
    base: baseSection(a.base, a.format),
    from_plan: a.planFile,
    artefacts: a.artefacts,
  };
}

/** A stored version that was imported, exported again (what the store knows of it). */
export function importedManifest(v: { label: string; source: string; modelType: string; size: number }): Manifest {
  return {
    ...manifestHeader('imported'),
    imported: { label: v.label, source: v.source, model_type: v.modelType },
    vocab: { size: v.size },
  };
}

/** A checkpoint grown by init-embeddings. */
export function checkpointManifest(a: {
  model: string;
  init: string;
  paddedVocabSize: number;
  rule: string;
  noiseScale: number;
  resized: string[];
  paddingRows: Record<string, string>;
  idMap?: object; // the id map the rows followed (base ids freed): file, mode, rows by source
}): Manifest {
  return {
    ...manifestHeader('checkpoint'),
    model: a.model,
    init: a.init,
    padded_vocab_size: a.paddedVocabSize,
    rule: a.rule,
    noise_scale: a.noiseScale,
    resized: a.resized,
    padding_rows: a.paddingRows,
    ...(a.idMap ? { id_map: a.idMap } : {}),
  };
}
