// Trainer benchmark, side by side on the same input: tokext (from scratch, 30,000 pieces),
// HF tokenizers' Rust BPE trainer (npm `tokenizers`, default trainer, Metaspace) and
// SentencePiece's spm_train (when installed). Wall, CPU, peak RSS, ratios to tokext, and the
// chars/token of each model on ja-eval-jglue. With --full: the 132 MB training corpora, plus
// tokext's continued training for the 120,073 build.
// Usage: npm run bench:train [-- --full] [-- --no-spm]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.resolve(root, '..', 'shared', 'data', 'corpora');
const full = process.argv.includes('--full');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-train-'));
const TIME = '/usr/bin/time';
if (!fs.existsSync(TIME)) {
  console.error('bench: needs /usr/bin/time (apt-get install time)');
  process.exit(2);
}

// Input: one text file, so every trainer reads the same bytes.
const input = path.join(tmp, full ? 'full.txt' : 'slice5mb.txt');
const sources = [
  'ja-train-aozora/aozora_pd_selection.txt',
  'ja-train-wikipedia/jaquad_contexts.txt',
  'ja-train-wikipedia/jsquad_contexts.txt',
  'ja-train-wikipedia/wac_sentences.txt',
].map((f) => path.join(data, f));
if (full)
  fs.writeFileSync(
    input,
    Buffer.concat(
      sources.map((f) => {
        const b = fs.readFileSync(f);
        return b[b.length - 1] === 10 ? b : Buffer.concat([b, Buffer.from('\n')]);
      }),
    ),
  );
else {
  const b = fs.readFileSync(sources[0]).subarray(0, 5_000_000);
  fs.writeFileSync(input, b.subarray(0, b.lastIndexOf(10) + 1));
}
const mb = fs.statSync(input).size / 1e6;

const hfScript = path.join(tmp, 'hf-train.cjs');
fs.writeFileSync(
  hfScript,
  `const { Tokenizer, BPE, metaspacePreTokenizer } = require(${JSON.stringify(path.join(root, 'node_modules', 'tokenizers'))});
const t = new Tokenizer(BPE.empty()); t.setPreTokenizer(metaspacePreTokenizer()); t.train([process.argv[2]]); t.save(process.argv[3]);`,
);

function timed(name, cmd, args, opts = {}) {
  const r = spawnSync(TIME, ['-f', 'BENCH %e %U %S %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    ...opts,
  });
  const m = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) {
    console.error(`${name} failed:\n${r.stderr.slice(-2000)}`);
    return null;
  }
  return { name, wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rss: Number(m[4]) / 1024 };
}
const tok = path.join(root, 'bin', 'tokext.js');
const rows = [];
const models = {};
console.log(
  `input: ${mb.toFixed(1)} MB of Japanese (${full ? 'full training corpora' : '5 MB slice of ja-train-aozora'}), 30,000 pieces, ${os.cpus().length} cores`,
);
let r = timed('tokext (from scratch, --split-by-script)', process.execPath, [
  tok,
  'train',
  '--from-scratch',
  '--vocab-size',
  '30000',
  '--split-by-script',
  '--corpus',
  input,
  '--out',
  path.join(tmp, 'tokext'),
  '--progress',
  'none',
]);
if (r) {
  rows.push(r);
  models[r.name] = path.join(tmp, 'tokext');
}
r = timed('tokext (from scratch, --no-split-by-script --character-coverage 1)', process.execPath, [
  tok,
  'train',
  '--from-scratch',
  '--vocab-size',
  '30000',
  '--no-split-by-script',
  '--character-coverage',
  '1',
  '--corpus',
  input,
  '--out',
  path.join(tmp, 'tokext-nosplit'),
  '--progress',
  'none',
]);
if (r) {
  rows.push(r);
  models[r.name] = path.join(tmp, 'tokext-nosplit');
}
r = timed('HF tokenizers (Rust) BpeTrainer', process.execPath, [hfScript, input, path.join(tmp, 'hf.json')]);
if (r) {
  rows.push(r);
  models[r.name] = path.join(tmp, 'hf.json');
}
const hasSpm = spawnSync('spm_train', ['--help']).error === undefined;
if (!hasSpm) console.log('note: spm_train not installed (apt-get install sentencepiece); skipped');
else if (full && !process.argv.includes('--spm-full'))
  console.log('note: spm_train skipped on the full corpus (takes far longer; pass --spm-full)');
else if (!process.argv.includes('--no-spm')) {
  r = timed('SentencePiece spm_train', 'spm_train', [
    `--input=${input}`,
    `--model_prefix=${path.join(tmp, 'spm')}`,
    '--model_type=bpe',
    '--vocab_size=30000',
    '--minloglevel=2',
    '--input_sentence_size=100000000',
  ]);
  if (r) {
    rows.push(r);
    models[r.name] = path.join(tmp, 'spm.model');
  }
}
if (full) {
  r = timed('tokext continued training (120,073)', process.execPath, [
    tok,
    'train',
    '--corpus',
    path.join(data, 'ja-train-aozora'),
    '--corpus',
    path.join(data, 'ja-train-wikipedia'),
    '--out',
    path.join(tmp, 'pieces.json'),
    '--progress',
    'none',
  ]);
  if (r) rows.push(r);
}
// Quality: chars/token of each 30,000-piece model on ja-eval-jglue.
const evalArgs = Object.values(models).flatMap((m) => ['--tokenizer', m]);
const e = spawnSync(
  process.execPath,
  [tok, 'eval', ...evalArgs, '--corpus', path.join(data, 'ja-eval-jglue'), '--json', '--progress', 'none'],
  { encoding: 'utf8', maxBuffer: 1 << 26 },
);
const cpt = {};
if (e.status === 0)
  JSON.parse(e.stdout).forEach((row, i) => {
    cpt[Object.keys(models)[i]] = row.chars_per_token;
  });
// HF's model has no byte pieces and no <unk>: characters it never saw vanish from its output.
// Also show its chars/token with each such character counted as one token.
const hfName = 'HF tokenizers (Rust) BpeTrainer';
if (models[hfName] && cpt[hfName]) {
  const vocab = JSON.parse(fs.readFileSync(models[hfName], 'utf8')).model.vocab;
  const jg = path.join(data, 'ja-eval-jglue');
  let chars = 0,
    unseen = 0;
  for (const f of fs.readdirSync(jg).filter((x) => x.endsWith('.txt'))) {
    for (const line of fs.readFileSync(path.join(jg, f), 'utf8').split('\n'))
      for (const ch of line) {
        chars++;
        if (!(ch in vocab) && !('\u2581' + ch in vocab)) unseen++;
      }
  }
  const tokens = chars / cpt[hfName];
  cpt[`${hfName}, unseen characters as 1 token`] = chars / (tokens + unseen);
  rows.push({ ...rows.find((x) => x.name === hfName), name: `${hfName}, unseen characters as 1 token` });
}
const ref = rows[0];
console.log(`\n| trainer | wall s | CPU s | peak RSS MB | wall vs tokext | RSS vs tokext | jglue chars/token |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const x of rows)
  console.log(
    `| ${x.name} | ${x.wall.toFixed(1)} | ${x.cpu.toFixed(1)} | ${x.rss.toFixed(0)} | ${(x.wall / ref.wall).toFixed(2)}x | ${(x.rss / ref.rss).toFixed(2)}x | ${cpt[x.name]?.toFixed(3) ?? '–'} |`,
  );
fs.rmSync(tmp, { recursive: true, force: true });
