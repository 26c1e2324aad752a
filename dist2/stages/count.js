// `tokext count`: the count stage on its own, its counts written as a shard.
import { countSpecOf } from '../corpus/count.js';
import { writeCounts } from '../corpus/counts-file.js';
import { claimOutputFile } from '../io/output.js';
import { checkSpec } from '../spec.js';
import { countChunks, noteMemory, openJob, specInputs } from './job.js';
/** `tokext count`: one count shard (Parquet) of the corpora of `spec`. */
export async function countShard(spec, out, run) {
    checkSpec(spec);
    claimOutputFile(out, { inputs: specInputs(spec), force: run.force, onNote: run.onNote });
    const job = openJob(spec, run, false);
    noteMemory(job.memory, run);
    const c = await countChunks({ ...spec, counts: [] }, job, run);
    try {
        const countSpec = countSpecOf(job.base.pretokenizer(spec.splitByScript));
        await writeCounts(out, c.chunks, countSpec, c.files, c.stats.records, run);
        return { chunks: c.chunks.distinct, records: c.stats.records, skipped: c.stats.skipped, spills: c.spills };
    }
    finally {
        c.chunks.dispose();
    }
}
//# sourceMappingURL=count.js.map