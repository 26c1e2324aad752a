// The whole job: count, train, plan, write, verify; outputs staged and renamed into place.
import { loadBase } from '../vocab/base.js';
import { checkSizes, plan, type Plan } from '../vocab/plan.js';
import { trainContinued, type TrainResult } from '../train/continued.js';
import { StagedDir, jsonText, writeFileAtomic } from '../io/atomic.js';
import { writeArtefacts } from './write.js';
import { countCorpora, type CountResult, type OnProgress } from './count.js';
import { buildManifest } from './manifest.js';
import { verifyDir, type VerifyReport } from '../verify/verify.js';
import { InvariantError } from '../errors.js';
import type { BuildSpec } from '../spec/spec.js';

/** Options of a build run that are not part of the spec (they do not change the bytes). */
export interface BuildRun {
  out: string;
  force: boolean;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  verify?: boolean; // run verify at the end (default true)
  recordTimings?: boolean; // write stage timings into manifest.json (breaks byte-identity)
}

/** What a build produced. */
export interface BuildResult {
  out: string;
  plan: Plan;
  count: CountResult;
  train: TrainResult;
  artefacts: Record<string, string>;
  timings: Record<string, number>;
  verify?: VerifyReport;
  baseName: string;
  baseSize: number;
}

/** Extra pieces trained beyond the target, as a reserve for unreachable ones. */
const RESERVE = 512;

/** Runs the full pipeline for `spec` into `run.out`. */
export async function build(spec: BuildSpec, run: BuildRun): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const base = loadBase(spec.base);
  checkSizes(base.model.pieces.length, spec);
  const staged = new StagedDir(run.out, run.force);
  try {
    lap('load_base');
    const count = await countCorpora(spec, run);
    lap('count');
    const need = spec.target - base.model.pieces.length;
    const train = trainContinued(base.model, count.counts, {
      maxPieces: need + RESERVE,
      characterCoverage: spec.characterCoverage,
      allowNonJapanese: spec.allowNonJapanese,
      maxPieceLength: spec.maxPieceLength,
      minPairCount: spec.minPairCount,
      signal: run.signal,
      onProgress: run.onProgress,
    });
    lap('train');
    const p = plan(base.model, train.pieces, spec);
    lap('plan');
    const artefacts = writeArtefacts(staged.dir, p.model, base, p.kinds);
    lap('write');
    let report: VerifyReport | undefined;
    if (run.verify !== false) {
      report = await verifyDir(staged.dir, { base, corpora: spec.corpora.map((c) => c.path), sample: 500, onProgress: run.onProgress });
      lap('verify');
      if (!report.ok) throw new InvariantError(`verify failed:\n${report.text}`);
    }
    const manifest = buildManifest({ spec, base, count, train, plan: p, artefacts, verify: report, timings: run.recordTimings ? timings : undefined });
    writeFileAtomic(staged.file('manifest.json'), jsonText(manifest));
    if (run.signal?.aborted) throw new InvariantError('interrupted before commit');
    staged.commit();
    return { out: run.out, plan: p, count, train, artefacts, timings, verify: report, baseName: base.name, baseSize: base.model.pieces.length };
  } catch (e) {
    staged.abort();
    throw e;
  }
}
