// llama.cpp as a runtime: node-llama-cpp's prebuilt CPU binary, which is not a dependency of tokext
// (its default install pulls every GPU variant, ~700 MB). `npm run setup:llama-cpp` installs the
// pinned version and the CPU binary alone into .llama-cpp/ beside package.json; TOKEXT_LLAMA_CPP
// points at another install. Without one, whoever asks is told it is missing, and how to add it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
/** The node-llama-cpp release tokext checks with (newer ones break `npm ci` here). */
export const LLAMA_CPP_VERSION = '3.21.1';
/** The command that installs it. */
export const LLAMA_CPP_SETUP = 'npm run setup:llama-cpp';
/** An environment variable naming another install: node-llama-cpp's package directory, or a prefix holding node_modules/node-llama-cpp. */
export const LLAMA_CPP_ENV = 'TOKEXT_LLAMA_CPP';
/** Where the setup script installs it, relative to tokext's package root. */
export const LLAMA_CPP_PREFIX = '.llama-cpp';
/** tokext's package root (src/verify or dist/verify, two levels up). */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The package directories node-llama-cpp is looked for in, in order: where TOKEXT_LLAMA_CPP
 * points (only there, when it is set), else the setup script's prefix, else tokext's node_modules. */
export function llamaCppCandidates(env = process.env[LLAMA_CPP_ENV]) {
    const inPrefix = (p) => path.join(p, 'node_modules', 'node-llama-cpp');
    return env ? [env, inPrefix(env)] : [inPrefix(path.join(ROOT, LLAMA_CPP_PREFIX)), inPrefix(ROOT)];
}
/** The package.json of `dir`, if it is node-llama-cpp's. */
function packageOf(dir) {
    try {
        const p = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
        return p.name === 'node-llama-cpp' ? p : undefined;
    }
    catch {
        return undefined;
    }
}
/** Finds node-llama-cpp, checks its version and starts llama.cpp on the CPU, silently. */
async function startLlamaCpp() {
    const how = `${LLAMA_CPP_SETUP}, or set ${LLAMA_CPP_ENV}`;
    const found = llamaCppCandidates()
        .map((dir) => ({ dir, pkg: packageOf(dir) }))
        .find((c) => c.pkg !== undefined);
    if (!found?.pkg)
        return { skipped: `node-llama-cpp ${LLAMA_CPP_VERSION} is not installed (${how})` };
    const { dir, pkg } = found;
    if (pkg.version !== LLAMA_CPP_VERSION)
        return {
            skipped: `node-llama-cpp ${pkg.version} at ${dir} is not ${LLAMA_CPP_VERSION}, the version tokext checks with (${how})`,
        };
    try {
        const entry = path.join(dir, pkg.exports?.['.']?.import ?? 'dist/index.js');
        const m = (await import(pathToFileURL(entry).href));
        const llama = await m.getLlama({ gpu: false, build: 'never', logLevel: m.LlamaLogLevel.error, logger: () => { } });
        return { llama, version: pkg.version, dir };
    }
    catch (e) {
        const why = e.message.split('\n')[0];
        return {
            skipped: `node-llama-cpp ${pkg.version} at ${dir} cannot start llama.cpp (${why}); reinstall it (${how})`,
        };
    }
}
let started;
/** llama.cpp, started once per process, or why it cannot be. */
export function llamaCpp() {
    started ??= startLlamaCpp();
    return started;
}
//# sourceMappingURL=llamacpp-runtime.js.map