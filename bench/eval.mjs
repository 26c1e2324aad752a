// Benchmark of tokext eval: 5 tokenizers on ~5 MB of text (Japanese and English), median of
// --runs runs. Target: under a minute. Usage: npm run bench:eval -- [--runs N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.resolve(root, '..', 'shared', 'data');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-eval-'));
// ~5 MB corpus: all of ja-eval-jglue and en-tinyshakespeare, then Wikipedia sentences.
const parts = [
  'corpora/ja-eval-jglue/jcommonsenseqa_questions.txt',
  'corpora/ja-eval-jglue/yjcaptions_sentences.txt',
  'corpora/en-tinyshakespeare/tinyshakespeare.txt',
  'corpora/ja-train-wikipedia/wac_sentences.txt',
  'corpora/ja-train-wikipedia/jaquad_contexts.txt',
];
let text = '';
for (const p of parts) {
  text += fs.readFileSync(path.join(data, p), 'utf8');
  if (Buffer.byteLength(text) >= 5_000_000) break;
}
const buf = Buffer.from(text).subarray(0, 5_000_000);
const cut = buf.lastIndexOf(10);
fs.writeFileSync(path.join(tmp, 'bench5mb.txt'), buf.subarray(0, cut + 1));
const toks = [
  'mistral-7b-v0.1',
  'tokenizers/llama-2/tokenizer.model',
  'tokenizers/llm-jp-tokenizer/llm-jp-tokenizer-100k.ver3.1.model',
  'tokenizers/llm-jp-tokenizer/code10K_en20K_ja30K.ver2.2.model',
  'tokenizers/rinna-japanese-gpt2/google_sp.model',
].map((t) => path.join(data, t));
const times = [];
let out = '';
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'bin', 'tokext.js'),
      'eval',
      ...toks.flatMap((t) => ['--tokenizer', t]),
      '--corpus',
      path.join(tmp, 'bench5mb.txt'),
      '--progress',
      'none',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  out = r.stdout;
  console.log(`run ${i + 1}: ${times.at(-1).toFixed(1)} s`);
}
console.log(out.split('\n').slice(0, 7).join('\n'));
const med = times.slice().sort((a, b) => a - b)[Math.floor(times.length / 2)];
console.log(
  `eval of 5 tokenizers on ${(cut / 1e6).toFixed(1)} MB: median ${med.toFixed(1)} s over ${runs} runs (target < 60 s)`,
);
fs.rmSync(tmp, { recursive: true, force: true });
