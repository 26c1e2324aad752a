// Shared test helpers: where ../shared/data is, temp dirs, and a visible skip when it is absent.
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
