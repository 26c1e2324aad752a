// Benchmark of extending without growing (--replace, --trim-to) on the shared training corpora:
// wall time and peak RSS of `tokext build`, ids before padding, Japanese chars/token on
// ja-eval-jglue, and English tokens per line against the base on the keep corpus (the first 36,000
// lines of en-tinyshakespeare) and on text that was no keep corpus (its remaining lines): how
// well the choice of freed pieces generalises.
// Jobs: qwen3-replace (Qwen3 --replace 32000), gemma-3-replace (Gemma 3 --replace 32000),
// qwen3-trim (Qwen3 --trim-to 100000).
// Usage: npm run bench:free -- [--job NAME ...] [--corpus PATH ...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '..', 'shared', 'data', 'corpora');
const KEEP_LINES = 36000;
const JOBS = {
  'qwen3-replace': { base: 'qwen3', flags: ['--replace', '32000'], ids: 151669, minJa: 2.0, maxEn: 0.005 },
  'gemma-3-replace': { base: 'gemma-3', flags: ['--replace', '32000'], ids: 262145, maxEn: 0.005 },
  'qwen3-trim': { base: 'qwen3', flags: ['--trim-to', '100000'], ids: 100000, maxEn: 0.01, maxJa: 0.01 },
};
const args = process.argv.slice(2);
const corpora = [];
const jobs = [];
args.forEach((a, i) => {
  if (a === '--corpus') corpora.push(args[i + 1]);
  if (a === '--job') jobs.push(args[i + 1]);
});
if (corpora.length === 0) corpora.push(path.join(shared, 'ja-train-aozora'), path.join(shared, 'ja-train-wikipedia'));
if (jobs.length === 0) jobs.push(...Object.keys(JOBS));
for (const j of jobs)
  if (!JOBS[j]) {
    console.error(`bench: unknown job ${j} (one of ${Object.keys(JOBS).join(', ')})`);
    process.exit(2);
  }
for (const c of [...corpora, path.join(shared, 'en-tinyshakespeare'), path.join(shared, 'ja-eval-jglue')])
  if (!fs.existsSync(c)) {
    console.error(`bench: corpus not found: ${c}`);
    process.exit(2);
  }

const { Tokenizer } = await import('tokenizers');
const { loadBase } = await import(path.join(root, 'dist', 'family', 'load.js'));
const time = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const textLines = (file) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.length > 0);
const dirLines = (dir) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => textLines(path.join(dir, f)));
const tokens = async (encodeBatch, ls) => {
  let n = 0;
  for (let i = 0; i < ls.length; i += 2048) for (const ids of await encodeBatch(ls.slice(i, i + 2048))) n += ids.length;
  return n;
};
const rust = (dir) => {
  const t = Tokenizer.fromFile(path.join(dir, 'tokenizer.json'));
  return async (ls) => (await t.encodeBatch(ls, { addSpecialTokens: false })).map((e) => e.getIds());
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-free-'));
const en = fs.readFileSync(path.join(shared, 'en-tinyshakespeare', 'tinyshakespeare.txt'), 'utf8').split('\n');
const keepFile = path.join(work, 'en-keep.txt');
fs.writeFileSync(keepFile, en.slice(0, KEEP_LINES).join('\n') + '\n');
const keep = textLines(keepFile);
const heldOut = en.slice(KEEP_LINES).filter((l) => l.length > 0);
const ja = dirLines(path.join(shared, 'ja-eval-jglue'));
const jaChars = ja.reduce((s, l) => s + [...l].length, 0);

const summary = [];
let failed = false;
for (const job of jobs) {
  const { base, flags, ids, minJa, maxEn, maxJa } = JOBS[job];
  const out = path.join(work, job);
  const cmd = [
    ...[path.join(root, 'bin', 'tokext.js'), 'build', '--base', base, ...flags, '--keep-corpus', keepFile],
    ...corpora.flatMap((c) => ['--corpus', c]),
    ...['--out', out, '--no-db', '--progress', 'none', '--json'],
  ];
  const t0 = process.hrtime.bigint();
  const r = time
    ? spawnSync(time, ['-f', 'PEAK_RSS_KB=%M CPU_S=%U+%S', process.execPath, ...cmd], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      })
    : spawnSync(process.execPath, cmd, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  const rss = time ? Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 / 1024 : NaN;
  const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr);
  const cpuS = cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN; // less sensitive than wall time to other work on the machine
  const stages = JSON.parse(r.stdout).timings_ms ?? {};
  const map = JSON.parse(fs.readFileSync(path.join(out, 'id-map.json'), 'utf8'));
  const rt = await loadBase(base).runtime();
  const theirs = (ls) => rt.encodeBatch(ls);
  const ours = rust(out);
  const row = { job, ids: map.vocab_size, wall_s: wall, cpu_s: cpuS, peak_rss_gb: rss, removed: map.removed.length };
  row.ja_before = jaChars / (await tokens(theirs, ja));
  row.ja_after = jaChars / (await tokens(ours, ja));
  row.en_keep = (await tokens(ours, keep)) / (await tokens(theirs, keep)) - 1;
  row.en_held_out = (await tokens(ours, heldOut)) / (await tokens(theirs, heldOut)) - 1;
  row.ja_loss = row.ja_before / row.ja_after - 1; // tokens per line against the base's
  const ok =
    row.ids === ids &&
    (minJa === undefined || row.ja_after >= minJa) &&
    row.en_keep <= maxEn &&
    (maxJa === undefined || row.ja_loss <= maxJa) &&
    wall <= 180 &&
    rss <= 4;
  if (!ok) failed = true;
  summary.push({ ...row, ok });
  const pct = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%`;
  console.log(
    `${job}: ${row.ids} ids (${row.removed} base pieces removed), wall ${wall.toFixed(1)} s (CPU ${cpuS.toFixed(1)} s; ` +
      `stages ${JSON.stringify(stages)}), peak RSS ${rss.toFixed(2)} GB; ` +
      `ja-eval-jglue ${row.ja_before.toFixed(3)} -> ${row.ja_after.toFixed(3)} chars/token; ` +
      `English tokens vs the base: keep ${pct(row.en_keep)}, held out ${pct(row.en_held_out)}${ok ? '' : '  (TARGET MISSED)'}`,
  );
}
fs.rmSync(work, { recursive: true, force: true });

const pct = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%`;
console.log(
  '\n| job | ids | wall s (CPU s) | peak RSS GB | ja-eval-jglue chars/token | English tokens vs base: keep / held out | Japanese tokens vs base |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of summary)
  console.log(
    `| ${r.job} | ${r.ids} | ${r.wall_s.toFixed(1)} (${r.cpu_s.toFixed(1)}) | ${r.peak_rss_gb.toFixed(2)} | ${r.ja_before.toFixed(3)} → ${r.ja_after.toFixed(3)} | ${pct(r.en_keep)} / ${pct(r.en_held_out)} | ${pct(r.ja_loss)} |`,
  );
console.log(
  'targets: each <= 180 s and <= 4 GB; replace: exact base ids, English (keep) at most +0.5%, Qwen3 ja >= 2.0; trim: English and Japanese at most +1%',
);
if (failed) process.exitCode = 1;
