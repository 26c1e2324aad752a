// The build's stages one at a time, with files between them: count shards, train pieces (or a
// standalone model from scratch). Each bounded by the same memory plan as `build`.
import { countSpecOf } from './corpus/count.js';
import { writeCounts } from './corpus/counts-file.js';
import { jsonText, writeFileAtomic } from './io/atomic.js';
import { claimOutputFile } from './io/output.js';
import { MANIFEST_NAME, StagedDir } from './io/staged-dir.js';
import { planMemory, type MemoryPlan } from './memory.js';
import { checkSpec, policyOf, type BuildSpec } from './options.js';
import { checkTmpDir } from './corpus/spill.js';
import { gatherChunks, noteMemory, piecesToTrain, specInputs } from './pipeline.js';
import { breathe, throwIfAborted, type RunControl } from './progress.js';
import { trainContinued, type TrainedPiece } from './train/continued.js';
import { alphabetFor, planExtension, planOfRows, writePlanned, type ExtensionPlan } from './extend.js';
import { checkSizes } from './plan/plan.js';
import { readJsonFile } from './io/json.js';
import { parseAs } from './io/validate.js';
import { z } from 'zod';
import { InputError, InvariantError } from './errors.js';
import { badRow, rowOutsidePolicy } from './plan/rows.js';
import { verifyDir } from './verify/verify.js';
import { standaloneBase, trainFromScratch } from './train/scratch.js';
import { baseSize, pretokenizerFor, type BaseTokenizer } from './vocab/base.js';
import { loadBase } from './vocab/load.js';
import { writeArtefacts } from './write/artefacts.js';
import { README_NAME, outputReadme } from './write/readme.js';
import { fromPlanManifest, fromScratchManifest } from './write/manifest.js';
import type { ReadStats } from './corpus/read.js';

/** Options every stage run shares. */
export interface StageRun extends RunControl {
  memory?: number | MemoryPlan; // bytes (default a third of RAM), or an explicit split
  tmpDir?: string;
  force?: boolean; // replace an existing output file tokext did not write
}

/** `tokext count`: one count shard (Parquet) of the corpora of `spec`. */
export async function countShard(
  spec: BuildSpec,
  out: string,
  run: StageRun,
): Promise<{ chunks: number; records: number; skipped: ReadStats['skipped']; spills: number }> {
  checkSpec(spec);
  claimOutputFile(out, { inputs: specInputs(spec), force: run.force, onNote: run.onNote });
  if (run.tmpDir !== undefined) checkTmpDir(run.tmpDir);
  const base = loadBase(spec.base);
  const mem = planMemory(run.memory, baseSize(base));
  noteMemory(mem, run);
  const c = await gatherChunks({ ...spec, counts: [] }, base, mem, run);
  try {
    await writeCounts(
      out,
      c.chunks,
      countSpecOf(pretokenizerFor(base, spec.splitByScript)),
      c.files,
      c.stats.records,
      run,
    );
    return { chunks: c.chunks.distinct, records: c.stats.records, skipped: c.stats.skipped, spills: c.spills };
  } finally {
    c.chunks.dispose();
  }
}

