import { type CountResult } from '../corpus/count.js';
import { type BuildSpec } from '../spec.js';
import type { Freeing } from '../write/id-map.js';
import type { Base } from '../family/family.js';
import type { Job, StageRun } from './job.js';
import type { FreedRecord } from './stage-files.js';
/** The base without the pieces a stage file records as freed, and what freeing did. */
export declare function refree(base: Base, record: FreedRecord): {
    base: Base;
    freeing: Freeing;
};
/** What a stage file records of freeing: the mode and the removed old ids. */
export declare function freedRecord(f: Freeing): FreedRecord;
/** The job on the base without the pieces the spec frees, and what freeing did (undefined when
 * the spec frees nothing). */
export declare function freeBaseIds(spec: BuildSpec, job: Job, count: CountResult, run: StageRun): Promise<{
    job: Job;
    freeing?: Freeing;
}>;
