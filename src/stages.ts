// The build's stages one at a time, with files between them: count shards, train pieces (or a
// standalone model from scratch). Each bounded by the same memory plan as `build`.
import { countSpecOf } from './corpus/count.js';
import { writeCounts } from './corpus/counts-file.js';
import { checkNotAnInput, checkWritableFile, jsonText, writeFileAtomic } from './io/atomic.js';
import { MANIFEST_NAME, StagedDir } from './io/staged-dir.js';
import { planMemory, type MemoryPlan } from './memory.js';
import type { BuildSpec } from './options.js';
import { gatherChunks, noteMemory } from './pipeline.js';
import type { RunControl } from './progress.js';
import { trainContinued, type TrainedPiece } from './train/continued.js';
import { sentencePieceAlphabet } from './train/alphabet.js';
import { emptyBpeModel, trainFromScratch } from './train/scratch.js';
import { loadBase, pretokenizerFor } from './vocab/base.js';
import { writeArtefacts } from './write/artefacts.js';
import type { ReadStats } from './corpus/read.js';

/** Options every stage run shares. */
export interface StageRun extends RunControl {
  memory?: number | MemoryPlan; // bytes (default a third of RAM), or an explicit split
  tmpDir?: string;
}

/** `tokext count`: one count shard (Parquet) of the corpora of `spec`. */
export async function countShard(spec: BuildSpec, out: string, run: StageRun): Promise<{ chunks: number; records: number; skipped: ReadStats['skipped']; spills: number }> {
  checkWritableFile(out);
  checkNotAnInput(out, spec.corpora.map((c) => c.path));
  const base = loadBase(spec.base);
  const mem = planMemory(run.memory, base.model.pieces.length);
  noteMemory(mem, run);
  const c = await gatherChunks({ ...spec, counts: [] }, base, mem, run);
  try {
    await writeCounts(out, c.chunks, countSpecOf(pretokenizerFor(base, spec.splitByScript), spec.textField), c.files, c.stats.records, run);
    return { chunks: c.chunks.distinct, records: c.stats.records, skipped: c.stats.skipped, spills: c.spills };
  } finally {
    c.chunks.dispose();
  }
}

/** `tokext train`: the pieces continued training learns on top of the base (a pieces file). */
export async function trainPieces(spec: BuildSpec, out: string, extra: number, run: StageRun): Promise<{ pieces: TrainedPiece[] }> {
  checkWritableFile(out);
  checkNotAnInput(out, [...spec.corpora.map((c) => c.path), ...spec.counts]);
  const base = loadBase(spec.base);
  const mem = planMemory(run.memory, base.model.pieces.length);
  noteMemory(mem, run);
  const c = await gatherChunks(spec, base, mem, run);
  try {
    const r = await trainContinued(sentencePieceAlphabet(base.model, spec), c.chunks, { ...spec, maxPieces: spec.target - base.model.pieces.length + extra, memoryBytes: mem.train, signal: run.signal, onProgress: run.onProgress, onNote: run.onNote });
    writeFileAtomic(out, jsonText({ format: 'tokext.pieces/1', spec, inputs: c.files, reduction: r.reduction, pieces: r.pieces }));
    return { pieces: r.pieces };
  } finally {
    c.chunks.dispose();
  }
}

/** `tokext train --from-scratch`: a standalone SentencePiece-compatible BPE directory. */
export async function trainStandalone(spec: BuildSpec, vocabSize: number, out: string, force: boolean, run: StageRun): Promise<{ vocabSize: number }> {
  const staged = new StagedDir(out, { force, inputs: [...spec.corpora.map((c) => c.path), ...spec.counts] });
  const model = emptyBpeModel(vocabSize, spec.splitByScript);
  const base = { name: 'none', source: 'from-scratch', model };
  const mem = planMemory(run.memory, model.pieces.length);
  noteMemory(mem, run);
  try {
    const c = await gatherChunks(spec, base, mem, run);
    try {
      const t = await trainFromScratch(c.chunks, vocabSize, { ...spec, memoryBytes: mem.train, signal: run.signal, onProgress: run.onProgress, onNote: run.onNote });
      const sums = writeArtefacts(staged.dir, t.model, null, t.kinds);
      writeFileAtomic(staged.file(MANIFEST_NAME), jsonText({ format: 'tokext.manifest/1', mode: 'from-scratch', spec: { ...spec, vocabSize }, inputs: c.files, records: c.stats.records, distinct_chunks: c.chunks.distinct, reduction: t.reduction, vocab: { size: t.model.pieces.length }, artefacts: sums }));
      staged.commit();
      return { vocabSize: t.model.pieces.length };
    } finally {
      c.chunks.dispose();
    }
  } catch (e) {
    staged.abort();
    throw e;
  }
}
