// Source balancing: a --corpus source's share of the counts goes as size^alpha.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { balancedWeights, exactWeight } from '../../src/corpus/files.js';
import { countCorpora } from '../../src/corpus/count.js';
import { sentencePiecePretokenizer } from '../../src/corpus/pretokenize.js';
import { loadMistralFromPackage } from '../../src/base/sentencepiece.js';
import { sentencePieceAlphabet } from '../../src/train/alphabet.js';
import { trainContinued } from '../../src/train/continued.js';
import { SAMPLE, tmpDir } from '../helpers.js';

describe('balancedWeights', () => {
  it('keeps the largest source at its weight and raises smaller ones by (max/size)^(1-alpha)', () => {
    expect(
      balancedWeights(
        [
          { bytes: 800, weight: 1 },
          { bytes: 100, weight: 1 },
        ],
        1,
      ),
    ).toEqual([1, 1]);
    expect(
      balancedWeights(
        [
          { bytes: 800, weight: 1 },
          { bytes: 100, weight: 1 },
        ],
        0,
      ),
    ).toEqual([1, 8]);
    const [a, b] = balancedWeights(
      [
        { bytes: 800, weight: 1 },
        { bytes: 100, weight: 2 },
      ],
      0.3,
    );
    expect(a).toBe(1);
    expect(b).toBe(Math.round(2 * 8 ** 0.7 * 65536) / 65536); // on the grid of exact weights
    // shares: 800 * 1 : 100 * 8^0.7 = 800^0.3 : 100^0.3 (times the weights)
    expect((800 * a!) / (100 * (b! / 2))).toBeCloseTo((800 / 100) ** 0.3, 4);
    expect(balancedWeights([{ bytes: 5, weight: 3 }], 0.3)).toEqual([3]);
  });

  it("applies to counting: a small source's chunks count (max/size)^0.7 times, a single source once", async () => {
    const dir = tmpDir();
    const big = path.join(dir, 'big.txt');
    const small = path.join(dir, 'small.txt');
    fs.writeFileSync(big, 'あいう\n'.repeat(80)); // 800 bytes
    fs.writeFileSync(small, 'かきく\n'.repeat(10)); // 100 bytes
    const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: false });
    const counts = async (corpora: { path: string; weight: number }[]) => {
      const r = await countCorpora(sp, {
        corpora,
        textField: 'text',
        skipInvalid: false,
        balance: 0.3,
        tableBytes: 1 << 24,
      });
      const m = new Map<string, number>();
      await r.chunks.forEach((s, n) => m.set(s, n));
      r.chunks.dispose();
      return { m, weights: r.files.map((f) => f.weight) };
    };
    const both = await counts([
      { path: big, weight: 1 },
      { path: small, weight: 1 },
    ]);
    expect(both.m.get('▁あいう')).toBe(80);
    expect(both.m.get('▁かきく')).toBe(10 * exactWeight(8 ** 0.7));
    expect(both.weights).toEqual([1, exactWeight(8 ** 0.7)]);
    expect((await counts([{ path: small, weight: 1 }])).m.get('▁かきく')).toBe(10);
  });

  it('puts weights on a grid where sums are exact: a weight of at least one step, multiples of 2^-16', () => {
    expect(exactWeight(1)).toBe(1);
    expect(exactWeight(4.326979623301148)).toBe(283573 / 65536);
    expect(exactWeight(1e-9)).toBe(1 / 65536);
    // 0.1 is not exact in binary: ten of them do not add up to 1; ten exact weights do, in any order
    expect(
      Array(10)
        .fill(0.1)
        .reduce((s, x) => s + x, 0),
    ).not.toBe(1);
    const w = exactWeight(0.1);
    const parts = [w, 3 * w, 7 * w, 2 * w, 5 * w];
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(sum(parts)).toBe(sum([...parts].reverse()));
    expect(sum(parts)).toBe(18 * w);
  });
});

describe('weighted counts do not depend on reading order', () => {
  it('two weighted sources read in either order train the same pieces with the same counts', async () => {
    const dir = tmpDir();
    const lines = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').split('\n');
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    fs.writeFileSync(a, lines.filter((_, k) => k % 2 === 0).join('\n'));
    fs.writeFileSync(b, lines.filter((_, k) => k % 2 === 1).join('\n'));
    const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: true });
    const base = loadMistralFromPackage();
    const train = async (corpora: { path: string; weight: number }[]) => {
      const r = await countCorpora(sp, {
        corpora,
        textField: 'text',
        skipInvalid: false,
        balance: 1,
        tableBytes: 1 << 26,
      });
      const o = { maxPieces: 1500, characterCoverage: 1, minPairCount: 2, allowNonJapanese: false, maxPieceLength: 16 };
      return (await trainContinued(sentencePieceAlphabet(base.model, o), r.chunks, o)).pieces;
    };
    const ab = await train([
      { path: a, weight: 1 },
      { path: b, weight: 4.326979623301148 },
    ]);
    const ba = await train([
      { path: b, weight: 4.326979623301148 },
      { path: a, weight: 1 },
    ]);
    expect(ab.length).toBe(1500);
    expect(ba).toEqual(ab);
  });
});
