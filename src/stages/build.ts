// The whole job, as the composition of the stages `count`, `train`, `plan` and `write` also run:
// count, train, plan, write, verify, finish; the output staged and renamed into place.
import { z } from 'zod';
import type { CountResult } from '../corpus/count.js';
import { InvariantError, UsageError } from '../errors.js';
import { verifyDir, type VerifyReport } from '../family/verify.js';
import { StagedDir } from '../io/staged-dir.js';
import { memorySchema, type MemoryPlan } from '../memory.js';
import {
  aFunction,
  checkAs,
  checkSpec,
  nonEmptyText,
  policyOf,
  specNotes,
  runControlShape,
  trueOrFalse,
  type BuildSpec,
  type CoversKeys,
} from '../spec.js';
import { throwIfAborted } from '../progress.js';
import type { TrainResult } from '../train/continued.js';
import type { VocabView } from '../vocab/model.js';
import { finishOutput } from '../write/finish.js';
import { buildManifest } from '../write/manifest.js';
import { countChunks, noteMemory, openJob, specInputs, trainOnCounts, type StageRun } from './job.js';
import { freeBaseIds } from './free.js';
import { writeIdMap } from '../write/id-map.js';

/** A version recorded together with the commit (see BuildRun.record). */
export interface RecordedVersion {
  id: number;
  label: string;
}

/** Options of a build run that are not part of the spec (they do not change the bytes). */
export interface BuildRun extends StageRun {
  out: string;
  force: boolean;
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

/** The error of a build whose own verify failed: a keep corpus that lost more than --max-keep-loss
 * is the user's choice to revisit; any other failure is tokext's bug. */
function verifyFailure(report: VerifyReport): Error {
  const failed = report.checks.filter((c) => !c.ok);
  if (failed.every((c) => c.name === 'keep-loss'))
    return new UsageError(
      `freeing base ids costs the keep corpora too much: ${failed[0]!.examples?.join('; ') ?? failed[0]!.detail}`,
      'free fewer ids (--replace, --trim-to), add the text that lost to --keep-corpus, or raise --max-keep-loss',
    );
  return new InvariantError(`verify failed:\n${report.text}`);
}

/** Renames the staged output into place; with a store, records the version in the same outcome
 * (the directory is swapped in inside the store's transaction and rolled back if it fails). */
function commitOutput(staged: StagedDir, result: BuildResult, manifestText: string, run: BuildRun): void {
  if (!run.record) {
    staged.commit();
    return;
  }
  try {
    result.recorded = run.record(
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
    ...runControlShape,
  },
  { error: 'must be an object (a BuildRun: { out, force, ... })' },
);
/** Every BuildRun field has its rule above (tsc fails here when one is added to BuildRun and not to the schema). */
const _runCovered: CoversKeys<BuildRun, z.infer<typeof buildRunSchema>> = true;

/** Runs the whole job for `spec` into `run.out`: the stages in one process, the counts and the
 * trained pieces kept in memory between them. */
export async function build(spec: BuildSpec, run: BuildRun): Promise<BuildResult> {
  checkSpec(spec);
  checkAs(buildRunSchema, run, 'run');
  for (const n of specNotes(spec)) run.onNote?.(n);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const opened = openJob(spec, run, true);
  const { memory } = opened;
  const staged = new StagedDir(run.out, { force: run.force, inputs: [...specInputs(spec), ...(run.inputs ?? [])] });
  const notes = staged.removedStale.map(
    (p) => `removed ${p}, the temporary directory of an earlier run that did not finish`,
  );
  let count: CountResult | undefined;
  try {
    noteMemory(memory, run);
    lap('load_base');
    count = await countChunks(spec, opened, run);
    lap('count');
    const { job, freeing } = await freeBaseIds(spec, opened, count, run);
    if (freeing) lap('free');
    const base = job.base;
    const train = await trainOnCounts(spec, job, count, run);
    count.chunks.dispose();
    lap('train');
    throwIfAborted(run.signal);
    const planned = await base.plan(train.pieces, spec, run);
    const { vocab, artefacts } = await planned.write(staged.dir, run);
    if (freeing) Object.assign(artefacts, writeIdMap(staged.dir, freeing, vocab));
    lap('plan_write');
    let report: VerifyReport | undefined;
    if (run.verify !== false) {
      report = await verifyDir(staged.dir, {
        base: opened.base,
        policy: policyOf(spec),
        corpora: spec.corpora.map((c) => c.path),
        textField: spec.textField,
        sample: BUILD_VERIFY_SAMPLE,
        ...(spec.keepCorpora ? { keepCorpora: spec.keepCorpora } : {}),
        ...(spec.maxKeepLoss !== undefined ? { maxKeepLoss: spec.maxKeepLoss } : {}),
        beforeManifest: true,
        llamaCpp: false,
        signal: run.signal,
        onProgress: run.onProgress,
        threads: run.threads,
      });
      lap('verify');
      if (!report.ok) throw verifyFailure(report);
    }
    const manifest = buildManifest({
      spec,
      base: opened.base,
      count,
      train,
      vocab,
      artefacts,
      verify: report,
      timings: run.recordTimings ? timings : undefined,
    });
    const result: BuildResult = {
      out: run.out,
      vocab,
      count,
      train,
      artefacts,
      timings,
      memory,
      verify: report,
      baseName: opened.base.name,
      baseSize: opened.base.size,
      notes,
    };
    await finishOutput(staged, manifest, {
      commit: (text) => {
        throwIfAborted(run.signal);
        commitOutput(staged, result, text, run);
      },
    });
    return result;
  } catch (e) {
    staged.abort();
    throw e;
  } finally {
    count?.chunks.dispose();
  }
}
