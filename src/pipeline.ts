// The whole job: count, train, plan, write, verify; outputs staged and renamed into place.
import { BASE_NAMES, baseSize, pretokenizerFor, type BaseTokenizer } from './vocab/base.js';
import { loadBase } from './vocab/load.js';
import { checkSizes } from './plan/plan.js';
import { alphabetFor, writeExtension } from './extend.js';
import type { VocabView } from './vocab/model.js';
import { trainContinued, type TrainResult } from './train/continued.js';
import { jsonText, writeFileAtomic } from './io/atomic.js';
import { MANIFEST_NAME, StagedDir } from './io/staged-dir.js';
import { countCorpora, loadCounts, type CountResult } from './corpus/count.js';
import { checkTmpDir } from './corpus/spill.js';
import { formatSize, memoryNotes, memorySchema, planMemory, type MemoryPlan } from './memory.js';
import { buildManifest } from './write/manifest.js';
import { README_NAME, outputReadme } from './write/readme.js';
import { verifyDir, type VerifyReport } from './verify/verify.js';
import { InvariantError } from './errors.js';
import { throwIfAborted, type RunControl } from './progress.js';
import { z } from 'zod';
import {
  aFunction,
  checkAs,
  checkSpec,
  nonEmptyText,
  policyOf,
  specNotes,
  trueOrFalse,
  type BuildSpec,
  type CoversKeys,
} from './options.js';

/** A version recorded together with the commit (see BuildRun.record). */
export interface RecordedVersion {
  id: number;
  label: string;
}

/** Options of a build run that are not part of the spec (they do not change the bytes). */
export interface BuildRun extends RunControl {
  out: string;
  force: boolean;
  memory?: number | MemoryPlan; // the process's memory budget in bytes (default: a third of RAM), or an explicit split; counting spills and training reduces to fit
  tmpDir?: string; // where counting spills (default: the OS temporary directory)
  verify?: boolean; // run verify at the end (default true)
  recordTimings?: boolean; // write stage timings into manifest.json (breaks byte-identity)
  inputs?: string[]; // further paths the run reads or writes (the store): never inside a directory --force replaces
  /**
   * Makes committing the output part of one outcome with another change (a store record):
   * called with the finished build; must call `swapIn` inside its own transaction. If it
   * throws, the output is rolled back and nothing is left.
   */
  record?: (r: BuildResult, manifestText: string, swapIn: () => void, dir: string) => RecordedVersion;
}

/** What a build produced. */
export interface BuildResult {
  out: string;
  vocab: VocabView;
  count: CountResult;
  train: TrainResult;
  artefacts: Record<string, string>;
  timings: Record<string, number>;
  memory: MemoryPlan;
  verify?: VerifyReport;
  baseName: string;
  baseSize: number;
  recorded?: RecordedVersion;
  notes: string[]; // things the user should know (temporaries of dead runs removed, …)
}

/** Lines per corpus file the build's own verify encodes. */
const BUILD_VERIFY_SAMPLE = 500;

/** Extra pieces trained beyond the target, as a reserve for unreachable ones. */
export const TRAIN_RESERVE = 512;

/** How many new pieces to train for `spec` on a base of `size` ids: the target's, the share to
 * prune, and a reserve for unreachable ones. */
export function piecesToTrain(
  spec: Pick<BuildSpec, 'target' | 'prune'>,
  size: number,
  reserve = TRAIN_RESERVE,
): number {
  const need = spec.target - size;
  return need + Math.ceil(need * spec.prune) + reserve;
}

/** Counts the corpora (or sums the count shards) of `spec` within the plan's table budget. */
export async function gatherChunks(
  spec: BuildSpec,
  base: BaseTokenizer,
  mem: MemoryPlan,
  run: RunControl & { tmpDir?: string },
): Promise<CountResult> {
  const pretokenizer = pretokenizerFor(base, spec.splitByScript);
  const o = {
    textField: spec.textField,
    tableBytes: mem.countTable,
    tmpDir: run.tmpDir,
    signal: run.signal,
    onProgress: run.onProgress,
    onNote: run.onNote,
  };
  const r =
    spec.counts.length > 0
      ? await loadCounts(pretokenizer, spec.counts, o)
      : await countCorpora(pretokenizer, {
          ...o,
          corpora: spec.corpora,
          skipInvalid: spec.skipInvalid,
          balance: spec.balance,
        });
  if (r.spills > 0)
    run.onNote?.(
      `counting spilled to disk ${r.spills} time(s) (${formatSize(r.chunks.spilledBytes)}); the counts stay exact`,
    );
  return r;
}

/** The paths a run of `spec` reads: corpora, count shards and a base given as a path. */
export function specInputs(spec: Partial<Pick<BuildSpec, 'corpora' | 'counts'>> & Pick<BuildSpec, 'base'>): string[] {
  return [
    ...(spec.corpora ?? []).map((c) => c.path),
    ...(spec.counts ?? []),
    ...(BASE_NAMES.includes(spec.base) ? [] : [spec.base]),
  ];
}

