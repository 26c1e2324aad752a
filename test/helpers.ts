// Shared test helpers: where ../shared/data is, temp dirs, and a visible skip when it is absent.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHARED = path.resolve(ROOT, '..', 'shared', 'data');
export const HAS_SHARED = fs.existsSync(path.join(SHARED, 'mistral-7b-v0.1', 'tokenizer.model'));
if (!HAS_SHARED) console.warn(`SKIPPING tests that need ${SHARED}: folder not found (CI has it)`);

export const MISTRAL = path.join(SHARED, 'mistral-7b-v0.1');
export const CORPORA = path.join(SHARED, 'corpora');

/** A fresh temporary directory. */
export function tmpDir(prefix = 'tokext-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The golden encodings of the base. */
export function golden(): { text: string; ids: number[]; decoded: string }[] {
  return fs
    .readFileSync(path.join(MISTRAL, 'golden', 'encodings.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

export const BIN = path.join(ROOT, 'bin', 'tokext.js');
export const SAMPLE = path.join(ROOT, 'corpora', 'sample');

/** Runs the CLI (dist/, compiled by the global setup) and returns status, stdout and stderr. */
export function cli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; unprivileged?: boolean } = {},
): SpawnSyncReturns<string> {
  // As root, permissions do not apply: run as nobody so that unwritable paths are unwritable.
  const asNobody = opts.unprivileged && process.getuid?.() === 0;
  const cmd = asNobody ? 'setpriv' : process.execPath;
  const argv = asNobody
    ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args]
    : [BIN, ...args];
  return spawnSync(cmd, argv, {
    encoding: 'utf8',
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? process.env,
    maxBuffer: 1 << 26,
  });
}

/** Entries of `dir` that are tokext temporaries (there should be none after any run). */
export function temporaries(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.startsWith('.tokext-tmp-'));
}

/** The arguments of the shared sample build (robustness's TARGET): no store, 32,100 entries. */
export const SAMPLE_BUILD_ARGS = ['build', '--no-db', '--corpus', SAMPLE, '--target', '32100', '--progress', 'none'];

/** A digest of the compiled CLI (dist/), so that a shared build made by older code is never reused. */
function distDigest(): string {
  const h = crypto.createHash('sha256');
  const dist = path.join(ROOT, 'dist');
  for (const f of (fs.readdirSync(dist, { recursive: true }) as string[]).filter((n) => n.endsWith('.js')).sort())
    h.update(f).update(fs.readFileSync(path.join(dist, f)));
  return h.update(JSON.stringify(SAMPLE_BUILD_ARGS)).digest('hex').slice(0, 16);
}

/** The output of `tokext ${SAMPLE_BUILD_ARGS}`, built once for all test workers (keyed by the dist/
 * digest, a lock directory keeping two workers from building it twice). READ ONLY: a test that
 * changes a build copies it first (copySampleBuild). */
export function sampleBuild(): string {
  const cache = path.join(os.tmpdir(), `tokext-test-sample-build-${distDigest()}`);
  const lock = `${cache}.lock`;
  const wait = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (;;) {
    if (fs.existsSync(cache)) return cache;
    try {
      fs.mkdirSync(lock);
    } catch {
      // another worker builds it; a lock older than the hook timeout is a killed worker's
      if (Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 300_000)
        fs.rmSync(lock, { recursive: true, force: true });
      wait(200);
      continue;
    }
    try {
      if (fs.existsSync(cache)) return cache;
      const staged = path.join(lock, 'out');
      const r = cli([...SAMPLE_BUILD_ARGS, '--out', staged]);
      if (r.status !== 0) throw new Error(`the shared sample build failed (exit ${r.status}):\n${r.stderr}`);
      fs.renameSync(staged, cache);
      return cache;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** A private copy of sampleBuild() at `to`, for a test that changes it. */
export function copySampleBuild(to: string): string {
  fs.cpSync(sampleBuild(), to, { recursive: true });
  return to;
}
