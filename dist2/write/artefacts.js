// Writes the artefact set of one model into a directory (all from the same in-memory model).
import path from 'node:path';
import { tokenizerJson } from '../hf/tokenizer-json.js';
import { specialTokensMap, tokenizerConfig } from '../hf/configs.js';
import { embeddingInitText, sentencePieceInit } from './embedding-init.js';
import { writeModelProto } from '../spm/modelproto.js';
import { jsonText, sha256File, writeFileAtomic } from '../io/atomic.js';
import { ARTEFACTS } from '../io/manifest-format.js';
import { breathe } from '../progress.js';
/** Writes every artefact but the manifest; returns their sha256 by file name. */
export async function writeArtefacts(dir, model, base, // null: a standalone model, no embedding-init.json
kinds, run = {}) {
    await breathe(run.signal);
    writeFileAtomic(path.join(dir, 'tokenizer.json'), tokenizerJson(model));
    await breathe(run.signal);
    writeFileAtomic(path.join(dir, 'tokenizer.model'), writeModelProto(model));
    await breathe(run.signal);
    writeFileAtomic(path.join(dir, 'tokenizer_config.json'), jsonText(tokenizerConfig(model)));
    writeFileAtomic(path.join(dir, 'special_tokens_map.json'), jsonText(specialTokensMap(model)));
    if (base)
        writeFileAtomic(path.join(dir, 'embedding-init.json'), embeddingInitText(await sentencePieceInit(base, model, kinds, run.signal)));
    const sums = {};
    for (const name of ARTEFACTS) {
        await breathe(run.signal);
        if (base || name !== 'embedding-init.json')
            sums[name] = sha256File(path.join(dir, name));
    }
    return sums;
}
//# sourceMappingURL=artefacts.js.map