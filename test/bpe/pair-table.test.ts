import { describe, expect, it } from 'vitest';
import { PairTable } from '../../src/bpe/pair-table.js';

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
