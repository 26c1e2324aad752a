// Regenerating a version's full directory from the store alone.
import { writeArtefacts } from '../write/artefacts.js';
import { jsonText, writeFileAtomic } from '../io/atomic.js';
import { MANIFEST_NAME, StagedDir, type StagedDirOptions } from '../io/staged-dir.js';
import { writeModelProto } from '../spm/modelproto.js';
import type { PieceKind } from '../vocab/model.js';
import type { VersionRecord } from './versions.js';
import { README_NAME, outputReadme } from '../write/readme.js';
import { importedManifest } from '../write/manifest.js';

/** Writes the version's artefacts into `out` (staged, renamed into place); returns file names. */
export async function exportVersion(v: VersionRecord, out: string, opts: StagedDirOptions): Promise<string[]> {
  const staged = new StagedDir(out, opts);
  try {
    const files: string[] = [];
    if (v.format === 'hf') {
      for (const [name, data] of Object.entries(v.files ?? {})) {
        writeFileAtomic(staged.file(name), data);
        files.push(name);
      }
      if (v.manifestText !== undefined) {
        writeFileAtomic(staged.file(MANIFEST_NAME), v.manifestText);
        writeFileAtomic(staged.file(README_NAME), outputReadme(JSON.parse(v.manifestText)));
        files.push(MANIFEST_NAME, README_NAME);
      }
    } else if (v.origin === 'build' && v.baseSize !== undefined) {
      const base = {
        name: v.baseName ?? 'base',
        model: { ...v.model, pieces: v.model.pieces.slice(0, v.baseSize), paddingIds: [] },
      };
      const sums = await writeArtefacts(staged.dir, v.model, base, v.kinds as PieceKind[]);
      files.push(...Object.keys(sums));
      if (v.manifestText !== undefined) {
        writeFileAtomic(staged.file(MANIFEST_NAME), v.manifestText);
        writeFileAtomic(staged.file(README_NAME), outputReadme(JSON.parse(v.manifestText)));
        files.push(MANIFEST_NAME, README_NAME);
      }
    } else {
      if (v.modelType === 'BPE')
        files.push(...Object.keys(await writeArtefacts(staged.dir, v.model, null, v.kinds as PieceKind[])));
      else {
        writeFileAtomic(staged.file('tokenizer.model'), writeModelProto(v.model));
        files.push('tokenizer.model');
      }
      const manifest = importedManifest({
        label: v.label,
        source: v.source,
        modelType: v.modelType,
        size: v.model.pieces.length,
      });
      writeFileAtomic(staged.file(MANIFEST_NAME), jsonText(manifest));
      writeFileAtomic(staged.file(README_NAME), outputReadme(manifest));
      files.push(MANIFEST_NAME, README_NAME);
    }
    staged.commit();
    return files;
  } catch (e) {
    staged.abort();
    throw e;
  }
}
