// Regenerating a version's full directory from the store alone.
import { writeArtefacts } from '../write/artefacts.js';
import { writeFileAtomic } from '../io/atomic.js';
import { StagedDir, type StagedDirOptions } from '../io/staged-dir.js';
import { writeModelProto } from '../spm/modelproto.js';
import type { PieceKind } from '../vocab/model.js';
import type { VersionRecord } from './versions.js';
import { FINISH_FILES, finishOutput } from '../write/finish.js';
import { importedManifest } from '../write/manifest.js';

/** Writes the tokenizer files of `v` into `dir`; returns their names. */
async function writeTokenizerFiles(v: VersionRecord, dir: StagedDir): Promise<string[]> {
  if (v.format === 'hf' || Object.keys(v.files ?? {}).length > 0) {
    for (const [name, data] of Object.entries(v.files ?? {})) writeFileAtomic(dir.file(name), data);
    return Object.keys(v.files ?? {});
  }
  if (v.origin === 'build' && v.baseSize !== undefined) {
    const base = {
      name: v.baseName ?? 'base',
      model: { ...v.model, pieces: v.model.pieces.slice(0, v.baseSize), paddingIds: [] },
    };
    return Object.keys(await writeArtefacts(dir.dir, v.model, base, v.kinds as PieceKind[]));
  }
  if (v.modelType === 'BPE') return Object.keys(await writeArtefacts(dir.dir, v.model, null, v.kinds as PieceKind[]));
  writeFileAtomic(dir.file('tokenizer.model'), writeModelProto(v.model));
  return ['tokenizer.model'];
}

/** The manifest an exported version carries: the recorded one of a build, else one saying what it is. */
function manifestOf(v: VersionRecord): object | string | undefined {
  if (v.format === 'hf' || (v.origin === 'build' && v.baseSize !== undefined)) return v.manifestText;
  return importedManifest({ label: v.label, source: v.source, modelType: v.modelType, size: v.model.pieces.length });
}

/** Writes the version's artefacts into `out` (staged, renamed into place); returns file names. */
export async function exportVersion(v: VersionRecord, out: string, opts: StagedDirOptions): Promise<string[]> {
  const staged = new StagedDir(out, opts);
  try {
    const files = await writeTokenizerFiles(v, staged);
    const manifest = manifestOf(v);
    if (manifest === undefined) staged.commit();
    else {
      await finishOutput(staged, manifest);
      files.push(...FINISH_FILES);
    }
    return files;
  } catch (e) {
    staged.abort();
    throw e;
  }
}
