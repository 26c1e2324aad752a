import { type CountResult } from '../corpus/count.js';
import type { Base } from '../family/family.js';
import { type MemoryPlan } from '../memory.js';
import { type BuildSpec } from '../spec.js';
import type { RunControl } from '../progress.js';
import { type TrainResult } from '../train/continued.js';
/** Options every stage run shares. */
export interface StageRun extends RunControl {
    memory?: number | MemoryPlan;
    tmpDir?: string;
    force?: boolean;
}
/** A run's base and the memory plan over it. */
export interface Job {
    base: Base;
    memory: MemoryPlan;
}
/** Extra pieces trained beyond the target, as a reserve for unreachable ones. */
export declare const TRAIN_RESERVE = 512;
/** How many new pieces to train for `spec` on a base of `size` ids: the target's, the share to
 * prune, and a reserve for unreachable ones. */
export declare function piecesToTrain(spec: Pick<BuildSpec, 'target' | 'prune'>, size: number, reserve?: number): number;
/** The paths a run of `spec` reads: corpora, count shards and a base given as a path. */
export declare function specInputs(spec: Partial<Pick<BuildSpec, 'corpora' | 'counts' | 'keepCorpora'>> & Pick<BuildSpec, 'base'>): string[];
/** Loads the base of `spec` (or makes it with `make`) and plans the run's memory over it;
 * `sized`: the spec's target and padding must fit the base. */
export declare function openJob(spec: BuildSpec, run: StageRun, sized: boolean, make?: () => Base): Job;
/** Announces the budget, as the user should see it before any long work (and warns of one the machine cannot honour). */
export declare function noteMemory(mem: MemoryPlan, run: RunControl): void;
/** The count stage: counts the corpora (or sums the count shards) of `spec` within the plan's table budget. */
export declare function countChunks(spec: BuildSpec, job: Job, run: StageRun): Promise<CountResult>;
/** The train stage: new pieces by continued BPE over the base, `reserve` beyond what the spec needs. */
export declare function trainOnCounts(spec: BuildSpec, job: Job, count: CountResult, run: StageRun, reserve?: number): Promise<TrainResult>;
