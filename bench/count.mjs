// Benchmark of `tokext count` (reading, pretokenizing, counting and writing a shard): wall time and
// peak RSS, median of --runs runs, with --threads 1 and the default; and whether the shards of
// every thread count are the same bytes. With --against REF (a git commit, tag or branch), REF is
// built into a scratch directory and each run counts with REF then with this checkout,
// alternating, so both see the same machine load; the table then gives both medians and their ratio.
// Usage: npm run bench:count -- [--runs N] [--corpus PATH ...] [--against REF]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkoutOf, root, shared } from './jobs.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const corpora = args.flatMap((a, i) => (a === '--corpus' ? [args[i + 1]] : []));
if (corpora.length === 0) corpora.push(path.join(shared, 'ja-train-aozora'));
const against = args.includes('--against') ? args[args.indexOf('--against') + 1] : undefined;
for (const c of corpora)
  if (!fs.existsSync(c)) {
    console.error(`bench: corpus not found: ${c}`);
    process.exit(2);
  }
const reference = against ? checkoutOf(against) : undefined;
if (reference) console.log(`against ${against} (${reference.commit}), built in ${reference.dir}`);
const time = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const med = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-count-'));

/** One `tokext count` with the checkout at `dir`: wall, peak RSS and the shard it wrote. */
function countWith(dir, threads, name) {
  const out = path.join(tmp, `${name}.parquet`);
  const cmd = [
    path.join(dir, 'bin', 'tokext.js'),
    'count',
    ...corpora.flatMap((c) => ['--corpus', c]),
    '--out',
    out,
    '--progress',
    'none',
    ...(threads ? ['--threads', String(threads)] : []),
  ];
  const t0 = process.hrtime.bigint();
  const r = time
    ? spawnSync(time, ['-f', 'PEAK_RSS_KB=%M', process.execPath, ...cmd], { encoding: 'utf8' })
    : spawnSync(process.execPath, cmd, { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  const rss = time ? Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 / 1024 : NaN;
  return { wall, rss, out };
}

const rows = { before: [], one: [], all: [] };
for (let i = 0; i < runs; i++) {
  if (reference) rows.before.push(countWith(reference.dir, undefined, 'before'));
  rows.one.push(countWith(root, 1, 'one'));
  rows.all.push(countWith(root, undefined, 'all'));
  const line = Object.entries(rows)
    .filter(([, xs]) => xs.length > i)
    .map(([k, xs]) => `${k} ${xs[i].wall.toFixed(2)} s`)
    .join(', ');
  console.log(`run ${i + 1}: ${line}`);
}
const same = fs.readFileSync(rows.one[0].out).equals(fs.readFileSync(rows.all[0].out));
const summary = {
  corpora,
  runs,
  threads_1_wall_s: med(rows.one.map((r) => r.wall)),
  threads_default_wall_s: med(rows.all.map((r) => r.wall)),
  peak_rss_gb: Math.max(...rows.all.map((r) => r.rss)),
  shards_identical_across_threads: same,
};
if (reference) {
  summary.against = reference.commit;
  summary.against_wall_s = med(rows.before.map((r) => r.wall));
  summary.against_peak_rss_gb = Math.max(...rows.before.map((r) => r.rss));
  summary.ratio = summary.threads_default_wall_s / summary.against_wall_s;
}
console.log(JSON.stringify(summary, null, 2));
fs.rmSync(tmp, { recursive: true, force: true });
if (reference) fs.rmSync(reference.dir, { recursive: true, force: true });
if (!same) process.exit(1);
