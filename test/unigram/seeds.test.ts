// Seed pieces (src/unigram/seeds.ts) on a corpus counted by hand.
import { describe, expect, it } from 'vitest';
import { chunkText } from '../../src/unigram/chunks.js';
import { seedPieces } from '../../src/unigram/seeds.js';

// "abcd" 3 times, "abce" twice. Substrings and what follows them:
//   ab 5 (always c: it never branches, so no seed), bc 5 (d or e), cd 3 (the end), ce 2 (the end),
//   abc 5 (d or e), bcd 3, bce 2, abcd 3, abce 2 (the end)
// by count × length: abc 15, abcd 12, bc 10, bcd 9, abce 8, bce 6 = cd 6 (by text), ce 4;
// the characters first, by count: a 5, b 5, c 5, d 3, e 2
const TEXT = chunkText(['abcd', 'abce'], [3, 2], () => true);
const seeds = (o: Partial<Parameters<typeof seedPieces>[1]>) =>
  seedPieces(TEXT, { maxLength: 4, minCount: 2, size: 100, admits: () => true, inBase: () => false, ...o }).map(
    (s) => `${s.piece}:${s.count}`,
  );

describe('seedPieces', () => {
  it('characters, then branching substrings by count × length, ties by text', () => {
    expect(seeds({})).toEqual([
      'a:5',
      'b:5',
      'c:5',
      'd:3',
      'e:2',
      'abc:5',
      'abcd:3',
      'bc:5',
      'bcd:3',
      'abce:2',
      'bce:2',
      'cd:3',
      'ce:2',
    ]);
  });

  it('the size best substrings; minCount; maxLength; admitted and new ones only', () => {
    expect(seeds({ size: 3 }).slice(5)).toEqual(['abc:5', 'abcd:3', 'bc:5']);
    expect(seeds({ minCount: 3 })).toEqual(['a:5', 'b:5', 'c:5', 'd:3', 'abc:5', 'abcd:3', 'bc:5', 'bcd:3', 'cd:3']);
    expect(seeds({ maxLength: 2 })).toEqual(['a:5', 'b:5', 'c:5', 'd:3', 'e:2', 'bc:5', 'cd:3', 'ce:2']);
    expect(seeds({ admits: (p) => !p.includes('d'), inBase: (p) => p === 'a' || p === 'bc' })).toEqual([
      'b:5',
      'c:5',
      'e:2',
      'abc:5',
      'abce:2',
      'bce:2',
      'ce:2',
    ]);
  });
});
