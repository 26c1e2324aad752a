// Benchmark of init-embeddings on a synthetic 7B-shaped checkpoint: embed_tokens and lm_head of
// 32,000 x 4,096 bf16 (about 0.5 GB), grown to 120,128 rows with a 120k-style embedding-init.json
// (88,073 mean rows of 1-6 base ids, 55 zero rows). Prints wall time and peak RSS.
// Usage: npm run bench:embed [-- --init path/to/embedding-init.json]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-embed-'));
const ROWS = 32000,
  COLS = 4096,
  NEW = 88073,
  PAD = 55;
const model = path.join(tmp, 'model');
fs.mkdirSync(model);
const tensorBytes = ROWS * COLS * 2;
const header = {
  __metadata__: { format: 'pt' },
  'model.embed_tokens.weight': { dtype: 'BF16', shape: [ROWS, COLS], data_offsets: [0, tensorBytes] },
  'lm_head.weight': { dtype: 'BF16', shape: [ROWS, COLS], data_offsets: [tensorBytes, 2 * tensorBytes] },
};
const json = Buffer.from(JSON.stringify(header));
const len = Buffer.alloc(8);
len.writeBigUInt64LE(BigInt(json.length));
const fd = fs.openSync(path.join(model, 'model.safetensors'), 'w');
fs.writeSync(fd, Buffer.concat([len, json]));
let seed = 12345;
const chunk = Buffer.alloc(COLS * 2 * 1000);
for (let t = 0; t < 2; t++) {
  for (let r = 0; r < ROWS; r += 1000) {
    for (let i = 0; i < chunk.length; i += 2) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      chunk.writeUInt16LE(0x3c00 + (seed >>> 22) - 512 + ((seed & 1) << 15), i); // bf16 values around +-0.01
    }
    fs.writeSync(fd, chunk);
  }
}
fs.closeSync(fd);
fs.writeFileSync(
  path.join(model, 'config.json'),
  JSON.stringify({ vocab_size: ROWS, hidden_size: COLS, tie_word_embeddings: false }),
);
const argInit = process.argv.indexOf('--init');
let init = argInit > 0 ? process.argv[argInit + 1] : path.join(tmp, 'embedding-init.json');
if (argInit < 0) {
  const rows = [];
  for (let k = 0; k < NEW; k++) {
    const n = 1 + (k % 6);
    const from = [];
    for (let j = 0; j < n; j++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      from.push(259 + (seed % (ROWS - 259)));
    }
    rows.push({ id: ROWS + k, piece: `p${k}`, init: 'mean', from });
  }
  for (let k = 0; k < PAD; k++) rows.push({ id: ROWS + NEW + k, piece: `<|extra_${k}|>`, init: 'zero', from: [] });
  fs.writeFileSync(
    init,
    JSON.stringify({
      base: { name: 'synthetic', vocab_size: ROWS },
      vocab_size: ROWS + NEW,
      padded_vocab_size: ROWS + NEW + PAD,
      rows,
    }),
  );
}
const runs = [];
for (let i = 0; i < 3; i++) {
  const out = path.join(tmp, `out${i}`);
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'BENCH %e %M',
      process.execPath,
      path.join(root, 'bin', 'tokext.js'),
      'init-embeddings',
      '--model',
      model,
      '--init',
      init,
      '--out',
      out,
      '--progress',
      'none',
    ],
    { encoding: 'utf8' },
  );
  const m = /BENCH ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) {
    console.error(r.stderr);
    process.exit(1);
  }
  runs.push({ wall: Number(m[1]), rss: Number(m[2]) / 1024 });
  console.log(
    `run ${i + 1}: wall ${m[1]} s, peak RSS ${(Number(m[2]) / 1024).toFixed(0)} MB, output ${(fs.statSync(path.join(out, 'model.safetensors')).size / 1e9).toFixed(2)} GB`,
  );
  fs.rmSync(out, { recursive: true, force: true });
}
const med = runs.map((r) => r.wall).sort((a, b) => a - b)[1];
console.log(
  `init-embeddings, 2 x (32,000 -> 120,128) x 4,096 bf16: median wall ${med.toFixed(1)} s, peak RSS ${Math.max(...runs.map((r) => r.rss)).toFixed(0)} MB (bound: one fp32 matrix ~2 GB plus buffers)`,
);
fs.rmSync(tmp, { recursive: true, force: true });
