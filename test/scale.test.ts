// The memory budget end to end: spilling changes nothing, a reduction is deterministic and
// recorded, too small a budget is refused before any work. (Speed and size: bench/scale.mjs.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/stages/build.js';
import { defaultSpec } from '../src/spec.js';
import { fixedCost, minimumBudget, memoryBudget, type MemoryPlan } from '../src/memory.js';
import { sha256File } from '../src/io/atomic.js';
import { ARTEFACTS } from '../src/io/manifest-format.js';
import { SAMPLE, cli, tmpDir } from './helpers.js';

const spec = () => ({ ...defaultSpec([{ path: SAMPLE, weight: 1 }]), target: 32300, padTo: 32320 });
const plan = (countTable: number, train: number): MemoryPlan => ({
  budget: fixedCost(32000) + train,
  countTable,
  train,
  source: 'option',
});
const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

describe('memory budget', () => {
  const dir = tmpDir();
  const exact = path.join(dir, 'exact');

  it('spilling the count table to disk gives byte-identical artefacts', async () => {
    await build(spec(), { out: exact, force: false });
    const notes: string[] = [];
    const spilled = path.join(dir, 'spilled');
    const r = await build(spec(), {
      out: spilled,
      force: false,
      memory: plan(32 << 10, 1 << 30),
      tmpDir: dir,
      onNote: (n) => notes.push(n),
    });
    expect(r.count.spills).toBeGreaterThan(1);
    expect(notes.join('\n')).toMatch(/counting spilled to disk \d+ time\(s\).*the counts stay exact/);
    for (const f of ARTEFACTS) expect(sha256File(path.join(spilled, f)), f).toBe(sha256File(path.join(exact, f)));
    expect(manifest(exact).training.reduction.dropped_chunks).toBe(0);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('tokext-spill-'))).toEqual([]);
  });

  it("a training budget below the words' needs leaves out the rarest chunks, deterministically and on record", async () => {
    const needed = manifest(exact).training.reduction.needed_bytes as number;
    const budget = Math.floor(needed * 0.5); // half of what the words need: about half of them fit
    const a = path.join(dir, 'reduced-a');
    const b = path.join(dir, 'reduced-b');
    const notes: string[] = [];
    await build(spec(), { out: a, force: false, memory: plan(1 << 30, budget), onNote: (n) => notes.push(n) });
    await build(spec(), { out: b, force: false, memory: plan(16 << 10, budget), tmpDir: dir }); // spilled too: same choice
    const red = manifest(a).training.reduction;
    expect(red.dropped_chunks).toBeGreaterThan(0);
    expect(red.needed_bytes).toBe(needed);
    expect(red.kept_chunks + red.dropped_chunks).toBe(manifest(exact).training.reduction.kept_chunks); // every trainable chunk, kept or not
    expect(red.dropped_chunks / (red.kept_chunks + red.dropped_chunks)).toBeGreaterThan(0.3);
    expect(red.dropped_char_share).toBeGreaterThan(0);
    expect(red.dropped_char_share).toBeLessThan(1);
    expect(red.rule).toMatch(/^left out: .*chunks seen/);
    expect(notes.join('\n')).toMatch(/training on [\d,]+ of [\d,]+ chunks to fit the memory budget/);
    for (const f of ARTEFACTS) expect(sha256File(path.join(b, f)), f).toBe(sha256File(path.join(a, f)));
    expect(manifest(a).verify.ok).toBe(true);
  });

  it('refuses a budget below what the base needs, before any work, naming the minimum', async () => {
    expect(() => memoryBudget(100 * 1024 ** 2, 32000)).toThrow(/--memory 100 MB is below the \d+ MB this base needs/);
    const out = path.join(dir, 'tiny');
    const r = await cli([
      'build',
      '--no-db',
      '--corpus',
      SAMPLE,
      '--memory',
      '100M',
      '--out',
      out,
      '--progress',
      'json',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`pass --memory ${Math.ceil(minimumBudget(32000) / 1024 ** 2)}M or more`));
    expect(r.stderr).not.toMatch(/"stage"/);
    expect(fs.existsSync(out)).toBe(false);
    expect((await cli(['build', '--corpus', SAMPLE, '--memory', 'lots', '--out', out])).stderr).toMatch(
      /--memory must be a size such as 4G/,
    );
  });

  it('prints the budget at the start and records the reduction in --json', async () => {
    const r = await cli([
      'build',
      '--no-db',
      '--corpus',
      SAMPLE,
      '--memory',
      '2G',
      '--target',
      '32300',
      '--out',
      path.join(dir, 'json'),
      '--json',
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/memory budget 2\.0 GB/);
    const j = JSON.parse(r.stdout);
    expect(j.memory_budget).toBe(2 * 1024 ** 3);
    expect(j.reduction).toMatchObject({ dropped_chunks: 0, dropped_char_share: 0 });
  });
});
