// Messages that must say what is true: the shortfall hint when no piece could be had at all, a
// --memory without a unit, a budget above the machine's RAM, and count offering only what it reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSentencePiece as plan } from '../../src/plan/sentencepiece.js';
import { PieceType, type Piece } from '../../src/vocab/model.js';
import { parseSize } from '../../src/memory.js';
import { SAMPLE, cli, tmpDir } from '../helpers.js';

const toyBase = (): Piece[] => [
  { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
  ...Array.from({ length: 256 }, (_, b) => ({
    piece: `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
    score: 0,
    type: PieceType.BYTE,
  })),
  ...['▁', 'あ', 'い'].map((c, i) => ({ piece: c, score: -(i + 1), type: PieceType.NORMAL })),
];
const model = { pieces: toyBase(), trainerSpec: {}, normalizerSpec: {}, paddingIds: [] };
const n = model.pieces.length;
const layout = (target: number) => ({ target, padTo: target, padPrefix: '<|extra_', prune: 0 });
const hintOf = async (f: () => Promise<unknown>) => {
  try {
    await f();
  } catch (e) {
    return (e as { suggestion?: string }).suggestion ?? '';
  }
  throw new Error('expected an error');
};

describe('the shortfall hint', () => {
  it('says the corpus has nothing the policy can learn from when no piece could be had', async () => {
    const hint = await hintOf(() => plan(model, [], layout(n + 5)));
    expect(hint).toMatch(/no text the policy can learn from \(no Japanese text\?/);
    expect(hint).toMatch(/--allow-non-japanese/);
    expect(hint).not.toMatch(/at most/);
  });
  it('keeps "at most N" when some pieces could be had', async () => {
    expect(await hintOf(() => plan(model, [{ piece: 'あい', kind: 'new-merge', count: 3 }], layout(n + 5)))).toMatch(
      new RegExp(`lower --target to at most ${n + 1}`),
    );
  });
  const dir = tmpDir();
  const ascii = path.join(dir, 'en.txt');
  fs.writeFileSync(ascii, 'hello world, this is English text only\nanother line of ASCII text here\n'.repeat(20));
  it.each([
    ['mistral-7b-v0.1', '32100'],
    ['llama-3', '128300'],
  ])('on an ASCII-only corpus (%s) it never suggests a target at or below the base size', async (base, target) => {
    const r = await cli([
      'build',
      '--no-db',
      '--base',
      base,
      '--corpus',
      ascii,
      '--target',
      target,
      '--out',
      path.join(dir, `o-${base}`),
      '--progress',
      'none',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/supplied 0 usable new/);
    expect(r.stderr).toMatch(/hint: the corpus has no text the policy can learn from/);
    expect(r.stderr).not.toMatch(/lower --target to at most/);
  });
});

describe('--memory', () => {
  it('refuses a bare number, asking for a unit', async () => {
    expect(() => parseSize('4096')).toThrow(/--memory 4096: give a unit, e.g\. 4096M or 4G/);
    expect(parseSize('4096M')).toBe(4096 * 1024 ** 2);
    expect(parseSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('800MB')).toBe(800 * 1024 ** 2);
    const r = await cli([
      'build',
      '--no-db',
      '--corpus',
      SAMPLE,
      '--memory',
      '4096',
      '--out',
      path.join(tmpDir(), 'o'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--memory 4096: give a unit/);
    expect(r.stderr).not.toMatch(/0 MB/);
  });
  it('says in --help that a unit is needed', async () => {
    expect((await cli(['build', '--help'])).stdout.replace(/\s+/g, ' ')).toMatch(
      /--memory <size> memory budget of the whole run, with a unit K, M, G or T/,
    );
    expect((await cli(['count', '--help'])).stdout.replace(/\s+/g, ' ')).toMatch(
      /the peak RSS may exceed it by up to 512 MB/,
    );
  });
  it("warns when the budget is above the machine's RAM", async () => {
    const above = `${Math.ceil((2 * os.totalmem()) / 1024 ** 3)}G`;
    const r = await cli([
      'build',
      '--no-db',
      '--corpus',
      SAMPLE,
      '--target',
      '32100',
      '--memory',
      above,
      '--no-verify',
      '--out',
      path.join(tmpDir(), 'o'),
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /tokext: the memory budget .* is more than this machine's .* of RAM: the machine will not enforce it, and the run may be killed .*\(OOM\)/,
    );
  });
  it("warns count too when the budget is above the machine's RAM", async () => {
    const above = `${Math.ceil((2 * os.totalmem()) / 1024 ** 3)}G`;
    const r = await cli([
      'count',
      '--corpus',
      SAMPLE,
      '--memory',
      above,
      '--out',
      path.join(tmpDir(), 'c.parquet'),
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/tokext: the memory budget .* is more than this machine's .* of RAM/);
  });
});

describe('count offers only what counting reads', () => {
  it('lists the counting options and none of the training ones', async () => {
    const help = (await cli(['count', '--help'])).stdout;
    for (const f of [
      '--corpus',
      '--base',
      '--text-field',
      '--skip-invalid',
      '--balance',
      '--split-by-script',
      '--memory',
      '--tmp-dir',
      '--out',
    ])
      expect(help).toContain(f);
    for (const f of ['--target', '--pad-to', '--prune', '--min-count', '--character-coverage', '--allow-non-japanese'])
      expect(help).not.toContain(f);
  });
  it.each([
    ['--target', '5'],
    ['--prune', '0.5'],
    ['--min-count', '3'],
  ])('refuses %s as an unknown option', async (flag, v) => {
    const out = path.join(tmpDir(), 'c.parquet');
    const r = await cli(['count', '--corpus', SAMPLE, flag, v, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`unknown option '${flag}'`));
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('eval', () => {
  it('without a tokenizer is a usage error naming the option', async () => {
    const r = await cli(['eval', '--corpus', SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/must name at least one tokenizer \(--tokenizer\)/);
  });
});
