import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED, CORPORA, ROOT, cli, tmpDir } from '../helpers.js';

const BIN = path.join(ROOT, 'bin', 'tokext.js');
/** `tokext ARGS` run in this worker, whose working directory is ROOT (the relative corpus paths
 * below need it). The process itself (the shell, signals) is the Ctrl-C test's and shell.test.ts's. */
const run = (...args: string[]) => cli(args);

describe('tokext CLI', () => {
  it('explains itself with --help', async () => {
    const r = await run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/build/);
    expect(r.stdout).toMatch(/verify/);
    const b = await run('build', '--help');
    expect(b.stdout).toMatch(/--corpus/);
    expect(b.stdout).toMatch(/--allow-non-japanese/);
  });
  it('gives a usage error (exit 2) for a missing corpus and bad numbers', async () => {
    const dir = tmpDir();
    const r = await run('build', '--out', path.join(dir, 'o'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no --corpus given/);
    const t = await run('build', '--corpus', 'corpora/sample', '--target', 'lots', '--out', path.join(dir, 'o'));
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/--target must be a whole number/);
    const m = await run('build', '--corpus', path.join(dir, 'missing'), '--out', path.join(dir, 'o'));
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/corpus not found/);
  });
  it('names file and line for invalid UTF-8 (exit 1) and writes nothing', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0xe3, 0x81, 0x82, 0x0a, 0xc3, 0x28, 0x0a]));
    const r = await run(
      'build',
      '--corpus',
      path.join(dir, 'bad.txt'),
      '--target',
      '32100',
      '--out',
      path.join(dir, 'o'),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.txt:2: invalid UTF-8/);
    expect(r.stderr).toMatch(/--skip-invalid/);
    expect(fs.readdirSync(dir)).toEqual(['bad.txt']);
  });
  it('runs the stage commands train -> plan -> write into a directory verify accepts', async () => {
    const dir = tmpDir();
    const pieces = path.join(dir, 'pieces.json');
    const planFile = path.join(dir, 'plan.json');
    const trained = await run(
      'train',
      '--corpus',
      'corpora/sample',
      '--target',
      '32500',
      '--out',
      pieces,
      '--progress',
      'none',
    );
    expect(trained.status, trained.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(pieces, 'utf8')).pieces.length).toBeGreaterThan(500);
    const planned = await run('plan', '--pieces', pieces, '--out', planFile);
    expect(planned.status, planned.stderr).toBe(0);
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
    expect(plan.rows.length).toBe(500);
    expect(plan.padding).toBe(12);
    const written = await run('write', '--plan', planFile, '--out', path.join(dir, 'out'));
    expect(written.status, written.stderr).toBe(0);
    const v = await run('verify', path.join(dir, 'out'), '--json');
    expect(v.status).toBe(0);
    expect(JSON.parse(v.stdout).ok).toBe(true);
    // write takes the plan's rows as they are: the written ids are the plan's ids
    const vocab = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'tokenizer.json'), 'utf8')).model.vocab as Record<
      string,
      number
    >;
    for (const r of plan.rows) expect(vocab[r.piece], r.piece).toBe(r.id);
    // a row the base cannot reach is refused, naming the plan file and the row, and nothing is written
    const swapped = structuredClone(plan);
    swapped.rows[7].piece = '\u{2FFF0}\u{2FFF1}';
    const bad = path.join(dir, 'plan-bad.json');
    fs.writeFileSync(bad, JSON.stringify(swapped));
    const w = await run('write', '--plan', bad, '--out', path.join(dir, 'out-bad'));
    expect(w.status).toBe(1);
    expect(w.stderr).toMatch(
      new RegExp(`plan-bad\\.json: \\d+ planned pieces cannot be had with this base \\(id ${plan.rows[7].id} `),
    );
    expect(fs.existsSync(path.join(dir, 'out-bad'))).toBe(false);
    const renumbered = structuredClone(plan);
    renumbered.rows[3].id += 1;
    fs.writeFileSync(bad, JSON.stringify(renumbered));
    const w2 = await run('write', '--plan', bad, '--out', path.join(dir, 'out-bad'));
    expect(w2.status).toBe(1);
    expect(w2.stderr).toMatch(/row 3 has id \d+, expected \d+/);
  });
  it.skipIf(!HAS_SHARED)('Ctrl-C mid-build exits 130 and leaves no output or temporary files', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'o');
    const child = spawn(
      process.execPath,
      [BIN, 'build', '--corpus', path.join(CORPORA, 'ja-train-wikipedia'), '--out', out, '--progress', 'json'],
      { cwd: ROOT },
    );
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      if (err.includes('"stage":"merge"') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    expect(code).toBe(130);
    expect(err).toMatch(/interrupted/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