/** `tokext train`: the pieces continued training learns on top of the base (a pieces file). */
export async function trainPieces(
  spec: BuildSpec,
  out: string,
  extra: number,
  run: StageRun,
): Promise<{ pieces: TrainedPiece[] }> {
  checkSpec(spec);
  const output = claimOutputFile(out, { inputs: specInputs(spec), force: run.force, onNote: run.onNote });
  if (run.tmpDir !== undefined) checkTmpDir(run.tmpDir);
  const base = loadBase(spec.base);
  const size = baseSize(base);
  checkSizes(size, spec);
  const mem = planMemory(run.memory, size);
  noteMemory(mem, run);
  const c = await gatherChunks(spec, base, mem, run);
  try {
    const r = await trainContinued(alphabetFor(base, spec), c.chunks, {
      ...spec,
      maxPieces: piecesToTrain(spec, size, extra),
      memoryBytes: mem.train,
      signal: run.signal,
      onProgress: run.onProgress,
      onNote: run.onNote,
    });
    output.write(
      jsonText({ format: 'tokext.pieces/1', spec, inputs: c.files, reduction: r.reduction, pieces: r.pieces }),
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
  const base = standaloneBase(vocabSize, spec.splitByScript);
  const mem = planMemory(run.memory, base.model.pieces.length);
  noteMemory(mem, run);
  try {
    const c = await gatherChunks(spec, base, mem, run);
    try {
      const t = await trainFromScratch(c.chunks, vocabSize, {
        ...spec,
        memoryBytes: mem.train,
        signal: run.signal,
        onProgress: run.onProgress,
        onNote: run.onNote,
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
      writeFileAtomic(staged.file(MANIFEST_NAME), jsonText(manifest));
      writeFileAtomic(staged.file(README_NAME), outputReadme(manifest));
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

/** A trained piece as pieces and plan files hold it. */
const pieceSchema = z.object({
  piece: z.string().min(1),
  kind: z.enum(['new-char', 'new-merge']),
  count: z.number().nonnegative(),
  merge: z.tuple([z.string(), z.string()]).optional(),
  uses: z.number().nonnegative().optional(),
});
/** The spec fields a stage file must carry (the rest is kept as written). */
const specSchema = z.looseObject({
  base: z.string().min(1),
  target: z.int().positive(),
  padTo: z.int().positive(),
  padPrefix: z.string().min(1),
  prune: z.number().nonnegative().default(0),
  allowNonJapanese: z.boolean(),
});
const piecesFileSchema = z.looseObject({
  format: z.literal('tokext.pieces/1'),
  spec: specSchema,
  pieces: z.array(pieceSchema),
});
const planFileSchema = z.looseObject({
  format: z.literal('tokext.plan/1'),
  spec: specSchema,
  rows: z.array(pieceSchema.extend({ id: z.int().nonnegative() })),
});

function readStageFile<S extends typeof piecesFileSchema | typeof planFileSchema>(
  file: string,
  schema: S,
  what: string,
  hint: string,
): z.infer<S> & { spec: BuildSpec } {
  return parseAs(schema, readJsonFile(file, hint), file, what, hint) as z.infer<S> & { spec: BuildSpec };
}

/** `tokext plan`: the trained pieces that fill exactly --target ids (reachable ones), padding to --pad-to. */
export async function planPieces(
  piecesFile: string,
  out: string,
  overrides: { target?: number; padTo?: number; force?: boolean },
  run: RunControl = {},
): Promise<{ rows: number; dropped: number }> {
  const f = readStageFile(piecesFile, piecesFileSchema, 'pieces file (tokext.pieces/1)', 'make it with tokext train');
  const output = claimOutputFile(out, {
    inputs: [piecesFile, ...specInputs(f.spec)],
    force: overrides.force,
    onNote: run.onNote,
  });
  const spec = { ...f.spec, target: overrides.target ?? f.spec.target, padTo: overrides.padTo ?? f.spec.padTo };
  const base = loadBase(spec.base);
  await breathe(run.signal);
  const size = baseSize(base);
  run.onProgress?.({ stage: 'plan', current: 0, total: 1 });
  const p = await planExtension(base, f.pieces, spec, run);
  const rows = p.chosen.map((t, k) => ({ id: size + k, ...t }));
  const text = jsonText({ format: 'tokext.plan/1', spec, dropped: p.dropped, padding: spec.padTo - spec.target, rows });
  throwIfAborted(run.signal);
  output.write(text);
  return { rows: rows.length, dropped: p.dropped.length };
}

/** The plan a plan file's rows make, checked as input: the row count, ids, pieces against the base,
 * each other and the policy; a bad plan is an InputError naming the file and the row. */
async function planFromFile(
  planFile: string,
  f: { spec: BuildSpec; rows: (TrainedPiece & { id: number })[] },
  base: BaseTokenizer,
  run: RunControl,
): Promise<ExtensionPlan> {
  const size = baseSize(base);
  const hint = 'plan again with tokext plan';
  checkSizes(size, f.spec);
  const need = f.spec.target - size;
  if (f.rows.length !== need) {
    throw new InputError(
      `has ${f.rows.length} rows but --target ${f.spec.target} over the base's ${size} ids needs ${need} (one per new id)`,
      planFile,
      undefined,
      hint,
    );
  }
  f.rows.forEach((r, k) => {
    if (r.id !== size + k)
      throw new InputError(
        `row ${k} has id ${r.id}, expected ${size + k} (rows are the new ids in order after the base's ${size})`,
        planFile,
        undefined,
        hint,
      );
  });
  const rows = f.rows.map(({ id: _, ...t }) => t);
  await breathe(run.signal);
  const why = await badRow(base, rows, run);
  if (why !== undefined) throw new InputError(why, planFile, undefined, hint);
  const { planned, bad } = await planOfRows(base, rows, f.spec, run);
  if (bad.length > 0)
    throw new InputError(
      `${bad.length} planned pieces cannot be had with this base (${bad
        .slice(0, 3)
        .map((k) => `id ${size + k} ${JSON.stringify(rows[k]!.piece)}`)
        .join(', ')})`,
      planFile,
      undefined,
      hint,
    );
  const outside = await rowOutsidePolicy(base, rows, policyOf(f.spec), run);
  if (outside !== undefined) throw new InputError(outside, planFile, undefined, hint);
  return planned;
}

/** `tokext write`: the artefacts of a plan, checked by the build's own structural checks (verify
 * without corpora) before they are renamed into place. */
export async function writePlan(
  planFile: string,
  out: string,
  force: boolean,
  run: RunControl = {},
): Promise<{ artefacts: Record<string, string> }> {
  const f = readStageFile(planFile, planFileSchema, 'plan file (tokext.plan/1)', 'make it with tokext plan');
  const base = loadBase(f.spec.base);
  await breathe(run.signal);
  const staged = new StagedDir(out, { force, inputs: [planFile, ...specInputs(f.spec)] });
  try {
    run.onProgress?.({ stage: 'plan', current: 0, total: 1 });
    const planned = await planFromFile(planFile, f, base, run);
    const { vocab, artefacts } = await writePlanned(staged.dir, base, planned, run);
    const manifest = fromPlanManifest({ spec: f.spec, base, format: vocab.format, planFile, artefacts });
    writeFileAtomic(staged.file(MANIFEST_NAME), jsonText(manifest));
    writeFileAtomic(staged.file(README_NAME), outputReadme(manifest));
    // The build's own checks, with the manifest in place (so its spec gives the layout, padding
    // names and policy, and the artefact hashes are checked too); no corpora.
    const report = await verifyDir(staged.dir, {
      base,
      policy: policyOf(f.spec),
      signal: run.signal,
      onProgress: run.onProgress,
    });
    if (!report.ok) throw new InvariantError(`verify failed on the written output of ${planFile}:\n${report.text}`);
    throwIfAborted(run.signal);
    staged.commit();
    return { artefacts };
  } catch (e) {
    staged.abort();
    throw e;
  }
}
