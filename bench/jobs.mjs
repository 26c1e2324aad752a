// The reference build jobs the benchmarks run, the command line of one build, and a scratch
// checkout of an earlier commit to run against.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const shared = path.resolve(root, '..', 'shared', 'data', 'corpora');

/** Job → base, target size and the least ja-eval-jglue chars/token it must reach. */
export const JOBS = {
  mistral: { base: 'mistral-7b-v0.1', target: 120073, minJa: 2.0 },
  'llama-3': { base: 'llama-3', target: 160256, minJa: 2.0 },
  qwen3: { base: 'qwen3', target: 183669, minJa: 2.0 },
  'llm-jp-v3.1': {
    base: path.join(shared, '..', 'tokenizers', 'llm-jp-tokenizer', 'llm-jp-tokenizer-100k.ver3.1.model'),
    target: 118452,
    minJa: 2.1,
  },
  rinna: {
    base: path.join(shared, '..', 'tokenizers', 'rinna-japanese-gpt2', 'google_sp.model'),
    target: 40000,
    minJa: 1.5,
  },
};

/** The default training corpora of the jobs. */
export const TRAINING_CORPORA = [path.join(shared, 'ja-train-aozora'), path.join(shared, 'ja-train-wikipedia')];

/** `tokext build` arguments (after node) for a job's build with the checkout at `dir`. */
export function buildArgs(dir, { base, target }, corpora, out, threads) {
  return [
    path.join(dir, 'bin', 'tokext.js'),
    'build',
    '--base',
    base,
    '--target',
    String(target),
    ...corpora.flatMap((c) => ['--corpus', c]),
    '--out',
    out,
    '--no-db',
    '--progress',
    'none',
    '--json',
    ...(threads ? ['--threads', threads] : []),
  ];
}

/** A scratch checkout of `ref` (a commit, tag or branch), compiled, sharing this checkout's node_modules. */
export function checkoutOf(ref) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-against-'));
  const sh = (cmd, cmdArgs, opts = {}) => {
    const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
    if (r.status !== 0) {
      console.error(`bench: ${cmd} ${cmdArgs.join(' ')} failed:\n${r.stderr}`);
      process.exit(2);
    }
    return r.stdout;
  };
  const commit = sh('git', ['-C', root, 'rev-parse', '--short', ref]).trim();
  sh('bash', ['-c', `git -C "${root}" archive "${commit}" | tar -x -C "${dir}"`]);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  sh(process.execPath, [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    path.join(dir, 'tsconfig.json'),
  ]);
  return { dir, commit };
}

/** The distinct trainable chunks of `text` (Mistral's pretokenisation), in tasks of 4,096 as the
 * trainer's segmentation workers take them, with the checkout at `dir`'s encoder and its
 * `segmentTask` (train/words.js); with `coverage`, the encoder first gains the characters the
 * trainer would add at that coverage (train/coverage.js), as training's words have them; without
 * `splitByScript`, chunks are cut at punctuation as the build's default is. */
export async function chunkTasks(dir, text, { coverage, splitByScript = true } = {}) {
  const lib = (p) => import(path.join(dir, 'dist', ...p.split('/')));
  const { loadMistralFromPackage } = await lib('base/sentencepiece.js');
  const { sentencePieceAlphabet } = await lib('train/alphabet.js');
  const { sentencePiecePretokenizer, chunkStrings } = await lib('corpus/pretokenize.js');
  const { segmentTask } = await lib('train/words.js');
  const enc = sentencePieceAlphabet(loadMistralFromPackage().model, { allowNonJapanese: false, maxPieceLength: 16 });
  const p = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript });
  const counts = new Map();
  for (const line of text.split('\n')) for (const c of chunkStrings(p, line)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const chunks = [...counts.keys()].filter((c) => enc.rule.trainsOn(c));
  if (coverage !== undefined) {
    const { coverageChars } = await lib('train/coverage.js');
    const charCounts = new Float64Array(0x110000);
    for (const c of chunks) for (const ch of c) charCounts[ch.codePointAt(0)] += counts.get(c);
    for (const { ch } of coverageChars(charCounts, coverage, enc.rule.char).chars) if (!enc.has(ch)) enc.addChar(ch);
  }
  const tasks = [];
  for (let i = 0; i < chunks.length; i += 4096) {
    const kept = chunks.slice(i, i + 4096);
    const ends = new Int32Array(kept.length);
    let at = 0;
    kept.forEach((c, k) => (ends[k] = at += c.length));
    tasks.push({ text: kept.join(''), ends, counts: Float64Array.from(kept, (c) => counts.get(c)) });
  }
  return { chunks: chunks.length, tasks, segment: (t) => segmentTask(enc, t) };
}

/** The median of an array of numbers. */
export const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
