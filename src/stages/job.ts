// What every stage shares: the base and memory budget a run works within, counting the corpora,
// continued training over the counts, and the paths a run reads.
import { countCorpora, loadCounts, type CountResult } from '../corpus/count.js';
import { checkTmpDir } from '../corpus/spill.js';
import type { Base } from '../family/family.js';
import { BASE_NAMES, loadBase } from '../family/load.js';
import { formatSize, memoryNotes, memoryBudget, type MemoryPlan } from '../memory.js';
import { freeModeOf, type BuildSpec } from '../spec.js';
import { checkFreeSizes, checkSizes, idsInUse } from '../plan/choose.js';
import { controlOf, type RunControl } from '../progress.js';
import { untrained, type TrainResult } from '../train/continued.js';

/** Options every stage run shares. */
export interface StageRun extends RunControl {
  memory?: number | MemoryPlan; // bytes (default a third of RAM), or an explicit split
  tmpDir?: string; // where counting spills (default: the OS temporary directory)
  force?: boolean; // replace an existing output tokext did not write
}

/** A run's base and the memory plan over it. */
export interface Job {
  base: Base;
  memory: MemoryPlan;
}

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

/** The paths a run of `spec` reads: corpora, count shards and a base given as a path. */
export function specInputs(
  spec: Partial<Pick<BuildSpec, 'corpora' | 'counts' | 'keepCorpora'>> & Pick<BuildSpec, 'base'>,
): string[] {
  return [
    ...(spec.corpora ?? []).map((c) => c.path),
    ...(spec.keepCorpora ?? []),
    ...(spec.counts ?? []),
    ...(BASE_NAMES.includes(spec.base) ? [] : [spec.base]),
  ];
}

/** Loads the base of `spec` (or makes it with `make`) and plans the run's memory over it;
 * `sized`: the spec's target and padding must fit the base. */
export function openJob(spec: BuildSpec, run: StageRun, sized: boolean, make = () => loadBase(spec.base)): Job {
  if (run.tmpDir !== undefined) checkTmpDir(run.tmpDir);
  const base = make();
  if (sized && freeModeOf(spec)) checkFreeSizes(spec, base.size);
  else if (sized) checkSizes(base.size, spec);
  return { base, memory: memoryBudget(run.memory, base.size) };
}

/** Announces the budget, as the user should see it before any long work (and warns of one the machine cannot honour). */
export function noteMemory(mem: MemoryPlan, run: RunControl): void {
  run.onNote?.(
    `memory budget ${formatSize(mem.budget)}${mem.source === 'default' ? " (a third of this machine's RAM; set it with --memory)" : ''}`,
  );
  for (const n of memoryNotes(mem)) run.onNote?.(n);
}

/** The count stage: counts the corpora (or sums the count shards) of `spec` within the plan's table budget. */
export async function countChunks(spec: BuildSpec, job: Job, run: StageRun): Promise<CountResult> {
  const pretokenizer = job.base.pretokenizer(spec.splitByScript);
  const o = {
    textField: spec.textField,
    tableBytes: job.memory.countTable,
    tmpDir: run.tmpDir,
    ...controlOf(run),
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

/** The train stage: new pieces learned over the base (as its family learns them), `reserve` beyond what the spec needs. */
export function trainOnCounts(
  spec: BuildSpec,
  job: Job,
  count: CountResult,
  run: StageRun,
  reserve = TRAIN_RESERVE,
): Promise<TrainResult> {
  const used = idsInUse(job.base);
  if (spec.target === used) return Promise.resolve(untrained()); // a trim to exactly the target
  return job.base.train(count.chunks, spec, {
    maxPieces: piecesToTrain(spec, used, reserve),
    characterCoverage: spec.characterCoverage,
    minPairCount: spec.minPairCount,
    memoryBytes: job.memory.train,
    ...controlOf(run),
  });
}
