// tokext as a library: the whole job (build), its stages, verify, eval, curve, diff, the version
// store, init-embeddings and the workbench server, typed. The CLI (src/cli) is a shell over exactly these; everything
// else is internal (tests import it by path). Examples of each: README.md, "As a library".
//
//   import { build, defaultSpec } from 'tokext';
//   const r = await build({ ...defaultSpec([{ path: 'corpora/ja', weight: 1 }]), target: 120073, padTo: 120128 }, { out: 'out/ja-120k', force: false });

// The spec and errors
export {
  DEFAULTS,
  MAX_VOCAB,
  TOOL,
  buildSpecSchema,
  checkSpec,
  defaultSpec,
  type BuildSpec,
  type CorpusSource,
  type Policy,
} from './spec.js';
export {
  TokextError,
  UsageError,
  InputError,
  OutputError,
  InvariantError,
  InterruptedError,
  EXIT,
  exitCodeOf,
} from './errors.js';
export type { OnProgress, ProgressEvent, RunControl } from './progress.js';

// The whole job and its stages
export { build, type BuildRun, type BuildResult, type RecordedVersion } from './stages/build.js';
export { readIdMap, type IdMap, type IdSource } from './io/id-map-format.js';
export { TRAIN_RESERVE, type StageRun } from './stages/job.js';
export { countShard } from './stages/count.js';
export { trainPieces, trainStandalone } from './stages/train.js';
export { planPieces } from './stages/plan.js';
export { writePlan } from './stages/write.js';
export type { TrainedPiece, TrainResult } from './train/continued.js';
export type { CountResult } from './corpus/count.js';
export type { VocabView, Piece, PieceKind } from './vocab/model.js';

// Bases and tokenizers
export { BASE_NAMES, loadBase, loadTokenizer, type LoadedTokenizer } from './family/load.js';
export type { Base, Planned, PlanSpec } from './family/family.js';

// Checking and measuring
export { verifyDir, type Check, type VerifyOptions, type VerifyReport } from './family/verify.js';
export { evaluate, type EvalResult, type EvalTokenizerInfo } from './eval/eval.js';
export { renderReport as renderEvalReport } from './eval/report.js';
export type { EvalRow } from './eval/metrics.js';
export { curve, type CurvePoint, type CurveResult } from './curve/curve.js';
export { renderCurveReport } from './curve/report.js';
export { diffVocab, renderDiff, type DiffResult, type DiffSide } from './diff/diff.js';
export { diffVersions } from './diff/side.js';
export type { EfficiencyDiff } from './diff/efficiency.js';

// The version store
export { openStore, DEFAULT_DB, type Store } from './store/db.js';
export { listVersions, loadVersion, type VersionRecord, type VersionRow } from './store/versions.js';
export { importTokenizer, openRecorder, type Recorder } from './store/record.js';
export { exportVersion } from './store/export.js';
export { recordCurve, loadCurves, type StoredCurve, type CurveRun } from './store/curves.js';

// The workbench (tokext serve)
export { startServer, type ServeOptions, type RunningServer } from './serve/server.js';

// Model weights
export {
  initEmbeddings,
  INIT_DEFAULTS,
  type InitEmbeddingsOptions,
  type InitEmbeddingsResult,
  type InitRule,
} from './embed/grow.js';
