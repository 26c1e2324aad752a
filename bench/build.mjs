// Benchmark of the reference builds: wall time and peak RSS of `tokext build` on the training
// corpora (median of --runs runs), Japanese efficiency on ja-eval-jglue before -> after, and
// whether English (en-tinyshakespeare, every line) encodes exactly as with the base.
// Jobs: mistral (Mistral-7B-v0.1 -> 120,073), llama-3 (+32,000 -> 160,256), qwen3 (+32,000 -> 183,669),
// and the SentencePiece Unigram bases llm-jp-v3.1 (+20,000 -> 118,452) and rinna (+8,000 -> 40,000).
// With --against REF (a git commit, tag or branch): REF is built into a scratch directory and each
// run builds with REF then with this checkout, alternating, so both see the same machine load;
// the table then gives both medians, their ratio and whether the artefacts are the same files.
// Usage: npm run bench:build -- [--runs N] [--job mistral|llama-3|qwen3|llm-jp-v3.1|rinna ...] [--corpus PATH ...] [--against REF] [--threads N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildArgs, checkoutOf, JOBS, root, shared, TRAINING_CORPORA } from './jobs.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 1) || 1;
const corpora = [];
const jobs = [];
let against;
let threads;
args.forEach((a, i) => {
  if (a === '--corpus') corpora.push(args[i + 1]);
  if (a === '--job') jobs.push(args[i + 1]);
  if (a === '--against') against = args[i + 1];
  if (a === '--threads') threads = args[i + 1];
});
if (corpora.length === 0) corpora.push(...TRAINING_CORPORA);
if (jobs.length === 0) jobs.push(...Object.keys(JOBS));
for (const c of corpora)
  if (!fs.existsSync(c)) {
    console.error(`bench: corpus not found: ${c}`);
    process.exit(2);
  }
for (const j of jobs)
  if (!JOBS[j]) {
    console.error(`bench: unknown job ${j} (one of ${Object.keys(JOBS).join(', ')})`);
    process.exit(2);
  }

const reference = against ? checkoutOf(against) : undefined;
if (reference) console.log(`against ${against} (${reference.commit}), built in ${reference.dir}`);
/** Are files a and b the same bytes? */
const sameFile = (a, b) => fs.existsSync(b) && fs.readFileSync(a).equals(fs.readFileSync(b));

const { Tokenizer } = await import('tokenizers');
const { loadBase } = await import(path.join(root, 'dist', 'family', 'load.js'));
const { loadSpm } = await import(path.join(root, 'dist', 'spm', 'runtime.js'));
const { loadJsonRuntimes } = await import(path.join(root, 'dist', 'verify', 'runtimes.js'));
const { bytesAsUnk } = await import(path.join(root, 'dist', 'verify', 'unigram.js'));
const { readModelProto } = await import(path.join(root, 'dist', 'spm', 'modelproto.js'));
const time = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const med = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const lines = (p) =>
  fs
    .readdirSync(p)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(p, f), 'utf8').split('\n'))
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.length > 0);
const encodeAll = async (tok, ls) => {
  const out = [];
  for (let i = 0; i < ls.length; i += 2048)
    for (const e of await tok.encodeBatch(ls.slice(i, i + 2048), { addSpecialTokens: false })) out.push(e.getIds());
  return out;
};
/** The base as an encoder with the same interface as the Rust binding's batch encode. */
const baseEncoder = async (name) => {
  const rt = await loadBase(name).runtime();
  return { encodeBatch: async (ls) => (await rt.encodeBatch(ls)).map((ids) => ({ getIds: () => ids })) };
};

