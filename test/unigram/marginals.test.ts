// Forward-backward and Viterbi over lattices (src/unigram/marginals.ts, store.ts): an E-step on a
// two-chunk corpus worked out by hand, long chunks against a log-domain reference, and the best path.
import { describe, expect, it } from 'vitest';
import { UnigramEncoder } from '../../src/unigram/lattice.js';
import {
  edgeLength,
  edgePiece,
  forwardBackward,
  LatticeScratch,
  viterbiCount,
  type ChunkLattice,
} from '../../src/unigram/marginals.js';
import { LatticeStore } from '../../src/unigram/store.js';
import { tinyTraining, tinyUnigram } from './tiny-unigram.js';

// base ids: 3 a (p = 0.2), 4 b (p = 0.3); candidate 5 ab (p = 0.04); 6 the unknown character
const BASE = tinyUnigram([
  ['a', Math.log(0.2)],
  ['b', Math.log(0.3)],
]);
const CORPUS: [string, number][] = [
  ['ab', 2],
  ['bab', 1],
];

describe('E-step worked by hand', () => {
  // "ab" (count 2): a|b has p 0.2 × 0.3 = 0.06, ab has 0.04: Z = 0.1, so a|b 0.6 and ab 0.4;
  //   expected a 2 × 0.6 = 1.2, b 1.2, ab 2 × 0.4 = 0.8
  // "bab" (count 1): b|a|b has 0.3 × 0.2 × 0.3 = 0.018, b|ab has 0.3 × 0.04 = 0.012: Z = 0.03,
  //   so b|a|b 0.6 and b|ab 0.4; expected b 2 × 0.6 + 0.4 = 1.6, a 0.6, ab 0.4
  // totals: a 1.8, b 2.8, ab 1.2; tokens 1.8 + 2.8 + 1.2 = 5.8; log-likelihood 2 ln 0.1 + ln 0.03
  // (the base's scores are float32: equal to 6 digits)
  it('expected counts, tokens and log-likelihood of the lattices', () => {
    const t = tinyTraining(BASE, [['ab', Math.log(0.04)]], CORPUS);
    const store = new LatticeStore(t.text, t.trie, t.prob, t.score, t.space);
    const { expected, tokens, logLikelihood } = store.eStep(t.prob);
    expect(expected[3]).toBeCloseTo(1.8, 6);
    expect(expected[4]).toBeCloseTo(2.8, 6);
    expect(expected[5]).toBeCloseTo(1.2, 6);
    expect(expected[6]).toBe(0);
    expect(tokens).toBeCloseTo(5.8, 6);
    expect(logLikelihood).toBeCloseTo(2 * Math.log(0.1) + Math.log(0.03), 6);
  });

  it('the encoder sums the same over a model with ab appended', () => {
    const enc = new UnigramEncoder([...BASE.pieces, { piece: 'ab', score: Math.log(0.04), type: 1 }]);
    const expected = new Float64Array(enc.size);
    const logZ = CORPUS.map(([text, count]) => count * enc.forwardBackward(text, expected, count));
    expect([...expected.subarray(3)].map((x) => Number(x.toFixed(6)))).toEqual([1.8, 2.8, 1.2]);
    expect(logZ[0]! + logZ[1]!).toBeCloseTo(2 * Math.log(0.1) + Math.log(0.03), 6);
  });

  it('a chunk without any candidate is retired: its share stays in every E-step', () => {
    const t = tinyTraining(BASE, [['ab', Math.log(0.04)]], [...CORPUS, ['bb', 5]]);
    const store = new LatticeStore(t.text, t.trie, t.prob, t.score, t.space);
    expect(store.chunks).toBe(2);
    const { expected, tokens } = store.eStep(t.prob);
    expect(expected[4]).toBeCloseTo(2.8 + 10, 6); // bb: b|b, 5 times
    expect(tokens).toBeCloseTo(5.8 + 10, 6);
  });
});

describe('LatticeStore.compact', () => {
  it('equals a store built without the dead candidates (a dead new character becomes unknown)', () => {
    const base = tinyUnigram([
      ['a', -2],
      ['b', -2],
    ]);
    const all: [string, number][] = [
      ['ab', -3],
      ['ba', -3.5],
      ['d', -6],
      ['bab', -5],
    ];
    const corpus: [string, number][] = [
      ['abab', 3],
      ['bad', 2],
      ['dd', 1],
      ['ba', 4],
    ];
    const t = tinyTraining(base, all, corpus);
    const store = new LatticeStore(t.text, t.trie, t.prob, t.score, t.space);
    const alive = new Uint8Array(t.space.unk + 1).fill(1);
    for (const dead of [1, 2])
      [alive[t.space.firstNew + dead], t.prob[t.space.firstNew + dead], t.score[t.space.firstNew + dead]] = [0, 0, NaN];
    store.compact(alive, t.prob, t.score);
    expect(store.chunks).toBe(1); // only "abab" still holds a candidate; the others are retired

    const kept = tinyTraining(base, [all[0]!, all[3]!], corpus); // ab, bab; d is unknown there
    const fresh = new LatticeStore(kept.text, kept.trie, kept.prob, kept.score, kept.space);
    const idOf = (x: number) =>
      x === t.space.unk ? kept.space.unk : x < t.space.firstNew ? x : x === t.space.firstNew ? x : x - 2;
    const a = store.eStep(t.prob);
    const b = fresh.eStep(kept.prob);
    for (let x = 0; x <= t.space.unk; x++) if (alive[x]) expect(a.expected[x]).toBeCloseTo(b.expected[idOf(x)]!, 12);
    expect(a.logLikelihood).toBeCloseTo(b.logLikelihood, 12);
    expect(a.tokens).toBeCloseTo(b.tokens, 12);
    const fa = store.viterbiFreq(t.score);
    const fb = fresh.viterbiFreq(kept.score);
    for (let x = 0; x <= t.space.unk; x++) if (alive[x]) expect(fa[x]).toBe(fb[idOf(x)]);
    expect(fa[t.space.unk]).toBe(2 + 1 * 2); // bad's d (2), dd's two (1)
  });
});

