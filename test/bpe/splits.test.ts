import { describe, expect, it } from 'vitest';
import { forEachSplit, isCut } from '../../src/bpe/splits.js';

/** Every cut between the code points of `text` as Array.from makes them. */
function cutsByCodePoints(text: string): number[] {
  const cps = Array.from(text);
  const out: number[] = [];
  for (let k = 1, at = 0; k < cps.length; k++) out.push((at += cps[k - 1]!.length));
  return out;
}

describe('splits', () => {
  it('cuts between code points only, a lone surrogate being one of its own', () => {
    const units = ['a', '日', '\u{20BB7}', '\uD800', '\uDC00', '▁', '\u{1F600}'];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let t = 0; t < 2000; t++) {
      let text = '';
      for (let n = 1 + (next() % 7); n > 0; n--) text += units[next() % units.length];
      const cuts = [];
      for (let k = 1; k < text.length; k++) if (isCut(text, k)) cuts.push(k);
      expect(cuts, JSON.stringify(text)).toEqual(cutsByCodePoints(text));
    }
  });

  it('finds every split into two known pieces, left to right', () => {
    const ids = new Map(['日', '本', '語', '日本', '本語', '\u{20BB7}', '\u{20BB7}日'].map((t, i) => [t, i]));
    const got: string[] = [];
    const record = (text: string) =>
      forEachSplit(
        text,
        (s) => ids.get(s),
        (l, r) => got.push(`${text}=${l}+${r}`),
      );
    record('日本語');
    record('\u{20BB7}日本');
    record('\u{20BB7}日');
    expect(got).toEqual(['日本語=0+4', '日本語=3+2', '\u{20BB7}日本=5+3', '\u{20BB7}日本=6+1', '\u{20BB7}日=5+0']);
  });
});
