// Benchmark of pretokenizing (the inner loop of counting): every line of ja-train-wikipedia through
// each bundled base's chunk rule, in process, median of --runs runs. Prints ms and MB/s per base.
// Usage: npm run bench:pretokenize -- [--runs N] [--corpus DIR]   (run `npm run build` first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 5) || 5;
const corpus = args.includes('--corpus')
  ? args[args.indexOf('--corpus') + 1]
  : path.resolve(root, '..', 'shared', 'data', 'corpora', 'ja-train-wikipedia');
if (!fs.existsSync(corpus)) {
  console.error(`bench: corpus not found: ${corpus}`);
  process.exit(2);
}
const { loadBase, BASE_NAMES } = await import(path.join(root, 'dist', 'family', 'load.js'));
const { listCorpusFiles, readCorpusFile, emptyStats } = await import(path.join(root, 'dist', 'corpus', 'read.js'));

const lines = [];
for (const f of listCorpusFiles(corpus))
  await readCorpusFile(f, { textField: 'text', skipInvalid: false }, emptyStats(), (t) => {
    lines.push(t);
  });
const mb = lines.reduce((s, l) => s + Buffer.byteLength(l), 0) / 1e6;
console.log(`${lines.length} lines, ${mb.toFixed(1)} MB of ${corpus}; median of ${runs} runs`);
console.log(
  ['base'.padEnd(18), 'rule'.padEnd(16), 'ms'.padStart(7), 'MB/s'.padStart(7), 'chunks'.padStart(9)].join(' '),
);
for (const name of BASE_NAMES) {
  const base = loadBase(name);
  for (const byScript of [false, true]) {
    const p = base.pretokenizer(byScript);
    const times = [];
    let chunks = 0;
    for (let r = 0; r < runs; r++) {
      chunks = 0;
      const t = performance.now();
      for (const l of lines)
        p.chunks(l, () => {
          chunks++;
        });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(runs / 2)];
    console.log(
      [
        name.padEnd(18),
        (byScript ? 'split-by-script' : 'punctuation').padEnd(16),
        ms.toFixed(0).padStart(7),
        (mb / (ms / 1000)).toFixed(0).padStart(7),
        String(chunks).padStart(9),
      ].join(' '),
    );
  }
}
