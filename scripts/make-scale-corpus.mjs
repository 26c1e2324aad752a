// Deterministic synthetic Japanese at any size, for the scale benchmark: each output line splices
// 3-8 short spans (2-12 characters, below the clause level) cut from random lines of the real
// training corpora, so clauses are new combinations and distinct chunks per MB stay at least
// those of the real text. Same seed and sources, same bytes.
// Usage: node scripts/make-scale-corpus.mjs --mb 1024 --out /tmp/scale-1g.txt [--seed 1] [--corpus DIR ...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const mb = Number(arg('--mb', '64'));
const out = arg('--out');
const seed = Number(arg('--seed', '1'));
const corpora = args.flatMap((a, i) => (a === '--corpus' ? [args[i + 1]] : []));
if (!out || !(mb > 0)) {
  console.error('usage: node scripts/make-scale-corpus.mjs --mb N --out FILE [--seed S] [--corpus DIR ...]');
  process.exit(2);
}
const shared = path.resolve(root, '..', 'shared', 'data', 'corpora');
if (corpora.length === 0) corpora.push(path.join(shared, 'ja-train-aozora'), path.join(shared, 'ja-train-wikipedia'));

// Source lines as arrays of code points (sorted file order: deterministic).
const files = corpora.flatMap((c) =>
  fs.statSync(c).isDirectory()
    ? fs
        .readdirSync(c)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => path.join(c, f))
    : [c],
);
const lines = [];
for (const f of files) {
  for (const l of fs.readFileSync(f, 'utf8').split('\n')) {
    const t = l.replace(/\r$/, '');
    if (t.length >= 8) lines.push(t);
  }
}
if (lines.length === 0) throw new Error('no source lines');

// mulberry32: a small seeded PRNG.
let state = seed >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (n) => Math.floor(rand() * n);

const target = Math.floor(mb * 1024 * 1024);
const fd = fs.openSync(`${out}.tmp`, 'w');
let written = 0;
let batch = [];
let batchBytes = 0;
while (written + batchBytes < target) {
  const spans = 3 + pick(6);
  let line = '';
  for (let s = 0; s < spans; s++) {
    const src = lines[pick(lines.length)];
    const len = 2 + pick(11);
    let start = pick(Math.max(1, src.length - len));
    if (start > 0 && src.charCodeAt(start) >= 0xdc00 && src.charCodeAt(start) <= 0xdfff) start--; // not inside a pair
    let end = Math.min(src.length, start + len);
    if (end < src.length && src.charCodeAt(end) >= 0xdc00 && src.charCodeAt(end) <= 0xdfff) end++;
    line += src.slice(start, end);
  }
  batch.push(line);
  batchBytes += Buffer.byteLength(line) + 1;
  if (batchBytes >= 1 << 22) {
    const buf = Buffer.from(batch.join('\n') + '\n');
    fs.writeSync(fd, buf);
    written += buf.length;
    batch = [];
    batchBytes = 0;
  }
}
if (batch.length > 0) {
  const buf = Buffer.from(batch.join('\n') + '\n');
  fs.writeSync(fd, buf);
  written += buf.length;
}
fs.closeSync(fd);
fs.renameSync(`${out}.tmp`, out);
console.log(JSON.stringify({ out, bytes: written, seed, sources: files.map((f) => path.basename(f)) }));
