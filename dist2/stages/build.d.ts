import type { CountResult } from '../corpus/count.js';
import { type VerifyReport } from '../family/verify.js';
import { type MemoryPlan } from '../memory.js';
import { type BuildSpec } from '../spec.js';
import type { TrainResult } from '../train/continued.js';
import type { VocabView } from '../vocab/model.js';
import { type StageRun } from './job.js';
/** A version recorded together with the commit (see BuildRun.record). */
export interface RecordedVersion {
    id: number;
    label: string;
}
/** Options of a build run that are not part of the spec (they do not change the bytes). */
export interface BuildRun extends StageRun {
    out: string;
    force: boolean;
    verify?: boolean;
    recordTimings?: boolean;
    inputs?: string[];
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
    notes: string[];
}
/** Runs the whole job for `spec` into `run.out`: the stages in one process, the counts and the
 * trained pieces kept in memory between them. */
export declare function build(spec: BuildSpec, run: BuildRun): Promise<BuildResult>;
