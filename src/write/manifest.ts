// manifest.json: resolved spec, inputs, counts by kind and script, artefact hashes.
import { SCRIPTS, pieceScriptClass } from '../corpus/unicode.js';
import { manifestHeader, type VerifyRecord } from '../io/manifest.js';
import { policyOf, type BuildSpec } from '../options.js';
import { baseSize, type BaseTokenizer } from '../vocab/base.js';
import type { VocabView } from '../vocab/model.js';
import type { TrainResult } from '../train/continued.js';
import type { CountResult } from '../corpus/count.js';

/** Everything a later reader needs to know how a directory was made. */
export function buildManifest(a: {
  spec: BuildSpec;
  base: BaseTokenizer;
  count: CountResult;
  train: TrainResult;
  vocab: VocabView;
  artefacts: Record<string, string>;
  verify?: VerifyRecord;
  timings?: Record<string, number>;
}): ReturnType<typeof manifestHeader> & Record<string, unknown> {
  const byKind: Record<string, number> = {};
  const byScript: Record<string, number> = {};
  a.vocab.kinds.forEach((k, id) => {
    byKind[k] = (byKind[k] ?? 0) + 1;
    if (k === 'new-char' || k === 'new-merge') {
      const s = pieceScriptClass(a.vocab.pieces[id]!.piece);
      byScript[s] = (byScript[s] ?? 0) + 1;
    }
  });
  return {
    ...manifestHeader('build'),
    spec: { ...a.spec, policy: policyOf(a.spec) },
    base: { name: a.base.name, source: a.base.source, vocab_size: baseSize(a.base), format: a.vocab.format },
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
    verify: a.verify ? { ok: a.verify.ok, checks: a.verify.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail })), ...(a.verify.efficiency ? { efficiency: a.verify.efficiency } : {}) } : null,
    artefacts: a.artefacts,
    ...(a.timings ? { timings_ms: a.timings } : {}),
  };
}
