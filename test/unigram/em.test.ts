// The M-step (src/unigram/em.ts): SentencePiece's digamma and its Bayesian update, worked by hand.
import { describe, expect, it } from 'vitest';
import { digamma, mStep } from '../../src/unigram/em.js';

describe('digamma, as SentencePiece computes it', () => {
  it('equals ψ to 1e-10', () => {
    // ψ(1) = -γ; ψ(2) = 1 - γ; ψ(1/2) = -γ - 2 ln 2
    const gamma = 0.5772156649015329;
    expect(Math.abs(digamma(1) + gamma)).toBeLessThan(1e-10);
    expect(Math.abs(digamma(2) - (1 - gamma))).toBeLessThan(1e-10);
    expect(Math.abs(digamma(0.5) - (-gamma - 2 * Math.LN2))).toBeLessThan(1e-10);
  });

  it('ψ(1.2) by hand: the recurrence up to 7, then the series at 6.7', () => {
    // -(1/1.2 + 1/2.2 + 1/3.2 + 1/4.2 + 1/5.2 + 1/6.2) = -2.1920719
    // + ln 6.7 (1.9021075) + 1/(24 × 6.7²) (0.0009282) - 7/(960 × 6.7⁴) (0.0000036) = -0.2890399
    expect(digamma(1.2)).toBeCloseTo(-0.2890399, 7);
  });
});

describe('mStep', () => {
  it('drops candidates expected under 0.5 times; scores the others ψ(count) - ψ(total kept)', () => {
    // pieces 0-2 base (0: expected 1.8, 1: 2.8, 2: 0.2), candidates 3 (1.2) and 4 (0.3), 5 unknown (7)
    // total = 1.8 + 2.8 + 1.2 = 5.8 (base 2 and candidate 4 are under 0.5; the unknown is no piece)
    // ψ(5.8) = -1/5.8 + ln 6.3 + 1/(24 × 6.3²) - … = -0.1724138 + 1.8405496 + 0.0010498 - 0.0000046
    //        = 1.6691810; score of 3 = ψ(1.2) - ψ(5.8) = -0.28903990 - 1.66918107 = -1.95822097
    const space = { firstNew: 3, unk: 5 };
    const expected = Float64Array.of(1.8, 2.8, 0.2, 1.2, 0.3, 7);
    const alive = new Uint8Array(6).fill(1);
    const score = Float64Array.of(-1, -2, -3, -4, -5, -20);
    const prob = score.map(Math.exp);
    expect(mStep(expected, space, alive, score, prob)).toBe(1);
    expect([...alive]).toEqual([1, 1, 1, 1, 0, 1]);
    expect(score[3]).toBeCloseTo(-1.958221, 6);
    expect(prob[3]).toBeCloseTo(Math.exp(-1.958221), 6);
    expect(score[4]).toBeNaN();
    expect(prob[4]).toBe(0);
    expect([...score.subarray(0, 3)]).toEqual([-1, -2, -3]); // the base's scores stay
    expect(score[5]).toBe(-20);
  });
});
