// The M-step of SentencePiece's Unigram trainer (RunMStep), over the candidates only: the base's
// scores stay as they are, but its expected counts join the total the candidates are scored against.
import type { PieceSpace } from './store.js';

/** SentencePiece's kExpectedFrequencyThreshold: a piece expected fewer times is dropped. */
export const EXPECTED_FREQUENCY_THRESHOLD = 0.5;

/** The digamma function as SentencePiece computes it (recurrence up to 7, then the asymptotic series). */
export function digamma(x: number): number {
  let result = 0;
  for (; x < 7; ++x) result -= 1 / x;
  x -= 1 / 2;
  const xx = 1 / x;
  const xx2 = xx * xx;
  const xx4 = xx2 * xx2;
  return result + Math.log(x) + (1 / 24) * xx2 - (7 / 960) * xx4 + (31 / 8064) * xx4 * xx2 - (127 / 30720) * xx4 * xx4;
}

/**
 * The Bayesian (Dirichlet-process) M-step: every alive candidate expected fewer than
 * EXPECTED_FREQUENCY_THRESHOLD times dies; the others score digamma(count) - digamma(total), where
 * total sums the expected counts of the pieces kept (base and candidates, not the unknown).
 * Updates `alive` and `score` (and `prob`, exp of it); returns the number of candidates dropped.
 */
export function mStep(
  expected: Float64Array,
  space: PieceSpace,
  alive: Uint8Array,
  score: Float64Array,
  prob: Float64Array,
): number {
  let total = 0;
  let dropped = 0;
  for (let x = 0; x < space.unk; x++) {
    if (!alive[x]) continue;
    if (expected[x]! >= EXPECTED_FREQUENCY_THRESHOLD) total += expected[x]!;
    else if (x >= space.firstNew) {
      alive[x] = 0;
      score[x] = NaN;
      prob[x] = 0;
      dropped++;
    }
  }
  const logTotal = digamma(total);
  for (let x = space.firstNew; x < space.unk; x++) {
    if (!alive[x]) continue;
    const v = digamma(expected[x]!) - logTotal;
    score[x] = v;
    prob[x] = Math.exp(v);
  }
  return dropped;
}