/** Announces the budget, as the user should see it before any long work (and warns of one the machine cannot honour). */
export function noteMemory(mem: MemoryPlan, run: RunControl): void {
  run.onNote?.(
    `memory budget ${formatSize(mem.budget)}${mem.source === 'default' ? " (a third of this machine's RAM; set it with --memory)" : ''}`,
  );
  for (const n of memoryNotes(mem)) run.onNote?.(n);
}

/** Renames the staged output into place; with a store, records the version in the same outcome
 * (the directory is swapped in inside the store's transaction and rolled back if it fails). */
function commitOutput(
  staged: StagedDir,
  result: BuildResult,
  manifestText: string,
  run: BuildRun,
): RecordedVersion | undefined {
  if (!run.record) {
    staged.commit();
    return undefined;
  }
  let recorded: RecordedVersion;
  try {
    recorded = run.record(
      result,
      manifestText,
      () => {
        throwIfAborted(run.signal);
        staged.swapIn();
      },
      staged.dir,
    );
  } catch (e) {
    staged.rollback();
    throw e;
  }
  staged.finish();
  return recorded;
}

/** What `build` accepts as its run (checked at its entry, so a bad run is a UsageError naming the field). */
const buildRunSchema = z.strictObject(
  {
    out: nonEmptyText,
    force: trueOrFalse,
    memory: memorySchema.optional(),
    tmpDir: nonEmptyText.optional(),
    verify: trueOrFalse.optional(),
    recordTimings: trueOrFalse.optional(),
    inputs: z.array(nonEmptyText, { error: 'must be an array of paths' }).optional(),
    record: aFunction.optional(),
    signal: z.instanceof(AbortSignal, { error: 'must be an AbortSignal' }).optional(),
    onProgress: aFunction.optional(),
    onNote: aFunction.optional(),
  },
  { error: 'must be an object (a BuildRun: { out, force, ... })' },
);
/** Every BuildRun field has its rule above (tsc fails here when one is added to BuildRun and not to the schema). */
const _runCovered: CoversKeys<BuildRun, z.infer<typeof buildRunSchema>> = true;

/** Runs the full pipeline for `spec` into `run.out`. */
export async function build(spec: BuildSpec, run: BuildRun): Promise<BuildResult> {
  checkSpec(spec);
  checkAs(buildRunSchema, run, 'run');
  for (const n of specNotes(spec)) run.onNote?.(n);
  if (run.tmpDir !== undefined) checkTmpDir(run.tmpDir);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const base = loadBase(spec.base);
  const size = baseSize(base);
  checkSizes(size, spec);
  const memory = planMemory(run.memory, size);
  const inputs = [...specInputs(spec), ...(run.inputs ?? [])];
  const staged = new StagedDir(run.out, { force: run.force, inputs });
  const notes = staged.removedStale.map(
    (p) => `removed ${p}, the temporary directory of an earlier run that did not finish`,
  );
  let count: CountResult | undefined;
  try {
    noteMemory(memory, run);
    lap('load_base');
    count = await gatherChunks(spec, base, memory, run);
    lap('count');
    const train = await trainContinued(alphabetFor(base, spec), count.chunks, {
      maxPieces: piecesToTrain(spec, size),
      characterCoverage: spec.characterCoverage,
      minPairCount: spec.minPairCount,
      memoryBytes: memory.train,
      signal: run.signal,
      onProgress: run.onProgress,
      onNote: run.onNote,
    });
    count.chunks.dispose();
    lap('train');
    throwIfAborted(run.signal);
    const { vocab, artefacts } = await writeExtension(staged.dir, base, train.pieces, spec, run);
    lap('plan_write');
    let report: VerifyReport | undefined;
    if (run.verify !== false) {
      report = await verifyDir(staged.dir, {
        base,
        policy: policyOf(spec),
        corpora: spec.corpora.map((c) => c.path),
        textField: spec.textField,
        sample: BUILD_VERIFY_SAMPLE,
        beforeManifest: true,
        signal: run.signal,
        onProgress: run.onProgress,
      });
      lap('verify');
      if (!report.ok) throw new InvariantError(`verify failed:\n${report.text}`);
    }
    const manifest = buildManifest({
      spec,
      base,
      count,
      train,
      vocab,
      artefacts,
      verify: report,
      timings: run.recordTimings ? timings : undefined,
    });
    const manifestText = jsonText(manifest);
    writeFileAtomic(staged.file(MANIFEST_NAME), manifestText);
    writeFileAtomic(staged.file(README_NAME), outputReadme(manifest));
    const result: BuildResult = {
      out: run.out,
      vocab,
      count,
      train,
      artefacts,
      timings,
      memory,
      verify: report,
      baseName: base.name,
      baseSize: size,
      notes,
    };
    throwIfAborted(run.signal);
    result.recorded = commitOutput(staged, result, manifestText, run);
    return result;
  } catch (e) {
    staged.abort();
    throw e;
  } finally {
    count?.chunks.dispose();
  }
}
