// The reference build jobs the benchmarks run, and the command line of one build.
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
