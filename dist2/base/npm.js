// Where an offline base came from: its npm package and the version installed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { InvariantError } from '../errors.js';
const require = createRequire(import.meta.url);
/** `npm:NAME@VERSION` of the installed package `pkg` (found from a file it contains). */
export function npmSource(pkg, file = require.resolve(pkg)) {
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const f = path.join(dir, 'package.json');
        if (!fs.existsSync(f))
            continue;
        const p = JSON.parse(fs.readFileSync(f, 'utf8'));
        if (p.name === pkg && p.version)
            return `npm:${pkg}@${p.version}`;
    }
    throw new InvariantError(`the package.json of ${pkg} was not found above ${file}`);
}
//# sourceMappingURL=npm.js.map