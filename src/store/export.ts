// Regenerating a version's full directory from the store alone.
import { writeArtefacts } from '../build/write.js';
import { StagedDir, jsonText, writeFileAtomic } from '../io/atomic.js';
import { tokenizerJson } from '../hf/tokenizer-json.js';
import { specialTokensMap, tokenizerConfig } from '../hf/configs.js';
import { writeModelProto } from '../spm/modelproto.js';
import type { PieceKind } from '../vocab/model.js';
import type { VersionRecord } from './versions.js';

/** Writes the version's artefacts into `out` (staged, renamed into place); returns file names. */
export function exportVersion(v: VersionRecord, out: string, force: boolean): string[] {
  const staged = new StagedDir(out, force);
  try {
    const files: string[] = [];
    if (v.origin === 'build' && v.baseSize !== undefined) {
      const base = { name: v.baseName ?? 'base', model: { ...v.model, pieces: v.model.pieces.slice(0, v.baseSize), paddingIds: [] } };
      const sums = writeArtefacts(staged.dir, v.model, base, v.kinds as PieceKind[]);
      files.push(...Object.keys(sums));
      if (v.manifestText !== undefined) {
        writeFileAtomic(staged.file('manifest.json'), v.manifestText);
        files.push('manifest.json');
      }
    } else {
      writeFileAtomic(staged.file('tokenizer.model'), writeModelProto(v.model));
      files.push('tokenizer.model');
      if (v.modelType === 'BPE') {
        writeFileAtomic(staged.file('tokenizer.json'), tokenizerJson(v.model));
        writeFileAtomic(staged.file('tokenizer_config.json'), jsonText(tokenizerConfig(v.model)));
        writeFileAtomic(staged.file('special_tokens_map.json'), jsonText(specialTokensMap(v.model)));
        files.push('tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json');
      }
      writeFileAtomic(staged.file('manifest.json'), jsonText({ format: 'tokext.manifest/1', imported: { label: v.label, source: v.source, model_type: v.modelType }, vocab: { size: v.model.pieces.length } }));
      files.push('manifest.json');
    }
    staged.commit();
    return files;
  } catch (e) {
    staged.abort();
    throw e;
  }
}
