// The Unigram encoder (src/unigram/lattice.ts) on tiny models whose Viterbi is worked out by hand,
// each also checked against SentencePiece itself (sentencepiece-js, the C++ library in WASM).
import { describe, expect, it } from 'vitest';
import { loadSpmModel } from '../../src/spm/runtime.js';
import { UnigramEncoder } from '../../src/unigram/lattice.js';
import { PieceType, type Model } from '../../src/vocab/model.js';
import { normalizeIdentity, tinyUnigram } from './tiny-unigram.js';

const { USER_DEFINED, UNUSED } = PieceType;

/** Ids of `text` by our encoder, after checking that SentencePiece gives the same. */
async function encodeBoth(model: Model, text: string): Promise<number[]> {
  const ours = new UnigramEncoder(model.pieces).encode(normalizeIdentity(text));
  expect((await loadSpmModel(model)).encodeIds(text)).toEqual(ours);
  return ours;
}

// ids: 0 <unk>, 1 <s>, 2 </s>, 3 ▁, 4 a, 5 b, 6 c, 7 ab, 8 bc
const ROWS: [string, number][] = [
  ['▁', -1],
  ['a', -2],
  ['b', -2],
  ['c', -2],
  ['ab', -3],
  ['bc', -3],
];

describe('UnigramEncoder: Viterbi worked by hand', () => {
  it('a tie goes to the path whose last piece starts earliest', async () => {
    // "▁abc": best[1] = -1 (▁), best[2] = -3 (▁ a), best[3] = -4 (▁ ab; ▁ a b is -5).
    // best[4]: bc from 2 gives -3 + -3 = -6, then c from 3 gives -4 + -2 = -6: a tie; the first
    // candidate (the earliest start, bc) stays, as SentencePiece's strict '>' keeps it.
    expect(await encodeBoth(tinyUnigram(ROWS), 'abc')).toEqual([3, 4, 8]);
  });

  it('an UNUSED piece is never matched', async () => {
    const rows: [string, number, typeof UNUSED?][] = ROWS.map(([p, s]) => (p === 'bc' ? [p, s, UNUSED] : [p, s]));
    // without bc: ▁ ab c (-6) is the only best path
    expect(await encodeBoth(tinyUnigram(rows), 'abc')).toEqual([3, 7, 6]);
  });

  it('an unknown character: min score - 10 (-13), one <unk> per run without byte fallback', async () => {
    const model = tinyUnigram(ROWS);
    expect(await encodeBoth(model, 'axc')).toEqual([3, 4, 0, 6]);
    expect(await encodeBoth(model, 'axyc')).toEqual([3, 4, 0, 6]); // x y: one <unk>
    expect(await encodeBoth(model, 'xa y')).toEqual([3, 0, 4, 3, 0]);
    expect(await encodeBoth(model, '')).toEqual([]);
  });

  it('an unknown character with byte fallback: its UTF-8 bytes', async () => {
    const model = tinyUnigram(ROWS, true); // <0xNN> at 9 + NN
    const byte = (b: number) => 9 + b;
    expect(await encodeBoth(model, 'axc')).toEqual([3, 4, byte(0x78), 6]);
    expect(await encodeBoth(model, 'aéyc')).toEqual([3, 4, byte(0xc3), byte(0xa9), byte(0x79), 6]);
    expect(new UnigramEncoder(model.pieces).byteFallback).toBe(true);
  });

  it('USER_DEFINED: length in bytes × max(FLT_MIN, max NORMAL score) - 0.1', async () => {
    // all NORMAL scores negative: max stays FLT_MIN, so <x> scores -0.1 and beats <x + > (-3);
    // with the true max (-1) it would score 3 × -1 - 0.1 = -3.1 and lose
    const neg = tinyUnigram([...ROWS, ['<x', -1.5], ['>', -1.5], ['<x>', 0, USER_DEFINED]]);
    expect(await encodeBoth(neg, 'a<x>')).toEqual([3, 4, 11]);
    // max NORMAL score 1: éé (2 characters, 4 bytes) scores 4 × 1 - 0.1 = 3.9 and beats é é (2);
    // by characters it would score 1.9 and lose
    const pos = tinyUnigram([
      ['▁', 1],
      ['é', 1],
      ['éé', 0, USER_DEFINED],
    ]);
    expect(await encodeBoth(pos, 'éé')).toEqual([3, 5]);
  });

  it('withScores: the same pieces with other scores (NaN: never matched), cheaply', () => {
    const enc = new UnigramEncoder(tinyUnigram(ROWS).pieces);
    const scores = [0, 0, 0, -1, -2, -2, -2, -3, -3];
    expect(enc.withScores(scores).encode('▁abc')).toEqual([3, 4, 8]);
    expect(enc.withScores(scores.map((s, id) => (id === 8 ? NaN : s))).encode('▁abc')).toEqual([3, 7, 6]);
    expect(enc.withScores(scores.map((s, id) => (id === 7 ? -2.5 : s))).encode('▁abc')).toEqual([3, 7, 6]);
    expect(enc.encode('▁abc')).toEqual([3, 4, 8]); // the original is unchanged
  });
});
