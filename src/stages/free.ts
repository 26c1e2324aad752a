// The freeing stage of --replace / --trim-to: count the keep corpora, measure how much each base
// piece is used on them and on the training corpus, choose the pieces that go (leaf closure),
// and continue with the base without them.
import { countCorpora, type CountResult } from '../corpus/count.js';
import type { ChunkSet } from '../corpus/chunk-store.js';
import { chooseFreed } from '../plan/free.js';
import { usageOf } from '../plan/usage.js';
import { freeModeOf, type BuildSpec } from '../spec.js';
import type { Freeing } from '../write/id-map.js';
import { refree } from '../family/free.js';
import type { Job, StageRun } from './job.js';

/** Counts each keep corpus on its own (its usage share is its own). */
async function countKeepCorpora(spec: BuildSpec, job: Job, run: StageRun): Promise<ChunkSet[]> {
  const sets: ChunkSet[] = [];
  const pretokenizer = job.base.pretokenizer(spec.splitByScript);
  try {
    for (const path of spec.keepCorpora ?? []) {
      const r = await countCorpora(pretokenizer, {
        corpora: [{ path, weight: 1 }],
        textField: spec.textField,
        skipInvalid: spec.skipInvalid,
        balance: 1,
        tableBytes: job.memory.countTable,
        tmpDir: run.tmpDir,
        signal: run.signal,
        onNote: run.onNote,
      });
      sets.push(r.chunks);
    }
    return sets;
  } catch (e) {
    for (const s of sets) s.dispose();
    throw e;
  }
}

/** The job on the base without the pieces the spec frees, and what freeing did (undefined when
 * the spec frees nothing). */
export async function freeBaseIds(
  spec: BuildSpec,
  job: Job,
  count: CountResult,
  run: StageRun,
): Promise<{ job: Job; freeing?: Freeing }> {
  const mode = freeModeOf(spec);
  if (!mode) return { job };
  const base = job.base;
  const keep = await countKeepCorpora(spec, job, run);
  try {
    run.onProgress?.({ stage: 'free', current: 0, total: 1 });
    const usage = await usageOf(base.alphabet(spec), [count.chunks, ...keep], base.size, run.signal);
    const { model, merges } = base.asModel();
    const n = spec.replace ?? base.size - spec.trimTo!;
    const removed = chooseFreed({ pieces: model.pieces, merges, byteLevel: base.byteLevel, ...usage }, n);
    run.onNote?.(
      `${mode === 'trim' ? 'trimmed' : 'freed'} ${n.toLocaleString('en-US')} base pieces (leaf pieces the corpora need least)`,
    );
    const r = refree(base, { mode, removed });
    return { job: { ...job, base: r.base }, freeing: r.freeing };
  } finally {
    for (const s of keep) s.dispose();
  }
}
