import { describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import { diffVocab, compareMerges, renderDiff } from '../../src/diff/diff.js';
import { remapTable } from '../../src/diff/efficiency.js';
import { PieceType, type Piece } from '../../src/vocab/model.js';

fc.configureGlobal({ seed: 20261126, numRuns: 50 });
const side = (label: string, pieces: Piece[], paddingIds: number[] = []) => ({
  label,
  modelType: 'BPE',
  pieces,
  paddingIds,
});
const normal = (s: string[]) => s.map((piece, i) => ({ piece, score: -i, type: PieceType.NORMAL }));

describe('diff', () => {
  it.prop([
    fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'あ', 'い'), minLength: 1, maxLength: 4 }), {
      maxLength: 30,
    }),
  ])('diff(v, v) is empty', (pieces) => {
    const v = side('v', normal(pieces));
    const d = diffVocab(v, v);
    expect(d.same).toBe(true);
    expect(renderDiff(d)).toMatch(/no change/);
  });
  it('reports added, removed, renumbered and re-scored pieces and padding', () => {
    const a = side('a', normal(['a', 'b', 'c', 'ab']));
    const bp: Piece[] = [
      ['a', 0],
      ['c', -2],
      ['b', -1],
      ['ab', -9],
      ['abc', -4],
    ].map(([piece, score]) => ({ piece: piece as string, score: score as number, type: PieceType.NORMAL }));
    bp.push({ piece: '<|extra_0|>', score: 0, type: PieceType.CONTROL });
    const d = diffVocab(a, side('b', bp, [5]));
    expect(d.added).toEqual([{ id: 4, piece: 'abc' }]);
    expect(d.added_padding).toEqual([{ id: 5, piece: '<|extra_0|>' }]);
    expect(d.removed).toEqual([]);
    expect(d.renumbered).toEqual([
      { piece: 'c', from: 2, to: 1 },
      { piece: 'b', from: 1, to: 2 },
    ]);
    expect(d.changed).toEqual([{ piece: 'ab', id: 3, score: { from: -3, to: -9 } }]);
    const r = remapTable(a, side('b', bp, [5])) as {
      rows: { id: number; from?: number; from_ids?: number[]; init?: string }[];
    };
    expect(r.rows[1]).toMatchObject({ id: 1, from: 2 });
    expect(r.rows[4]).toMatchObject({ id: 4, init: 'mean', from_ids: [3, 2] });
    expect(r.rows[5]).toMatchObject({ id: 5, init: 'zero' });
  });
  it('counts reordered merges as the fewest that moved', () => {
    expect(compareMerges(['a b', 'c d', 'e f'], ['c d', 'a b', 'e f', 'g h'])).toMatchObject({
      kept: 3,
      reordered: 1,
      added: 1,
      removed: 0,
    });
    // One merge moved to the end: one reordered, not four; removals before a merge move nothing.
    expect(compareMerges(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a'])).toMatchObject({
      kept: 4,
      reordered: 1,
      first_reordered: [{ merge: 'a', rank_a: 0, rank_b: 3 }],
    });
    expect(compareMerges(['x', 'a', 'b', 'c'], ['a', 'b', 'c'])).toMatchObject({ kept: 3, reordered: 0, removed: 1 });
    expect(compareMerges(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'])).toMatchObject({ reordered: 3 });
  });
  it.prop([fc.uniqueArray(fc.nat(30), { maxLength: 25 }), fc.uniqueArray(fc.nat(30), { maxLength: 25 })])(
    'reordered = kept minus the longest common order (O(n^2) reference)',
    (xs, ys) => {
      const a = xs.map(String);
      const b = ys.map(String);
      const kept = a.filter((m) => b.includes(m));
      const ranks = kept.map((m) => b.indexOf(m));
      const best = ranks.map(() => 1);
      ranks.forEach((r, i) => {
        for (let j = 0; j < i; j++) if (ranks[j]! < r) best[i] = Math.max(best[i]!, best[j]! + 1);
      });
      const lis = Math.max(0, ...best);
      expect(compareMerges(a, b).reordered).toBe(kept.length - lis);
    },
  );
});
