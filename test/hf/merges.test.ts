// Merges derived from a SentencePiece vocabulary (src/hf/merges.ts) on a 6-piece vocabulary, the
// order worked out by hand; and the two ways tokenizer.json writes a merge.
import { describe, expect, it } from 'vitest';
import { deriveMerges } from '../../src/bpe/derive.js';
import { mergePair } from '../../src/hf/merges.js';
import { PieceType, type Piece } from '../../src/vocab/model.js';

const N = PieceType.NORMAL;

describe('deriveMerges', () => {
  it('every split of a NORMAL piece into two NORMAL pieces, by score, then piece id, then left id', () => {
    const pieces: Piece[] = [
      { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
      { piece: 'ab', score: -2, type: N }, // a|b
      { piece: 'bb', score: -1, type: N }, // b|b: scored higher than ab, so first despite its larger id
      { piece: 'abb', score: -3, type: N }, // ab|b (left id 1) before a|bb (left id 4)
      { piece: 'a', score: -4, type: N },
      { piece: 'b', score: -5, type: N },
    ];
    expect(deriveMerges(pieces)).toEqual([
      ['b', 'b'],
      ['a', 'b'],
      ['ab', 'b'],
      ['a', 'bb'],
    ]);
  });

  it('equal scores: the lower piece id first', () => {
    const pieces: Piece[] = [
      { piece: 'ba', score: -1, type: N },
      { piece: 'ab', score: -1, type: N },
      { piece: 'a', score: -2, type: N },
      { piece: 'b', score: -3, type: N },
    ];
    expect(deriveMerges(pieces)).toEqual([
      ['b', 'a'],
      ['a', 'b'],
    ]);
  });

  it('no merge into or out of a piece that is not NORMAL (byte, control, user-defined)', () => {
    const pieces: Piece[] = [
      { piece: 'a', score: 0, type: N },
      { piece: 'b', score: 0, type: PieceType.BYTE },
      { piece: 'ab', score: -1, type: N }, // b is no NORMAL piece: no merge
      { piece: 'aa', score: -1, type: PieceType.USER_DEFINED }, // not NORMAL itself: no merge
      { piece: '▁a', score: -2, type: N }, // ▁ is no piece: no merge
    ];
    expect(deriveMerges(pieces)).toEqual([]);
  });

  it('splits between code points, never inside a surrogate pair', () => {
    const pieces: Piece[] = [
      { piece: '𠮷野', score: -1, type: N },
      { piece: '𠮷', score: -2, type: N },
      { piece: '野', score: -3, type: N },
      { piece: '\ud842', score: -4, type: N }, // half of 𠮷: would make a split inside the pair
    ];
    expect(deriveMerges(pieces)).toEqual([['𠮷', '野']]);
  });
});

describe('mergePair', () => {
  it('reads "a b" and ["a", "b"]; the first space splits', () => {
    expect(mergePair('a b')).toEqual(['a', 'b']);
    expect(mergePair('Ġ Ġ')).toEqual(['Ġ', 'Ġ']);
    expect(mergePair(['a b', 'c'])).toEqual(['a b', 'c']);
    expect(mergePair('a b c')).toEqual(['a', 'b c']);
  });
});
