// Source balancing: a --corpus source's share of the counts goes as size^alpha.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { balancedWeights } from '../../src/corpus/files.js';
import { countCorpora } from '../../src/corpus/count.js';
import { sentencePiecePretokenizer } from '../../src/corpus/pretokenize.js';
import { tmpDir } from '../helpers.js';

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
    expect(b).toBeCloseTo(2 * 8 ** 0.7, 12);
    // shares: 800 * 1 : 100 * 8^0.7 = 800^0.3 : 100^0.3 (times the weights)
    expect((800 * a!) / (100 * (b! / 2))).toBeCloseTo((800 / 100) ** 0.3, 12);
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
    expect(both.m.get('▁かきく')).toBeCloseTo(10 * 8 ** 0.7, 9);
    expect(both.weights).toEqual([1, 8 ** 0.7]);
    expect((await counts([{ path: small, weight: 1 }])).m.get('▁かきく')).toBe(10);
  });
});