/** Forward-backward in the log domain, straightforwardly: the reference for long chunks. */
function logDomain(lat: ChunkLattice, score: Float64Array): { logZ: number; expected: Map<number, number> } {
  const n = lat.length;
  const edges: [number, number, number][] = []; // [start, end, piece]
  let e = lat.firstEdge;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < lat.perPosition[i]!; k++, e++)
      edges.push([i, i + edgeLength(lat.edges[e]!), edgePiece(lat.edges[e]!)]);
  const lse = (x: number, y: number) => (x === -Infinity ? y : Math.max(x, y) + Math.log1p(Math.exp(-Math.abs(x - y))));
  const alpha = new Float64Array(n + 1).fill(-Infinity);
  const beta = new Float64Array(n + 1).fill(-Infinity);
  alpha[0] = 0;
  beta[n] = 0;
  for (const [i, j, x] of edges) alpha[j] = lse(alpha[j]!, alpha[i]! + score[x]!);
  for (const [i, j, x] of [...edges].reverse()) beta[i] = lse(beta[i]!, beta[j]! + score[x]!);
  const expected = new Map<number, number>();
  for (const [i, j, x] of edges)
    expected.set(x, (expected.get(x) ?? 0) + Math.exp(alpha[i]! + score[x]! + beta[j]! - alpha[n]!));
  return { logZ: alpha[n]!, expected };
}

describe('forwardBackward on long chunks (probabilities far below the smallest double)', () => {
  it.each([
    ['ab × 3,000', 'ab'.repeat(3000)],
    ['unknown characters (p = e^-15.2 each) among them', 'abxab'.repeat(400) + 'x'.repeat(300)],
  ])('%s: equal to the log-domain sums', (_, text) => {
    const enc = new UnigramEncoder([...BASE.pieces, { piece: 'ab', score: Math.log(0.04), type: 1 }]);
    const lat = enc.lattice(text);
    const score = enc.score.map((s, id) => (id === enc.unkId ? enc.unkScore : s));
    const prob = score.map((s) => (Number.isNaN(s) ? 0 : Math.exp(s)));
    const expected = new Float64Array(enc.size);
    const [logZ, tokens] = forwardBackward(lat, prob, 1, expected, new LatticeScratch());
    const ref = logDomain(lat, score);
    expect(logZ).toBeLessThan(-3000);
    expect(Math.abs(logZ - ref.logZ) / -ref.logZ).toBeLessThan(1e-12);
    for (const [x, count] of ref.expected) expect(Math.abs(expected[x]! - count) / count).toBeLessThan(1e-9);
    expect(Math.abs(tokens - [...ref.expected.values()].reduce((s, c) => s + c, 0))).toBeLessThan(1e-6);
  });
});

describe('viterbiCount', () => {
  it('counts the best path, the earliest start winning a tie', () => {
    // ▁ -1, a -2, b -2, c -2, ab -3, bc -3 (ids 3..8): "▁abc" ties ▁|a|bc and ▁|ab|c at -6;
    // SentencePiece keeps ▁|a|bc (see lattice.test.ts)
    const enc = new UnigramEncoder(
      tinyUnigram([
        ['▁', -1],
        ['a', -2],
        ['b', -2],
        ['c', -2],
        ['ab', -3],
        ['bc', -3],
      ]).pieces,
    );
    const freq = new Float64Array(enc.size);
    const best = viterbiCount(enc.lattice('▁abc'), enc.score, 3, freq, new LatticeScratch());
    expect(best).toBe(-6);
    expect([...freq]).toEqual([0, 0, 0, 3, 3, 0, 0, 0, 3]);
  });
});

describe('a long run of rare pieces (Greek in aozora: each piece p ≈ 1e-11)', () => {
  // the only path is one piece per character: each is expected exactly once per occurrence, however
  // far below a double's range the path's probability (1e-11^120 ≈ 2^-4380) lies
  it('gives finite expected counts: each character once per occurrence of its chunk', () => {
    const rare = tinyUnigram([
      ['α', -25],
      ['β', -25.5],
      ['あ', -3],
    ]);
    const enc = new UnigramEncoder(rare.pieces);
    const expected = new Float64Array(rare.pieces.length + 1);
    const text = 'αβ'.repeat(60) + 'あ';
    enc.forwardBackward(text, expected, 3);
    expect([expected[3], expected[4], expected[5]]).toEqual([
      expect.closeTo(180, 9),
      expect.closeTo(180, 9),
      expect.closeTo(3, 9),
    ]);
    expect(expected.every(Number.isFinite)).toBe(true);
  });
});
