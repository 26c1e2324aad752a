// Scale benchmark: builds the 120,073 tokenizer from 1 GB and 2 GB of synthetic Japanese (made
// by scripts/make-scale-corpus.mjs from the real corpora) and from the real 132 MB, printing wall,
// peak RSS against the budget (peak minus budget, which should stay under BUDGET_SLACK), distinct chunks and
// what was left out; the 2 GB build also with --memory 4G. Then the
// quality cost of a reduction: the 132 MB job with a budget that leaves out half of its chunks,
// against the exact build, on ja-eval-jglue.
// Usage: npm run bench:scale [-- --dir DIR] [-- --sizes 1024,2048] [-- --skip-quality]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '..', 'shared', 'data', 'corpora');
const args = process.argv.slice(2);
const arg = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const dir = arg('--dir', path.join(os.tmpdir(), 'tokext-scale'));
const sizes = arg('--sizes', '1024,2048').split(',').map(Number);
const TIME = '/usr/bin/time';
if (!fs.existsSync(TIME)) {
  console.error('bench: needs /usr/bin/time (apt-get install time)');
  process.exit(2);
}
const real = [path.join(shared, 'ja-train-aozora'), path.join(shared, 'ja-train-wikipedia')];
for (const c of real)
  if (!fs.existsSync(c)) {
    console.error(`bench: corpus not found: ${c}`);
    process.exit(2);
  }
fs.mkdirSync(dir, { recursive: true });
const bin = path.join(root, 'bin', 'tokext.js');

