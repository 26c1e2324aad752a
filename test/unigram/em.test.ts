// The M-step (src/unigram/em.ts): SentencePiece's digamma and its Bayesian update, worked by hand.
import { describe, expect, it } from 'vitest';
import { baseScaleOffset, digamma, mStep } from '../../src/unigram/em.js';

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

describe('the base scale: candidates scored where the base scores pieces as frequent', () => {
  // base 0 "の" (expected 30, score ln 0.0003), 1 "は" (10, ln 0.0001), 2 a user-defined piece
  // (expected 50, bonus score -0.1: no log probability, left out); candidates from 3, unknown 5.
  // With total 100 (ψ(100) = 4.6001), this corpus alone would score の ψ(30) − ψ(100) =
  // 3.3843 − 4.6001 = −1.2158 and は ψ(10) − ψ(100) = 2.2518 − 4.6001 = −2.3483; the base scores
  // them ln 0.0003 = −8.1117 and ln 0.0001 = −9.2103: 6.8959 and 6.8620 lower. Weighted by
  // expected count (30 and 10 of 40), the median is の's: −6.8959.
  it('is the count-weighted median of base score − own estimate over the NORMAL base pieces', () => {
    const expected = Float64Array.from([30, 10, 50, 0, 0, 0]);
    const score = Float64Array.from([Math.log(0.0003), Math.log(0.0001), -0.1, -1, -1, -20]);
    const off = baseScaleOffset(expected, { firstNew: 3, unk: 5 }, score, (x) => x !== 2, digamma(100));
    expect(off).toBeCloseTo(Math.log(0.0003) - (digamma(30) - digamma(100)), 12);
    expect(off).toBeCloseTo(-6.8959, 3);
  });

  it('shifts every candidate by it in the M-step, base scores untouched', () => {
    const expected = Float64Array.from([30, 10, 50, 4, 0.2, 0]);
    const score = Float64Array.from([Math.log(0.0003), Math.log(0.0001), -0.1, -1, -1, -20]);
    const prob = score.map(Math.exp);
    const alive = Uint8Array.from([1, 1, 1, 1, 1, 1]);
    const total = 30 + 10 + 50 + 4;
    expect(mStep(expected, { firstNew: 3, unk: 5 }, alive, score, prob, () => -6.9)).toBe(1);
    expect(score[3]).toBeCloseTo(digamma(4) - digamma(total) - 6.9, 12);
    expect(score[0]).toBe(Math.log(0.0003));
    expect(alive[4]).toBe(0);
  });
});
