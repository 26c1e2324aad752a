// `tokext write`: the write stage on its own, from a plan file to an output directory, checked
// by the build's own structural checks before it is renamed into place.
import { InputError, InvariantError } from '../errors.js';
import type { Base, Planned } from '../family/family.js';
import { loadBase } from '../family/load.js';
import { verifyDir } from '../family/verify.js';
import { StagedDir } from '../io/staged-dir.js';
import { policyOf, type BuildSpec } from '../spec.js';
import { checkSizes } from '../plan/choose.js';
import { badRow, rowOutsidePolicy } from '../plan/rows.js';
import { breathe, throwIfAborted, type RunControl } from '../progress.js';
import type { TrainedPiece } from '../train/continued.js';
import { finishOutput } from '../write/finish.js';
import { fromPlanManifest } from '../write/manifest.js';
import { specInputs } from './job.js';
import { idsInUse, newIds } from '../plan/choose.js';
import { refree } from '../family/free.js';
import { writeIdMap } from '../write/id-map.js';
import { planFileSchema, readStageFile } from './stage-files.js';

/** The plan a plan file's rows make, checked as input: the row count, ids, pieces against the base,
 * each other and the policy; a bad plan is an InputError naming the file and the row. */
async function planFromFile(
  planFile: string,
  f: { spec: BuildSpec; rows: (TrainedPiece & { id: number })[] },
  base: Base,
  run: RunControl,
): Promise<Planned> {
  const size = idsInUse(base);
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
  const ids = newIds(base, need);
  f.rows.forEach((r, k) => {
    if (r.id !== ids[k])
      throw new InputError(
        `row ${k} has id ${r.id}, expected ${ids[k]} (rows are the new ids in order: the freed ones, then after the base's ${base.size})`,
        planFile,
        undefined,
        hint,
      );
  });
  const rows = f.rows.map(({ id: _, ...t }) => t);
  await breathe(run.signal);
  const why = await badRow(base.rowRules(), rows, run);
  if (why !== undefined) throw new InputError(why, planFile, undefined, hint);
  const { planned, bad } = await base.planRows(rows, f.spec, run);
  if (bad.length > 0)
    throw new InputError(
      `${bad.length} planned pieces cannot be had with this base (${bad
        .slice(0, 3)
        .map((k) => `id ${ids[k]} ${JSON.stringify(rows[k]!.piece)}`)
        .join(', ')})`,
      planFile,
      undefined,
      hint,
    );
  const outside = await rowOutsidePolicy(base.rowRules(), rows, policyOf(f.spec), run);
  if (outside !== undefined) throw new InputError(outside, planFile, undefined, hint);
  return planned;
}

/** `tokext write`: the artefacts of a plan, checked by the build's own structural checks (verify
 * without corpora) before they are renamed into place, unless `run.verify` is false. */
export async function writePlan(
  planFile: string,
  out: string,
  force: boolean,
  run: RunControl & { verify?: boolean } = {},
): Promise<{ artefacts: Record<string, string> }> {
  const f = readStageFile(planFile, planFileSchema, 'plan file (tokext.plan/1)', 'make it with tokext plan');
  const original = loadBase(f.spec.base);
  const freed = f.freed ? refree(original, f.freed) : undefined;
  const base = freed?.base ?? original;
  await breathe(run.signal);
  const staged = new StagedDir(out, { force, inputs: [planFile, ...specInputs(f.spec)] });
  try {
    run.onProgress?.({ stage: 'plan', current: 0, total: 1 });
    const planned = await planFromFile(planFile, f, base, run);
    const { vocab, artefacts } = await planned.write(staged.dir, run);
    if (freed) Object.assign(artefacts, writeIdMap(staged.dir, freed.freeing, vocab));
    const manifest = fromPlanManifest({ spec: f.spec, base: original, format: vocab.format, planFile, artefacts });
    // The build's own checks, with the manifest in place (so its spec gives the layout, padding
    // names and policy, and the artefact hashes are checked too); no corpora.
    const check = async () => {
      const report = await verifyDir(staged.dir, {
        base: original,
        policy: policyOf(f.spec),
        llamaCpp: false,
        signal: run.signal,
        onProgress: run.onProgress,
        threads: run.threads,
      });
      if (!report.ok) throw new InvariantError(`verify failed on the written output of ${planFile}:\n${report.text}`);
      throwIfAborted(run.signal);
    };
    await finishOutput(staged, manifest, { check: run.verify === false ? undefined : check });
    return { artefacts };
  } catch (e) {
    staged.abort();
    throw e;
  }
}
