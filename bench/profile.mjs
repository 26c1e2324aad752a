// Where a reference build spends its time: runs `tokext build` under V8's sampling profiler
// (--cpu-prof, every thread) and prints, per thread, the functions with the most self time, with
// the build's stage timings. The trainer's own figures (what each change bought) are in the
// README's Figures; this is how they were found.
// Usage: npm run bench:profile -- [--job mistral|llama-3|qwen3|llm-jp-v3.1|rinna] [--top N] [--threads N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildArgs, JOBS, root, TRAINING_CORPORA } from './jobs.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const job = opt('--job', 'mistral');
const top = Number(opt('--top', 25));
const threads = opt('--threads', undefined);
if (!JOBS[job]) {
  console.error(`bench: unknown job ${job} (one of ${Object.keys(JOBS).join(', ')})`);
  process.exit(2);
}
const corpora = TRAINING_CORPORA;
for (const c of corpora)
  if (!fs.existsSync(c)) {
    console.error(`bench: corpus not found: ${c}`);
    process.exit(2);
  }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-profile-'));
const profiles = path.join(tmp, 'profiles');
const r = spawnSync(
  process.execPath,
  ['--cpu-prof', '--cpu-prof-dir', profiles, ...buildArgs(root, JOBS[job], corpora, path.join(tmp, 'out'), threads)],
  { encoding: 'utf8', maxBuffer: 1 << 26 },
);
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(1);
}
console.log(`${job}: stages ${JSON.stringify(JSON.parse(r.stdout).timings_ms)}`);

/** Self time (ms) by function and file of one profile, largest first. */
function selfTimes(file) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ticks = new Map();
  p.samples.forEach((id, i) => ticks.set(id, (ticks.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byName = new Map();
  for (const n of p.nodes) {
    const { functionName, url, lineNumber } = n.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + (ticks.get(n.id) ?? 0) / 1000);
  }
  return [...byName].sort((a, b) => b[1] - a[1]);
}

// Every process and thread writes a profile; the busiest ones are the build's. (The merge
// helper's wait for work, Atomics.wait, shows as its module's own time.)
const rows = fs
  .readdirSync(profiles)
  .map((f) => ({ f, times: selfTimes(path.join(profiles, f)) }))
  .map((x) => ({ ...x, busy: x.times.filter(([n]) => !n.startsWith('(idle)')).reduce((s, [, t]) => s + t, 0) }))
  .filter((x) => x.busy > 500)
  .sort((a, b) => b.busy - a.busy);
for (const { f, times, busy } of rows) {
  console.log(`\n${f}: ${(busy / 1000).toFixed(1)} s busy`);
  for (const [name, ms] of times.filter(([n]) => !n.startsWith('(idle)')).slice(0, top))
    console.log(`${ms.toFixed(0).padStart(8)} ms  ${name}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
