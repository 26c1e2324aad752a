// efficiencyDiff on two hand-made SentencePiece-BPE vocabularies whose encodings of every test
// line are worked out below by hand: exact chars, tokens, chars/token, savings and the
// most-changed lines.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { efficiencyDiff } from '../../src/diff/efficiency.js';
import type { DiffSide } from '../../src/diff/diff.js';
import { emptyBpeModel } from '../../src/train/scratch.js';
import { PieceType } from '../../src/vocab/model.js';
import { tmpDir } from '../helpers.js';

/** Specials and the 256 byte pieces (ids 0..258, Mistral's layout and specs), then `extra`
 * NORMAL pieces with the given scores. */
function side(label: string, extra: [string, number][]): DiffSide {
  const m = emptyBpeModel(259 + extra.length, false);
  const pieces = [...m.pieces, ...extra.map(([piece, score]) => ({ piece, score, type: PieceType.NORMAL }))];
  return {
    label,
    modelType: 'BPE',
    pieces,
    paddingIds: [],
    trainerSpec: m.trainerSpec,
    normalizerSpec: m.normalizerSpec,
  };
}

// A: the characters only. B: A plus three merges; "bc" scores above "ab", so in "▁abc" the
// SentencePiece encoder merges b+c first and "ab" can no longer form.
const CHARS: [string, number][] = [
  ['▁', 0],
  ['a', -1],
  ['b', -2],
  ['c', -3],
];
const A = side('A', CHARS);
const B = side('B', [...CHARS, ['bc', -4], ['ab', -5], ['▁ab', -6]]);

// Each line is normalised to "▁" + line with spaces as ▁ (add_dummy_prefix, identity). Tokens
// by hand (A / B), chars = code points of the raw line:
//   "ab ab"  ▁ab▁ab  A: ▁ a b ▁ a b = 6   B: ab twice, then ▁+ab twice: ▁ab ▁ab = 2   chars 5
//   "abc"    ▁abc    A: ▁ a b c = 4       B: bc (-4) beats ab (-5): ▁ a bc = 3 (abc, ▁a no piece)  chars 3
//   "cab"    ▁cab    A: 4                 B: ▁ c ab = 3 (▁c, cab no piece)                       chars 3
//   ""       skipped: not a line
//   "é"      ▁é      é is no piece: byte fallback C3 A9 → ▁ <0xC3> <0xA9> = 3 in both      chars 1
//   "😀"     ▁😀     four UTF-8 bytes → ▁ + 4 byte pieces = 5 in both                        chars 1 (2 UTF-16 units)
//   " "      ▁▁      no ▁▁ piece (remove_extra_whitespaces is off) → 2 in both                 chars 1
// Totals: 6 lines, 14 chars; A 6+4+4+3+5+2 = 24 tokens, B 2+3+3+3+5+2 = 18 tokens.
const LINES = ['ab ab', 'abc', 'cab', '', 'é', '😀', ' '];

describe('efficiencyDiff', () => {
  const dir = tmpDir();
  const corpus = path.join(dir, 'tiny.txt');
  fs.writeFileSync(corpus, LINES.join('\n') + '\n');

  it('reports the hand-computed chars, tokens, chars/token, savings and changed lines', async () => {
    const e = await efficiencyDiff(A, B, [corpus]);
    expect(e).toEqual({
      lines: 6,
      chars: 14,
      a: { tokens: 24, chars_per_token: 0.5833 }, // 14 / 24 = 0.58333…, rounded to 4 places
      b: { tokens: 18, chars_per_token: 0.7778 }, // 14 / 18 = 0.77777…
      tokens_saved: 6,
      // |6 - 2| = 4 first; the two lines that changed by 1 keep their corpus order
      most_changed: [
        { text: 'ab ab', tokens_a: 6, tokens_b: 2 },
        { text: 'abc', tokens_a: 4, tokens_b: 3 },
        { text: 'cab', tokens_a: 4, tokens_b: 3 },
      ],
    });
  });

  it('is antisymmetric: B→A loses what A→B saves', async () => {
    const e = await efficiencyDiff(B, A, [corpus]);
    expect(e.a).toEqual({ tokens: 18, chars_per_token: 0.7778 });
    expect(e.b).toEqual({ tokens: 24, chars_per_token: 0.5833 });
    expect(e.tokens_saved).toBe(-6);
    expect(e.most_changed[0]).toEqual({ text: 'ab ab', tokens_a: 2, tokens_b: 6 });
  });

  it('a version against itself changes nothing', async () => {
    const e = await efficiencyDiff(B, B, [corpus]);
    expect(e).toMatchObject({
      lines: 6,
      chars: 14,
      a: { tokens: 18 },
      b: { tokens: 18 },
      tokens_saved: 0,
      most_changed: [],
    });
  });

  it('sums over several corpora, a file and a directory', async () => {
    const sub = path.join(dir, 'more');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'x.txt'), 'ab ab ab\n'); // ▁ab▁ab▁ab: A 9, B 3; chars 8
    const e = await efficiencyDiff(A, B, [corpus, sub]);
    expect(e).toMatchObject({
      lines: 7,
      chars: 22,
      a: { tokens: 33, chars_per_token: 0.6667 },
      b: { tokens: 21, chars_per_token: 1.0476 },
      tokens_saved: 12,
    });
    expect(e.most_changed[0]).toEqual({ text: 'ab ab ab', tokens_a: 9, tokens_b: 3 });
  });

  it('keeps the biggest changes when more than top × 50 lines changed (the running cut)', async () => {
    // "ab ab" (−4) first, then 120 lines "abc" (−1) pass the cut of 2 × 50 entries, then
    // "ab ab ab" (−6) and "cab" (−1) after it.
    const f = path.join(dir, 'many.txt');
    fs.writeFileSync(f, ['ab ab', ...Array<string>(120).fill('abc'), 'ab ab ab', 'cab'].join('\n'));
    const e = await efficiencyDiff(A, B, [f], { top: 2 });
    expect(e.lines).toBe(123);
    expect(e.chars).toBe(5 + 120 * 3 + 8 + 3);
    expect(e.a.tokens).toBe(6 + 120 * 4 + 9 + 4);
    expect(e.b.tokens).toBe(2 + 120 * 3 + 3 + 3);
    expect(e.tokens_saved).toBe(4 + 120 + 6 + 1);
    expect(e.most_changed).toEqual([
      { text: 'ab ab ab', tokens_a: 9, tokens_b: 3 },
      { text: 'ab ab', tokens_a: 6, tokens_b: 2 },
    ]);
  });

  it('an empty corpus gives zeros, not NaN', async () => {
    const f = path.join(dir, 'empty.txt');
    fs.writeFileSync(f, '\n\n');
    expect(await efficiencyDiff(A, B, [f])).toEqual({
      lines: 0,
      chars: 0,
      a: { tokens: 0, chars_per_token: 0 },
      b: { tokens: 0, chars_per_token: 0 },
      tokens_saved: 0,
      most_changed: [],
    });
  });
});
