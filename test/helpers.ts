// Shared test helpers: where ../shared/data is, temp dirs, and a visible skip when it is absent.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { VerifyRecord } from '../src/io/manifest-format.js';

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

/** What a CLI run gave. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Options of a CLI run; any of them makes it a run in a process of its own. */
export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  unprivileged?: boolean; // as root, run as nobody, so that unwritable paths are unwritable
}

/** Runs `bin/tokext.js` (dist/, compiled by the global setup) in a process of its own, as a user
 * does: the shell, its child, exit codes, signals. For tests of the process itself. */
export function cliProcess(args: string[], opts: CliOptions = {}): CliResult {
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

type Main = (argv: string[]) => Promise<number>;
let loadedMain: Main | undefined;

/** Text of what a stream was asked to write. */
const textOf = (chunk: unknown) =>
  typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');

/** Runs the CLI's `main` (dist/cli/main.js: the command line a process would run) in this process,
 * with stdout and stderr captured: what `tokext ARGS` prints and exits with, without starting two
 * Node processes and loading the library again for every line. One run at a time (it borrows
 * process.stdout and process.stderr). With `opts`, the run gets a process of its own (cliProcess). */
export async function cli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  if (opts.cwd !== undefined || opts.env !== undefined || opts.unprivileged) return cliProcess(args, opts);
  loadedMain ??= ((await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href)) as { main: Main }).main;
  const out: string[] = [];
  const err: string[] = [];
  const { stdout, stderr } = process;
  const [writeOut, writeErr] = [stdout.write.bind(stdout), stderr.write.bind(stderr)];
  const capture =
    (into: string[]) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      into.push(textOf(chunk));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  stdout.write = capture(out);
  stderr.write = capture(err);
  try {
    const status = await loadedMain(['node', BIN, ...args]);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.write = writeOut;
    stderr.write = writeErr;
  }
}

/** Entries of `dir` that are tokext temporaries (there should be none after any run). */
export function temporaries(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.startsWith('.tokext-tmp-'));
}

/** The arguments of the shared sample build (robustness's TARGET): no store, 32,100 entries. */
export const SAMPLE_BUILD_ARGS = ['build', '--no-db', '--corpus', SAMPLE, '--target', '32100', '--progress', 'none'];

/** The bundled bases with a shared sample build, and their ids. */
export const SAMPLE_BASES = { 'mistral-7b-v0.1': 32000, 'llama-3': 128256, qwen3: 151669, 'gemma-3': 262145 } as const;
export type SampleBase = keyof typeof SAMPLE_BASES;

/** The arguments of the shared sample build of `base`: Mistral's is SAMPLE_BUILD_ARGS; the others
 * have 300 new ids (the default padding then goes past Qwen3's and Gemma 3's checkpoint rows). */
export function sampleBuildArgs(base: SampleBase): string[] {
  if (base === 'mistral-7b-v0.1') return SAMPLE_BUILD_ARGS;
  return ['build', '--no-db', '--base', base, '--corpus', SAMPLE, '--target', String(SAMPLE_BASES[base] + 300)].concat([
    '--progress',
    'none',
  ]);
}

let digest: string | undefined;
/** A digest of the compiled CLI (dist/), so that a shared build made by older code is never reused. */
function distDigest(): string {
  if (digest !== undefined) return digest;
  const h = crypto.createHash('sha256');
  const dist = path.join(ROOT, 'dist');
  for (const f of (fs.readdirSync(dist, { recursive: true }) as string[]).filter((n) => n.endsWith('.js')).sort())
    h.update(f).update(fs.readFileSync(path.join(dist, f)));
  return (digest = h.digest('hex').slice(0, 16));
}

/** The output of `tokext ${sampleBuildArgs(base)}` (verified by the build, as every build is),
 * built once for all test workers and files (keyed by the dist/ digest and the arguments, a lock
 * directory keeping two workers from building it twice). READ ONLY: a test that changes a build
 * copies it first (copySampleBuild). */
export function sampleBuild(base: SampleBase = 'mistral-7b-v0.1'): string {
  const args = sampleBuildArgs(base);
  const key = crypto.createHash('sha256').update(distDigest()).update(JSON.stringify(args)).digest('hex').slice(0, 16);
  const cache = path.join(os.tmpdir(), `tokext-test-sample-build-${key}`);
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
      const r = cliProcess([...args, '--out', staged]);
      if (r.status !== 0) throw new Error(`the shared sample build failed (exit ${r.status}):\n${r.stderr}`);
      fs.renameSync(staged, cache);
      return cache;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** The checks the build's own verify recorded in the manifest of sampleBuild(base). */
export function sampleBuildChecks(base: SampleBase = 'mistral-7b-v0.1'): VerifyRecord['checks'] {
  const m = JSON.parse(fs.readFileSync(path.join(sampleBuild(base), 'manifest.json'), 'utf8')) as {
    verify: VerifyRecord;
  };
  return m.verify.checks;
}

/** A private copy of sampleBuild() at `to`, for a test that changes it. */
export function copySampleBuild(to: string, base: SampleBase = 'mistral-7b-v0.1'): string {
  fs.cpSync(sampleBuild(base), to, { recursive: true });
  return to;
}

const corpusRead = new Map<string, Promise<string[]>>();
/** The lines of corpus `p` (a file or directory, as tokext reads it), read once per worker (READ ONLY). */
export function corpusLines(p: string): Promise<string[]> {
  const once = async () => {
    const { emptyStats, listCorpusFiles, readCorpusFile } = await import('../src/corpus/read.js'); // only the tests that read corpora load it
    const out: string[] = [];
    for (const f of listCorpusFiles(p))
      await readCorpusFile(f, { textField: 'text', skipInvalid: false }, emptyStats(), (t) => {
        out.push(t);
      });
    return out;
  };
  if (!corpusRead.has(p)) corpusRead.set(p, once());
  return corpusRead.get(p)!;
}