const summary = [];
let failed = false;
for (const job of jobs) {
  const { base, target, minJa } = JOBS[job];
  const results = [];
  const before = [];
  /** One build with the checkout at `dir`: wall, peak RSS, the summary and where it wrote. */
  const buildWith = (dir) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-'));
    const cmd = buildArgs(dir, JOBS[job], corpora, path.join(out, 'o'), dir === root ? threads : undefined);
    const t0 = process.hrtime.bigint();
    const r = time
      ? spawnSync(time, ['-f', 'PEAK_RSS_KB=%M', process.execPath, ...cmd], { encoding: 'utf8', maxBuffer: 1 << 26 })
      : spawnSync(process.execPath, cmd, { encoding: 'utf8', maxBuffer: 1 << 26 });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const rss = time ? Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 / 1024 : NaN;
    return { wall, rss, summary: JSON.parse(r.stdout), dir: path.join(out, 'o'), tmp: out };
  };
  for (let i = 0; i < runs; i++) {
    if (reference) {
      const t = buildWith(reference.dir);
      before.push(t);
      console.log(
        `${job} run ${i + 1} (${reference.commit}): wall ${t.wall.toFixed(1)} s, peak RSS ${t.rss.toFixed(2)} GB`,
      );
    }
    const r = buildWith(root);
    results.push(r);
    console.log(
      `${job} run ${i + 1}: wall ${r.wall.toFixed(1)} s, peak RSS ${r.rss.toFixed(2)} GB, stages ${JSON.stringify(r.summary.timings_ms)}`,
    );
  }
  const row = {
    job,
    base,
    target,
    wall_s: med(results.map((r) => r.wall)),
    peak_rss_gb: Math.max(...results.map((r) => r.rss)),
    runs,
  };
  if (reference) {
    row.against_wall_s = med(before.map((r) => r.wall));
    row.against_peak_rss_gb = Math.max(...before.map((r) => r.rss));
    row.ratio = row.wall_s / row.against_wall_s;
    const differ = fs
      .readdirSync(before[0].dir)
      .filter((f) => !sameFile(path.join(before[0].dir, f), path.join(results[0].dir, f)));
    row.same_artefacts = differ.length === 0 ? 'identical' : `differ: ${differ.join(', ')}`;
  }
  if (results.length > 1) {
    row.deterministic = results.every(
      (r) => JSON.stringify(r.summary.artefacts) === JSON.stringify(results[0].summary.artefacts),
    );
    if (!row.deterministic) failed = true;
  }
  const ours = Tokenizer.fromFile(path.join(results.at(-1).dir, 'tokenizer.json'));
  const theirs = await baseEncoder(base);
  const ja = path.join(shared, 'ja-eval-jglue');
  if (fs.existsSync(ja)) {
    const ls = lines(ja);
    const chars = ls.reduce((s, l) => s + [...l].length, 0);
    const count = (ids) => ids.reduce((s, x) => s + x.length, 0);
    const baseIds = await encodeAll(theirs, ls);
    const ourIds = await encodeAll(ours, ls);
    row.ja_before = chars / count(baseIds);
    row.ja_after = chars / count(ourIds);
    row.ja_longer = ourIds.filter((x, i) => x.length > baseIds[i].length).length / ls.length;
    if (row.ja_after < minJa) failed = true;
    // a SentencePiece output: SentencePiece itself gives the Rust ids on every line
    const model = path.join(results.at(-1).dir, 'tokenizer.model');
    if (fs.existsSync(model)) {
      const spm = await loadSpm(model);
      row.ja_spm_agree = ls.every((l, i) => {
        const x = spm.encodeIds(l);
        return x.length === ourIds[i].length && x.every((id, k) => id === ourIds[i][k]);
      });
      // @huggingface/tokenizers has no Unigram byte fallback: a run of byte pieces is one <unk> there
      const { js } = loadJsonRuntimes(results.at(-1).dir);
      const unigram =
        JSON.parse(fs.readFileSync(path.join(results.at(-1).dir, 'tokenizer.json'), 'utf8')).model.type === 'Unigram';
      const pieces = unigram ? readModelProto(fs.readFileSync(model)).pieces : [];
      row.ja_js_agree = ls.every((l, i) => {
        const x = js.encode(l, { add_special_tokens: false }).ids;
        const want = unigram ? bytesAsUnk(pieces, ourIds[i]) : ourIds[i];
        return x.length === want.length && x.every((id, k) => id === want[k]);
      });
      if (!row.ja_spm_agree || !row.ja_js_agree) failed = true;
    }
  }
  const en = path.join(shared, 'en-tinyshakespeare');
  if (fs.existsSync(en)) {
    const ls = lines(en);
    const a = await encodeAll(ours, ls);
    const b = await encodeAll(theirs, ls);
    row.en_lines = ls.length;
    row.en_identical = a.every((x, i) => x.length === b[i].length && x.every((id, k) => id === b[i][k]));
    if (!row.en_identical) failed = true;
  }
  for (const r of [...results, ...before]) fs.rmSync(r.tmp, { recursive: true, force: true });
  summary.push(row);
  console.log(
    `${job}: median wall ${row.wall_s.toFixed(1)} s over ${runs} run(s), peak RSS ${row.peak_rss_gb.toFixed(2)} GB; ja-eval-jglue ${row.ja_before?.toFixed(3)} -> ${row.ja_after?.toFixed(3)} chars/token, ${((row.ja_longer ?? 0) * 100).toFixed(2)}% of lines longer${row.ja_spm_agree === undefined ? '' : `, SentencePiece ${row.ja_spm_agree ? 'agrees' : 'DISAGREES'} and @huggingface/tokenizers ${row.ja_js_agree ? 'agrees' : 'DISAGREES'} with Rust on every line (Unigram: byte-fallback runs as one <unk>)`}; English ${row.en_identical ? 'identical' : 'CHANGED'} on ${row.en_lines} lines${row.deterministic === undefined ? '' : `; artefacts ${row.deterministic ? 'identical' : 'DIFFER'} across runs`}`,
  );
}

console.log(
  `\n| job | target | wall s (median of ${runs}) | peak RSS GB | ja-eval-jglue chars/token | lines longer | English |`,
);
console.log('|---|---|---|---|---|---|---|');
for (const r of summary)
  console.log(
    `| ${r.job} | ${r.target} | ${r.wall_s.toFixed(1)} | ${r.peak_rss_gb.toFixed(2)} | ${r.ja_before?.toFixed(3)} → ${r.ja_after?.toFixed(3)} | ${((r.ja_longer ?? 0) * 100).toFixed(2)}% | ${r.en_identical ? 'identical' : 'CHANGED'} |`,
  );
if (reference) {
  console.log(
    `\n| job | ${reference.commit} wall s | this wall s | ratio | ${reference.commit} peak RSS GB | this peak RSS GB | artefacts |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of summary)
    console.log(
      `| ${r.job} | ${r.against_wall_s.toFixed(1)} | ${r.wall_s.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.against_peak_rss_gb.toFixed(2)} | ${r.peak_rss_gb.toFixed(2)} | ${r.same_artefacts} |`,
    );
  fs.rmSync(reference.dir, { recursive: true, force: true });
}
console.log(
  'targets: Mistral < 600 s and < 8 GB; Llama 3 and Qwen3 each < 180 s and < 4 GB, >= 2.0 chars/token on ja-eval-jglue; llm-jp v3.1 < 180 s and < 4 GB, >= 2.10; English identical',
);
if (failed) process.exitCode = 1;
