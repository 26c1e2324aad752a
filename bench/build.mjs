// Benchmark of the full reference build: wall time and peak RSS of `tokext build` on the
// training corpora (median of --runs runs), plus Japanese efficiency on ja-eval-jglue.
// Usage: npm run bench:build -- [--runs N] [--corpus PATH ...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '..', 'shared', 'data', 'corpora');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 1) || 1;
const corpora = [];
args.forEach((a, i) => { if (a === '--corpus') corpora.push(args[i + 1]); });
if (corpora.length === 0) corpora.push(path.join(shared, 'ja-train-aozora'), path.join(shared, 'ja-train-wikipedia'));
for (const c of corpora) if (!fs.existsSync(c)) { console.error(`bench: corpus not found: ${c}`); process.exit(2); }

const time = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const results = [];
for (let i = 0; i < runs; i++) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-'));
  const cmd = [path.join(root, 'bin', 'tokext.js'), 'build', ...corpora.flatMap((c) => ['--corpus', c]), '--out', path.join(out, 'o'), '--progress', 'none', '--json'];
  const t0 = process.hrtime.bigint();
  const r = time
    ? spawnSync(time, ['-f', 'PEAK_RSS_KB=%M', process.execPath, ...cmd], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, cmd, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
  const rss = time ? Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 / 1024 : NaN;
  const summary = JSON.parse(r.stdout);
  results.push({ wall, rss, summary, dir: path.join(out, 'o') });
  console.log(`run ${i + 1}: wall ${wall.toFixed(1)} s, peak RSS ${rss.toFixed(2)} GB, stages ${JSON.stringify(summary.timings_ms)}`);
}
const med = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nbuild (${corpora.map((c) => path.basename(c)).join(' + ')}): median wall ${med(results.map((r) => r.wall)).toFixed(1)} s over ${runs} run(s), peak RSS ${Math.max(...results.map((r) => r.rss)).toFixed(2)} GB (targets: < 600 s, < 8 GB)`);

if (results.length > 1) {
  const same = results.every((r) => JSON.stringify(r.summary.artefacts) === JSON.stringify(results[0].summary.artefacts));
  console.log(`determinism: artefact sha256 ${same ? 'identical' : 'DIFFER'} across ${results.length} runs`);
  if (!same) process.exitCode = 1;
}

// Efficiency of the last build on held-out Japanese and English.
const { Tokenizer } = await import('tokenizers');
const dir = results.at(-1).dir;
const ours = Tokenizer.fromFile(path.join(dir, 'tokenizer.json'));
const lines = (p) => fs.readdirSync(p).filter((f) => f.endsWith('.txt')).sort().flatMap((f) => fs.readFileSync(path.join(p, f), 'utf8').split('\n')).map((l) => l.replace(/\r$/, '')).filter((l) => l.length > 0);
const { BpeEncoder } = await import(path.join(root, 'dist', 'bpe', 'encoder.js'));
const { loadMistralFromPackage } = await import(path.join(root, 'dist', 'vocab', 'base.js'));
const base = new BpeEncoder(loadMistralFromPackage().model.pieces);
for (const name of ['ja-eval-jglue', 'en-tinyshakespeare']) {
  const p = path.join(shared, name);
  if (!fs.existsSync(p)) continue;
  const ls = lines(p);
  const chars = ls.reduce((s, l) => s + [...l].length, 0);
  let tok = 0;
  for (let i = 0; i < ls.length; i += 2048) for (const e of await ours.encodeBatch(ls.slice(i, i + 2048), { addSpecialTokens: false })) tok += e.getIds().length;
  const baseTok = ls.reduce((s, l) => s + base.encode(l).length, 0);
  console.log(`${name}: chars/token ${(chars / tok).toFixed(3)} (Mistral ${(chars / baseTok).toFixed(3)}), ${ls.length} lines`);
}
