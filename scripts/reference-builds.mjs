#!/usr/bin/env node
// Builds the reference jobs (Mistral, Llama 3, Qwen3, Gemma 3 on the 132 MB training corpora)
// with the tokext checkout this script sits in, into OUT/<job>/, so that two checkouts' outputs
// can be compared file by file: a refactor must leave every artefact byte-identical.
//
//   node scripts/reference-builds.mjs OUT [--small] [--only job,job]
//   node scripts/reference-builds.mjs --compare A B      # cmp every file of A/<job> and B/<job>
//
// --small builds on the bundled sample corpus (seconds instead of minutes; the same code paths).
// The figures of a run are its wall times; compare outputs, not times, on a shared machine.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DATA = path.resolve(ROOT, '../shared/data/corpora');

/** Each job's base and target: the README's reference jobs (Gemma 3: its base + 32,000). */
const JOBS = {
  mistral: { base: 'mistral-7b-v0.1', target: 120073, small: 34000 },
  'llama-3': { base: 'llama-3', target: 160256, small: 130256 },
  qwen3: { base: 'qwen3', target: 183669, small: 153669 },
  'gemma-3': { base: 'gemma-3', target: 294145, small: 264145 },
};

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

function compare(a, b) {
  let bad = 0;
  for (const job of fs.readdirSync(a).sort()) {
    const fa = filesUnder(path.join(a, job));
    const fb = fs.existsSync(path.join(b, job)) ? filesUnder(path.join(b, job)) : [];
    for (const f of new Set([...fa, ...fb])) {
      const pa = path.join(a, job, f);
      const pb = path.join(b, job, f);
      const same = fs.existsSync(pa) && fs.existsSync(pb) && fs.readFileSync(pa).equals(fs.readFileSync(pb));
      console.log(`${same ? 'same     ' : 'DIFFERENT'} ${job}/${f}`);
      if (!same) bad++;
    }
  }
  console.log(bad === 0 ? 'every file byte-identical' : `${bad} file(s) differ`);
  process.exit(bad === 0 ? 0 : 1);
}

const args = process.argv.slice(2);
if (args[0] === '--compare') compare(path.resolve(args[1]), path.resolve(args[2]));
else {
  const out = path.resolve(args[0] ?? 'out/reference');
  const small = args.includes('--small');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : Object.keys(JOBS);
  // the sample is copied to one place so that two checkouts record the same corpus path
  const sample = path.join(os.tmpdir(), 'tokext-reference-sample');
  if (small) fs.cpSync(path.join(ROOT, 'corpora/sample'), sample, { recursive: true });
  const corpora = small
    ? ['--corpus', sample]
    : ['--corpus', path.join(DATA, 'ja-train-aozora'), '--corpus', path.join(DATA, 'ja-train-wikipedia')];
  for (const job of only) {
    const { base, target, small: smallTarget } = JOBS[job];
    const dir = path.join(out, job);
    const argv = [
      'bin/tokext.js',
      'build',
      ...corpora,
      '--base',
      base,
      '--target',
      String(small ? smallTarget : target),
    ];
    const t = Date.now();
    const r = spawnSync(process.execPath, [...argv, '--out', dir, '--force', '--no-db'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`${job}: tokext build exited ${r.status}`);
    console.log(
      `${job}: ${((Date.now() - t) / 1000).toFixed(1)} s, ${execFileSync('du', ['-sh', dir]).toString().split('\t')[0]}`,
    );
  }
}
