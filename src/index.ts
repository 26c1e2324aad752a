// tokext as a library: the whole job (build), its stages, verify, eval, curve, diff, the version
// store and init-embeddings, typed. The CLI (src/cli) is a shell over exactly these.
//
//   import { build, defaultSpec } from 'tokext';
//   const r = await build({ ...defaultSpec([{ path: 'corpora/ja', weight: 1 }]), target: 120073, padTo: 120128 }, { out: 'out/ja-120k', force: false });

// Options and results
export {
  DEFAULTS,
  MAX_VOCAB,
  TOOL,
  buildSpecSchema,
  checkSpec,
  defaultSpec,
  defaultPadTo,
  padToken,
  type BuildSpec,
  type CorpusSource,
} from './options.js';
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
export {
  build,
  piecesToTrain,
  TRAIN_RESERVE,
  type BuildRun,
  type BuildResult,
  type RecordedVersion,
} from './pipeline.js';
export { countShard, trainPieces, trainStandalone, planPieces, writePlan, type StageRun } from './stages.js';
export { countCorpora, countTexts, loadCounts, type CountResult, type CountOptions } from './corpus/count.js';
export { trainContinued, type TrainedPiece, type TrainOptions, type TrainResult } from './train/continued.js';
export { planExtension, planOfRows, writePlanned, writeExtension, alphabetFor, type ExtensionPlan } from './extend.js';
export type { VocabView } from './vocab/model.js';
export { pruneToSize, type Pruned } from './plan/prune.js';

// Bases
export {
  baseSize,
  baseModel,
  BASE_NAMES,
  pretokenizerFor,
  type BaseTokenizer,
  type SentencePieceBase,
  type HfBase,
} from './vocab/base.js';
export { loadBase, loadTokenizer, type LoadedTokenizer } from './vocab/load.js';

// Checking and measuring
export { verifyDir, type Check, type VerifyOptions, type VerifyReport } from './verify/verify.js';
export { evaluate, type EvalResult, type EvalTokenizerInfo } from './eval/eval.js';
export { renderReport as renderEvalReport } from './eval/report.js';
export { renyiEfficiency, RENYI_ALPHA, type EvalRow } from './eval/metrics.js';
export { SCRIPTS, type ScriptClass } from './corpus/unicode.js';
export {
  curve,
  curveSizes,
  prefixTokenizerJson,
  KNEE_SHARE,
  type CurvePoint,
  type CurveResult,
} from './curve/curve.js';
export { renderCurveReport } from './curve/report.js';
export { diffVocab, renderDiff, compareMerges, type DiffResult, type DiffSide } from './diff/diff.js';

// The version store
export { openStore, DEFAULT_DB, type Store } from './store/db.js';
export { listVersions, loadVersion, recordVersion, type VersionRecord, type VersionRow } from './store/versions.js';
export { importTokenizer, openRecorder, type Recorder } from './store/record.js';
export { exportVersion } from './store/export.js';
export { resolveTokenizer, type Resolved } from './store/resolve.js';
export { resolveSide, diffVersions } from './diff/side.js';
export { efficiencyDiff, remapTable, type EfficiencyDiff } from './diff/efficiency.js';

// Model weights
export {
  initEmbeddings,
  INIT_DEFAULTS,
  type InitEmbeddingsOptions,
  type InitEmbeddingsResult,
  type InitRule,
} from './embed/init.js';
export { EMBEDDING_TENSORS } from './write/embedding-init.js';
