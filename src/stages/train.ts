// `tokext train`: the count and train stages, the trained pieces written as a pieces file; and
// `tokext train --from-scratch`, a standalone model.
import { jsonText } from '../io/atomic.js';
import { claimOutputFile } from '../io/output.js';
import { StagedDir } from '../io/staged-dir.js';
import { standaloneFamily } from '../family/load.js';
import { checkSpec, type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import { trainFromScratch } from '../train/scratch.js';
import { writeArtefacts } from '../write/artefacts.js';
import { finishOutput } from '../write/finish.js';
import { fromScratchManifest } from '../write/manifest.js';
import { countChunks, noteMemory, openJob, specInputs, trainOnCounts, type StageRun } from './job.js';
import { PIECES_FORMAT } from './stage-files.js';
import { freeBaseIds } from './free.js';
import { freedRecord } from '../family/free.js';
import { controlOf } from '../progress.js';

/** `tokext train`: the pieces continued training learns on top of the base (a pieces file), with
 * `extra` pieces beyond the target as a reserve. */
export async function trainPieces(
  spec: BuildSpec,
  out: string,
  extra: number,
  run: StageRun,
): Promise<{ pieces: TrainedPiece[] }> {
  checkSpec(spec);
  const output = claimOutputFile(out, { inputs: specInputs(spec), force: run.force, onNote: run.onNote });
  const job = openJob(spec, run, true);
  noteMemory(job.memory, run);
  const c = await countChunks(spec, job, run);
  try {
    const { job: on, freeing } = await freeBaseIds(spec, job, c, run);
    const r = await trainOnCounts(spec, on, c, run, extra);
    const freed = freeing ? { freed: freedRecord(freeing) } : {};
    output.write(
      jsonText({ format: PIECES_FORMAT, spec, ...freed, inputs: c.files, reduction: r.reduction, pieces: r.pieces }),
    );
    return { pieces: r.pieces };
  } finally {
    c.chunks.dispose();
  }
}

/** `tokext train --from-scratch`: a standalone SentencePiece-compatible BPE directory. */
export async function trainStandalone(
  spec: BuildSpec,
  vocabSize: number,
  out: string,
  force: boolean,
  run: StageRun,
): Promise<{ vocabSize: number }> {
  checkSpec(spec);
  const staged = new StagedDir(out, { force, inputs: specInputs(spec) });
  const job = openJob(spec, run, false, () => standaloneFamily(vocabSize, spec.splitByScript));
  noteMemory(job.memory, run);
  try {
    const c = await countChunks(spec, job, run);
    try {
      const t = await trainFromScratch(c.chunks, vocabSize, {
        ...spec,
        memoryBytes: job.memory.train,
        ...controlOf(run),
      });
      const sums = await writeArtefacts(staged.dir, t.model, null, t.kinds, run);
      const manifest = fromScratchManifest({
        spec,
        vocabSize,
        count: c,
        reduction: t.reduction,
        size: t.model.pieces.length,
        artefacts: sums,
      });
      await finishOutput(staged, manifest);
      return { vocabSize: t.model.pieces.length };
    } finally {
      c.chunks.dispose();
    }
  } catch (e) {
    staged.abort();
    throw e;
  }
}
