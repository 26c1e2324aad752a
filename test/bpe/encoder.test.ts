import { describe, expect, it } from 'vitest';
import { BpeEncoder } from '../../src/bpe/encoder.js';
import { loadMistralFromPackage } from '../../src/base/sentencepiece.js';
import { PieceType } from '../../src/vocab/model.js';
import { HAS_SHARED, golden } from '../helpers.js';

describe('BpeEncoder on a toy vocabulary', () => {
  const pieces = [
    { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
    ...Array.from({ length: 256 }, (_, b) => ({
      piece: `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
      score: 0,
      type: PieceType.BYTE,
    })),
    { piece: '▁', score: -1, type: PieceType.NORMAL },
    { piece: 'a', score: -2, type: PieceType.NORMAL },
    { piece: 'b', score: -3, type: PieceType.NORMAL },
    { piece: 'ab', score: -4, type: PieceType.NORMAL },
    { piece: '▁ab', score: -5, type: PieceType.NORMAL },
    { piece: 'aa', score: -6, type: PieceType.NORMAL },
  ];
  const enc = new BpeEncoder(pieces);
  it('merges by score and falls back to bytes', () => {
    expect(enc.pieces(enc.encode('ab'))).toEqual(['▁ab']);
    expect(enc.pieces(enc.encode('aaa'))).toEqual(['▁', 'aa', 'a']);
    expect(enc.pieces(enc.encode('ç'))).toEqual(['▁', '<0xC3>', '<0xA7>']);
    expect(enc.decode(enc.encode('ab ç aaa'))).toBe('ab ç aaa');
    expect(enc.encode('')).toEqual([]);
  });
});

describe.skipIf(!HAS_SHARED)('BpeEncoder on Mistral', () => {
  it('reproduces all golden encodings and decodings', () => {
    const enc = new BpeEncoder(loadMistralFromPackage().model.pieces);
    for (const g of golden()) {
      expect(enc.encode(g.text), g.text).toEqual(g.ids);
      expect(enc.decode(g.ids)).toBe(g.decoded);
    }
  });
});