function build(name, corpora, extra = []) {
  const out = path.join(dir, `out-${name}`);
  fs.rmSync(out, { recursive: true, force: true });
  const r = spawnSync(
    TIME,
    [
      '-f',
      'BENCH %e %M',
      process.execPath,
      bin,
      'build',
      '--no-db',
      ...corpora.flatMap((c) => ['--corpus', c]),
      '--out',
      out,
      '--progress',
      'none',
      '--json',
      ...extra,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const m = /BENCH ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) {
    console.error(`${name} failed:\n${r.stderr.slice(-3000)}`);
    process.exit(1);
  }
  const j = JSON.parse(r.stdout);
  const mb = corpora.reduce((s, c) => s + du(c), 0) / 1024 ** 2;
  return {
    name,
    out,
    mb,
    wall: Number(m[1]),
    rss: Number(m[2]) / 1024 ** 2,
    chunks: j.distinct_chunks,
    perMb: j.distinct_chunks / mb,
    reduction: j.reduction,
    budget: j.memory_budget,
    notes: r.stderr.split('\n').filter((l) => l.startsWith('tokext:')),
  };
}
function du(p) {
  const st = fs.statSync(p);
  return st.isDirectory() ? fs.readdirSync(p).reduce((s, f) => s + du(path.join(p, f)), 0) : st.size;
}
const { BUDGET_SLACK, minimumBudget } = await import(path.join(root, 'dist', 'memory.js'));
/** Peak RSS minus the budget, in GB (negative: under budget). */
const over = (r) => r.rss - r.budget / 1024 ** 3;
const row = (r) =>
  `| ${r.name} | ${r.mb.toFixed(0)} | ${r.chunks.toLocaleString('en-US')} | ${Math.round(r.perMb).toLocaleString('en-US')} | ${(r.budget / 1024 ** 3).toFixed(1)} GB | ${r.wall.toFixed(0)} | ${r.rss.toFixed(2)} | ${over(r) >= 0 ? '+' : ''}${over(r).toFixed(2)} | ${r.reduction.dropped_chunks.toLocaleString('en-US')} (${(100 * r.reduction.dropped_char_share).toFixed(2)}% of chars) |`;

const rows = [];
console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB; corpora in ${dir}`);
rows.push(build('real 132 MB', real));
console.log(row(rows[0]));
const minimum = `${Math.ceil(minimumBudget(32000) / 1024 ** 2)}M`; // the smallest budget tokext accepts for Mistral
rows.push(build(`real 132 MB, --memory ${minimum}`, real, ['--memory', minimum]));
console.log(row(rows[1]));
for (const mb of sizes) {
  const file = path.join(dir, `synthetic-${mb}mb.txt`);
  if (!fs.existsSync(file)) {
    const g = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'make-scale-corpus.mjs'), '--mb', String(mb), '--out', file],
      { encoding: 'utf8' },
    );
    if (g.status !== 0) {
      console.error(g.stderr);
      process.exit(1);
    }
  }
  const r = build(`synthetic ${mb} MB`, [file]);
  rows.push(r);
  console.log(row(r));
  if (mb === Math.max(...sizes)) {
    const r4 = build(`synthetic ${mb} MB, --memory 4G`, [file], ['--memory', '4G']);
    rows.push(r4);
    console.log(row(r4));
  }
}
console.log(
  '\n| corpus | MB | distinct chunks | per MB | budget | wall s | peak RSS GB | peak - budget GB | left out |\n|---|---|---|---|---|---|---|---|---|',
);
for (const r of rows) console.log(row(r));
for (const r of rows)
  if (over(r) * 1024 ** 3 > BUDGET_SLACK)
    console.log(
      `WARNING: ${r.name} peaked ${over(r).toFixed(2)} GB above its budget, more than the ${(BUDGET_SLACK / 1024 ** 2).toFixed(0)} MB stated (BUDGET_SLACK)`,
    );
const realPerMb = rows[0].perMb;
for (const r of rows.slice(2))
  if (r.perMb < realPerMb)
    console.log(
      `WARNING: ${r.name} has fewer distinct chunks per MB (${r.perMb.toFixed(0)}) than the real corpus (${realPerMb.toFixed(0)})`,
    );

if (!args.includes('--skip-quality')) {
  // Quality of a reduction: the training budget at which half of the 132 MB job's chunks go.
  const { countCorpora } = await import(path.join(root, 'dist', 'corpus', 'count.js'));
  const { scanChunks } = await import(path.join(root, 'dist', 'train', 'words.js'));
  const { containsJapanese } = await import(path.join(root, 'dist', 'corpus', 'unicode.js'));
  const { loadBase } = await import(path.join(root, 'dist', 'family', 'load.js'));
  const { build: buildLib } = await import(path.join(root, 'dist', 'stages', 'build.js'));
  const { defaultSpec } = await import(path.join(root, 'dist', 'options.js'));
  const { fixedCost } = await import(path.join(root, 'dist', 'memory.js'));
  const base = loadBase('mistral-7b-v0.1');
  const spec = defaultSpec(real.map((p) => ({ path: p, weight: 1 }))); // count as the build below will
  const c = await countCorpora(base.pretokenizer(spec.splitByScript), {
    corpora: spec.corpora,
    textField: spec.textField,
    skipInvalid: false,
    balance: spec.balance,
    tableBytes: Infinity,
  });
  const scan = await scanChunks(c.chunks, containsJapanese);
  c.chunks.dispose();
  let lo = 0;
  let hi = scan.histogram.plan(Infinity).reduction.needed_bytes;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const r = scan.histogram.plan(mid).reduction;
    if (r.dropped_chunks > r.kept_chunks) lo = mid;
    else hi = mid;
  }
  const words = hi;
  const train = Math.ceil(words / 0.7);
  const out = path.join(dir, 'out-real-half');
  fs.rmSync(out, { recursive: true, force: true });
  const t0 = Date.now();
  const r = await buildLib(spec, {
    out,
    force: true,
    memory: { budget: fixedCost(32000) + train, countTable: 1 << 30, train, source: 'option' },
  });
  const red = r.train.reduction;
  const { Tokenizer } = await import('tokenizers');
  const lines = fs
    .readdirSync(path.join(shared, 'ja-eval-jglue'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(shared, 'ja-eval-jglue', f), 'utf8').split('\n'))
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.length > 0);
  const chars = lines.reduce((s, l) => s + [...l].length, 0);
  const cpt = async (d) => {
    const t = Tokenizer.fromFile(path.join(d, 'tokenizer.json'));
    let n = 0;
    for (let i = 0; i < lines.length; i += 2048)
      for (const e of await t.encodeBatch(lines.slice(i, i + 2048), { addSpecialTokens: false }))
        n += e.getIds().length;
    return chars / n;
  };
  const exact = await cpt(rows[0].out);
  const half = await cpt(out);
  console.log(
    `\nreduction quality (real 132 MB, ja-eval-jglue chars/token): exact ${exact.toFixed(4)}; with ${red.dropped_chunks.toLocaleString('en-US')} of ${(red.dropped_chunks + red.kept_chunks).toLocaleString('en-US')} chunks left out (${(100 * red.dropped_char_share).toFixed(2)}% of characters) ${half.toFixed(4)}: ${(100 * (half / exact - 1)).toFixed(2)}% (target: no worse than -1%); ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}
