// Reading text as UTF-16 units without making strings (the trainer's scan of the chunks) gives
// what the string functions give: code points as codePointAt reads them (surrogate pairs, lone
// surrogates), the chunk hash, and whether a text holds Japanese under each policy.
import { describe, expect, it } from 'vitest';
import { hashUnitArray, hashUnits } from '../../src/corpus/chunk-table.js';
import { pieceRule } from '../../src/corpus/policy.js';
import { codePointOfUnits, containsJapanese, unitsContainJapanese } from '../../src/corpus/unicode.js';

const TEXTS = [
  '',
  'plain ascii',
  '▁日本語のテキスト',
  'emoji 😀 and 𠮷野家',
  'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800, at end \ud83d',
  'ｶﾀｶﾅ and ＡＢＣ',
  'Ελληνικά ▁ only',
];

const allUnits = (s: string) => {
  const u = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
};

describe('UTF-16 units read as text', () => {
  it('code points, hashes and the Japanese test agree with the string functions', () => {
    // all texts end to end in one array, each read by its own range (as a scan batch holds them)
    const joined = TEXTS.join('');
    const units = allUnits(joined);
    let at = 0;
    for (const t of TEXTS) {
      const end = at + t.length;
      const cps: number[] = [];
      for (let i = at; i < end; i++) {
        const cp = codePointOfUnits(units, i, end);
        cps.push(cp);
        if (cp > 0xffff) i++;
      }
      const expected: number[] = [];
      for (let i = 0; i < t.length; i++) {
        const cp = t.codePointAt(i)!;
        expected.push(cp);
        if (cp > 0xffff) i++;
      }
      expect(cps).toEqual(expected);
      expect(hashUnitArray(units, at, end)).toBe(hashUnits(t, 0, t.length));
      expect(unitsContainJapanese(units, at, end)).toBe(containsJapanese(t));
      for (const policy of ['japanese-only', 'allow-non-japanese'] as const) {
        const rule = pieceRule(policy);
        expect(rule.trainsOnUnits(units, at, end)).toBe(rule.trainsOn(t));
      }
      at = end;
    }
    expect(TEXTS.filter((t) => containsJapanese(t)).length).toBe(3); // both answers occur
  });
});
