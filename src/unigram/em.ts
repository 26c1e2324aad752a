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
 * How far the base's scores sit from this corpus's own estimate of them: the median, weighted by
 * expected count, of score − (digamma(count) − digamma(total)) over the base pieces the corpus uses
 * (NORMAL ones: a user-defined piece's matching bonus is no log probability). The base's scores are
 * log probabilities under the base's own training text (llm-jp's: many languages), so a piece as
 * frequent here as a base piece would otherwise score far above it, and Viterbi would take new
 * pieces where the base's pieces fit better (texts made longer).
 */
export function baseScaleOffset(
  expected: Float64Array,
  space: PieceSpace,
  score: Float64Array,
  normal: (x: number) => boolean,
  logTotal: number,
): number {
  const diffs: [number, number][] = [];
  let weight = 0;
  for (let x = 0; x < space.firstNew; x++) {
    const e = expected[x]!;
    if (!(e >= EXPECTED_FREQUENCY_THRESHOLD) || !normal(x) || !Number.isFinite(score[x]!)) continue;
    diffs.push([score[x]! - (digamma(e) - logTotal), e]);
    weight += e;
  }
  if (diffs.length === 0) return 0;
  diffs.sort((a, b) => a[0] - b[0]);
  let acc = 0;
  for (const [d, e] of diffs) if ((acc += e) >= weight / 2) return d;
  return diffs.at(-1)![0];
}

/**
 * The Bayesian (Dirichlet-process) M-step: every alive candidate expected fewer than
 * EXPECTED_FREQUENCY_THRESHOLD times dies; the others score digamma(count) - digamma(total), where
 * total sums the expected counts of the pieces kept (base and candidates, not the unknown), then
 * shifted by `scale` (given: baseScaleOffset, onto the base's scale).
 * Updates `alive` and `score` (and `prob`, exp of it); returns the number of candidates dropped.
 */
export function mStep(
  expected: Float64Array,
  space: PieceSpace,
  alive: Uint8Array,
  score: Float64Array,
  prob: Float64Array,
  scale?: (logTotal: number) => number,
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
  const offset = scale ? scale(logTotal) : 0;
  for (let x = space.firstNew; x < space.unk; x++) {
    if (!alive[x]) continue;
    const v = digamma(expected[x]!) - logTotal + offset;
    score[x] = v;
    prob[x] = Math.exp(v);
  }
  return dropped;
}
