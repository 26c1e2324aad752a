// verify: every invariant of DESIGN.md on a built directory, by the checks of its base's family.
import fs from 'node:fs';
import path from 'node:path';
import { ID_MAP_NAME, readIdMap } from '../io/id-map-format.js';
import { isStandalone } from '../io/manifest-format.js';
import { DEFAULTS } from '../spec.js';
import { llamaCpp } from '../verify/llamacpp-runtime.js';
import { manifestOf, type VerifyOptions, type VerifyReport } from '../verify/report.js';
import { verifySentencePiece } from '../verify/spm.js';
import type { Base } from './family.js';
import { refree } from './free.js';
import { loadBase } from './load.js';

export type { Check, VerifyOptions, VerifyReport } from '../verify/report.js';

/** Runs every check on `dir` against `opts.base` (default: the manifest's base, else Mistral); a
 * model trained from scratch is checked against its own specials and byte pieces. */
export async function verifyDir(dir: string, opts: VerifyOptions & { base?: Base } = {}): Promise<VerifyReport> {
  if (opts.llamaCpp !== false) void llamaCpp(); // started now, it is ready when the texts are encoded
  const manifest = manifestOf(dir);
  if (isStandalone(manifest)) return verifySentencePiece(dir, opts);
  const base = opts.base ?? loadBase(manifest?.spec?.base ?? DEFAULTS.base);
  const mapFile = path.join(dir, ID_MAP_NAME);
  if (!fs.existsSync(mapFile)) return base.verify(dir, opts);
  // freed base ids: every check against the base without the removed pieces, and the map's own
  const map = readIdMap(mapFile);
  const { base: reduced, freeing } = refree(base, { mode: map.mode, removed: map.removed.map((r) => r.id) });
  return reduced.verify(dir, opts, { map, original: { pieces: freeing.base.pieces, runtime: () => base.runtime() } });
}
