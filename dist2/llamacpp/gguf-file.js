// `tokext gguf`: a vocab-only GGUF of an output (a build directory or a stored version), as
// llama.cpp's converter would write its vocabulary, so that llama.cpp loads the extension as it is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { ggufBytes } from '../gguf/writer.js';
import { claimOutputFile } from '../io/output.js';
import { openStore } from '../store/db.js';
import { exportVersion } from '../store/export.js';
import { referenceInputs, resolveTokenizer } from '../store/resolve.js';
import { loadVersion } from '../store/versions.js';
import { ggufOfDir } from '../verify/gguf-of-dir.js';
/** A stored version as a directory: the version exported into a temporary one (removed by `done`). */
async function storedDir(ref, db) {
    const store = openStore(db, { readonly: true });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-gguf-'));
    const done = () => fs.rmSync(tmp, { recursive: true, force: true });
    try {
        const dir = path.join(tmp, 'v');
        await exportVersion(loadVersion(store, db, ref), dir, { force: false });
        return { dir, done };
    }
    catch (e) {
        done();
        throw e;
    }
    finally {
        store.close();
    }
}
/** Writes a vocab-only GGUF of `ref` (a build directory or a stored version) to `out`. */
export async function writeGgufOf(ref, out, o) {
    const output = claimOutputFile(out, { inputs: referenceInputs([ref], o.db), force: o.force, onNote: o.onNote });
    const r = resolveTokenizer(ref, o.db, 'build directory');
    if (r.kind === 'bundled')
        throw new UsageError(`${ref} is a bundled base, not an output`, 'pass a directory tokext built or a stored version label');
    const { dir, done } = r.kind === 'files' ? { dir: r.path, done: () => undefined } : await storedDir(ref, o.db);
    const name = r.kind === 'stored' ? r.version.label : undefined;
    try {
        const { kvs, vocab, architecture } = ggufOfDir(dir, {
            architecture: o.architecture,
            pre: o.pre,
            name,
            vocabSize: o.vocabSize,
        });
        output.write(ggufBytes(kvs));
        return { out, tokens: vocab.tokens.length, architecture, model: vocab.model, pre: vocab.pre };
    }
    finally {
        done();
    }
}
//# sourceMappingURL=gguf-file.js.map