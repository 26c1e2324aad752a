// manifest.json: resolved spec, inputs, counts by kind and script, artefact hashes.
import { SCRIPTS, pieceScriptClass } from '../corpus/unicode.js';
import { MANIFEST_FAMILY } from '../io/staged-dir.js';
import { TOOL, policyOf, type BuildSpec } from '../options.js';
import { baseSize, type BaseTokenizer } from '../vocab/base.js';
import type { VocabView } from '../extend.js';
import type { TrainResult } from '../train/continued.js';
import type { CountResult } from '../corpus/count.js';
import type { VerifyReport } from '../verify/verify.js';

/** The manifest schema version; 1 had no `kind` (readers infer it: see manifestKind). */
export const MANIFEST_VERSION = 2;

/** What made a directory. */
export type ManifestKind = 'build' | 'from-scratch' | 'from-plan' | 'imported' | 'checkpoint';

/** The fields every manifest starts with. */
export function manifestHeader(kind: ManifestKind): { format: string; kind: ManifestKind; tool: { name: string; version: string } } {
  return { format: `${MANIFEST_FAMILY}${MANIFEST_VERSION}`, kind, tool: { name: TOOL.name, version: TOOL.version } };
}

/** The kind of a manifest of any version. */
export function manifestKind(m: { kind?: string; mode?: string; from_plan?: string; imported?: object } | undefined): ManifestKind | undefined {
  if (!m) return undefined;
  if (m.kind) return m.kind as ManifestKind;
  return m.mode === 'from-scratch' ? 'from-scratch' : m.from_plan ? 'from-plan' : m.imported ? 'imported' : 'build';
}

/** A standalone model (from scratch) or a checkpoint: no base to grow from in the tokenizer sense. */
export function isStandalone(m: Parameters<typeof manifestKind>[0]): boolean {
  return manifestKind(m) === 'from-scratch';
}

/** Everything a later reader needs to know how a directory was made. */
export function buildManifest(a: {
  spec: BuildSpec;
  base: BaseTokenizer;
  count: CountResult;
  train: TrainResult;
  vocab: VocabView;
  artefacts: Record<string, string>;
  verify?: VerifyReport;
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
