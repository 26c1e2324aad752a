// Pruning (src/unigram/prune.ts) on a corpus whose losses are worked out by hand: the candidate whose
// removal costs least goes first.
import { describe, expect, it } from 'vitest';
import { alternative, pruneCandidates, removalLoss } from '../../src/unigram/prune.js';
import { LatticeStore } from '../../src/unigram/store.js';
import { tinyTraining, tinyUnigram } from './tiny-unigram.js';

// base: 3 a, 4 b, 5 c (-3 each); candidates: 6 ab (-2), 7 bc (-2), 8 d (-4, a new character),
// 9 ca (-2, on no best path); 10 the unknown character
const BASE = tinyUnigram([
  ['a', -3],
  ['b', -3],
  ['c', -3],
]);
const CANDIDATES: [string, number][] = [
  ['ab', -2],
  ['bc', -2],
  ['d', -4],
  ['ca', -2],
];
const CORPUS: [string, number][] = [
  ['ab', 10],
  ['bc', 3],
  ['c', 2],
  ['d', 1],
];

function setUp() {
  const t = tinyTraining(BASE, CANDIDATES, CORPUS);
  const store = new LatticeStore(t.text, t.trie, t.prob, t.score, t.space);
  const freq = store.viterbiFreq(t.score);
  const alive = new Uint8Array(t.space.unk + 1).fill(1);
  return { ...t, freq, alive, sentences: t.text.totalWeight };
}

describe('pruning worked by hand', () => {
  // best paths: ab (-2 > a|b -6) 10 times, bc 3, c 2, d 1: sum = 16 tokens over 16 chunk occurrences
  // ab's alternative a|b: its 10 occurrences become 20, the total 16 + 10 = 26:
  //   loss = 10/16 × (ln(10/16) - 2 ln(10/26)) = 0.625 × (-0.470004 + 1.911023) = 0.900637
  // bc's alternative b|c (c already 2): the total 16 + 3 = 19:
  //   loss = 3/16 × (ln(3/16) - ln(3/19) - ln(5/19)) = 0.1875 × (-1.673976 + 3.180828) = 0.282535
  // d has no alternative (nothing else covers it): always kept; ca is on no best path: always goes
  it('the best-path counts and the losses', () => {
    const t = setUp();
    expect([...t.freq]).toEqual([0, 0, 0, 0, 0, 2, 10, 3, 1, 0, 0]);
    expect(alternative(6, t.cps[0]!, t.trie, t.score, t.space.unk)).toEqual([3, 4]);
    expect(alternative(7, t.cps[1]!, t.trie, t.score, t.space.unk)).toEqual([4, 5]);
    expect(alternative(8, t.cps[2]!, t.trie, t.score, t.space.unk)).toBeNull();
    expect(removalLoss(10, [3, 4], t.freq, 16, 16)).toBeCloseTo(0.900637, 6);
    expect(removalLoss(3, [4, 5], t.freq, 16, 16)).toBeCloseTo(0.282535, 6);
  });

  it('keeps the no-alternative ones, then by loss: bc (the cheapest) goes before ab', () => {
    const t = setUp();
    expect(pruneCandidates({ ...t, keep: 3 })).toEqual([6, 7, 8]);
    expect(pruneCandidates({ ...t, keep: 2 })).toEqual([6, 8]);
    expect(pruneCandidates({ ...t, keep: 1 })).toEqual([8]);
  });

  it('a candidate whose own text prefers a split always goes', () => {
    const t = tinyTraining(BASE, [['ab', -7]], [['ab', 1]]); // a|b scores -6
    const store = new LatticeStore(t.text, t.trie, t.prob, t.score, t.space);
    expect(alternative(6, t.cps[0]!, t.trie, t.score, t.space.unk)).toBe('split');
    const alive = new Uint8Array(t.space.unk + 1).fill(1);
    const freq = store.viterbiFreq(t.score);
    expect(pruneCandidates({ ...t, alive, freq, sentences: 1, keep: 1 })).toEqual([]);
  });
});
