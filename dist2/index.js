// tokext as a library: the whole job (build), its stages, verify, eval, curve, diff, the version
// store and init-embeddings, typed. The CLI (src/cli) is a shell over exactly these; everything
// else is internal (tests import it by path). Examples of each: README.md, "As a library".
//
//   import { build, defaultSpec } from 'tokext';
//   const r = await build({ ...defaultSpec([{ path: 'corpora/ja', weight: 1 }]), target: 120073, padTo: 120128 }, { out: 'out/ja-120k', force: false });
// The spec and errors
export { DEFAULTS, MAX_VOCAB, TOOL, buildSpecSchema, checkSpec, defaultSpec, } from './spec.js';
export { TokextError, UsageError, InputError, OutputError, InvariantError, InterruptedError, EXIT, exitCodeOf, } from './errors.js';
// The whole job and its stages
export { build } from './stages/build.js';
export { TRAIN_RESERVE } from './stages/job.js';
export { countShard } from './stages/count.js';
export { trainPieces, trainStandalone } from './stages/train.js';
export { planPieces } from './stages/plan.js';
export { writePlan } from './stages/write.js';
// Bases and tokenizers
export { BASE_NAMES, loadBase, loadTokenizer } from './family/load.js';
// Checking and measuring
export { verifyDir } from './family/verify.js';
export { evaluate } from './eval/eval.js';
export { renderReport as renderEvalReport } from './eval/report.js';
export { curve } from './curve/curve.js';
export { renderCurveReport } from './curve/report.js';
export { diffVocab, renderDiff } from './diff/diff.js';
export { diffVersions } from './diff/side.js';
// The version store
export { openStore, DEFAULT_DB } from './store/db.js';
export { listVersions, loadVersion } from './store/versions.js';
export { importTokenizer, openRecorder } from './store/record.js';
export { exportVersion } from './store/export.js';
// Model weights
export { initEmbeddings, INIT_DEFAULTS, } from './embed/grow.js';
//# sourceMappingURL=index.js.map