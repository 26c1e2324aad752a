import { describe, expect, it } from 'vitest';
import { PairFilter, PairTable } from '../../src/bpe/pair-table.js';

describe('PairTable', () => {
  it('keeps every value across many growths and returns -1 for absent pairs', () => {
    const t = new PairTable(4);
    const n = 50_000;
    for (let i = 0; i < n; i++) t.set(i % 997, i, i * 3 + 1);
    expect(t.size).toBe(n);
    for (let i = 0; i < n; i++) expect(t.get(i % 997, i)).toBe(i * 3 + 1);
    expect(t.get(5, 6)).toBe(-1);
    expect(t.find(1, 0)).toBe(-1);
    expect(t.intern(0, 0)).toBe(0);
  });
});

describe('PairFilter', () => {
  it('has every pair added, and few others', () => {
    const table = new PairTable(1024);
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 200_000;
    for (let k = 0; k < 100_000; k++) table.intern(next(), next());
    const f = PairFilter.of(table, table.size);
    let missed = 0; // one assertion for all (10^5 expect calls took seconds)
    for (let k = 0; k < table.size; k++) if (!f.has(table.left(k), table.right(k))) missed++;
    expect(missed).toBe(0);
    let falsePositives = 0;
    let absent = 0;
    for (let k = 0; k < 100_000; k++) {
      const l = next() + 200_000;
      const r = next();
      absent++;
      if (f.has(l, r)) falsePositives++;
    }
    expect(falsePositives / absent).toBeLessThan(0.06); // 10^5 pairs in 2^21 bits: ~4.7%
    expect(falsePositives).toBeGreaterThan(0); // a filter, not a set: it does say yes to some
    expect(PairFilter.of(table, 10).has(table.left(50_000), table.right(50_000))).toBe(false);
  });
});
