// The last step of every output directory: manifest.json and the README made from it, then the
// staged directory renamed into place.
import { jsonText, writeFileAtomic } from '../io/atomic.js';
import { MANIFEST_NAME } from '../io/staged-dir.js';
import { README_NAME, outputReadme } from './readme.js';
/** Writes `manifest` (an object, or its text as recorded) and its README into `staged`, runs the
 * check, commits; returns the manifest's text. The caller aborts `staged` if this throws. */
export async function finishOutput(staged, manifest, o = {}) {
    const text = typeof manifest === 'string' ? manifest : jsonText(manifest);
    writeFileAtomic(staged.file(MANIFEST_NAME), text);
    writeFileAtomic(staged.file(README_NAME), outputReadme(JSON.parse(text)));
    await o.check?.();
    if (o.commit)
        o.commit(text);
    else
        staged.commit();
    return text;
}
/** The names finishOutput writes. */
export const FINISH_FILES = [MANIFEST_NAME, README_NAME];
//# sourceMappingURL=finish.js.map