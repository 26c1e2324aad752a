import type { ReadStats } from '../corpus/read.js';
import { type BuildSpec } from '../spec.js';
import { type StageRun } from './job.js';
/** `tokext count`: one count shard (Parquet) of the corpora of `spec`. */
export declare function countShard(spec: BuildSpec, out: string, run: StageRun): Promise<{
    chunks: number;
    records: number;
    skipped: ReadStats['skipped'];
    spills: number;
}>;
