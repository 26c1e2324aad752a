// `tokext plan`: the plan stage on its own, from a pieces file to a plan file.
import { loadBase } from '../family/load.js';
import { jsonText } from '../io/atomic.js';
import { claimOutputFile } from '../io/output.js';
import { breathe, throwIfAborted, type RunControl } from '../progress.js';
import { specInputs } from './job.js';
import { newIds } from '../plan/choose.js';
import { refree } from '../family/free.js';
import { PLAN_FORMAT, piecesFileSchema, readStageFile } from './stage-files.js';

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
  const original = loadBase(spec.base);
  const base = f.freed ? refree(original, f.freed).base : original;
  await breathe(run.signal);
  run.onProgress?.({ stage: 'plan', current: 0, total: 1 });
  const p = await base.plan(f.pieces, spec, run);
  const ids = newIds(base, p.chosen.length);
  const rows = p.chosen.map((t, k) => ({ id: ids[k]!, ...t }));
  const freed = f.freed ? { freed: f.freed } : {};
  const text = jsonText({
    format: PLAN_FORMAT,
    spec,
    ...freed,
    dropped: p.dropped,
    padding: spec.padTo - spec.target,
    rows,
  });
  throwIfAborted(run.signal);
  output.write(text);
  return { rows: rows.length, dropped: p.dropped.length };
}
