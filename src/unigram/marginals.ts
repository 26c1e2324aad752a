// The sums over one chunk's lattice that training needs: forward-backward (expected piece counts,
// SentencePiece's Lattice::PopulateMarginal) and the best path (Viterbi). A lattice is a run of
// packed edges grouped by start position, shortest first, with the number of edges per position.
// Probabilities stay linear and are rescaled by powers of two, so no edge costs an exp or a log.

/** Bits of a packed edge holding its length minus one: pieces longer than MAX_EDGE_LENGTH
 * characters never enter a training lattice. */
export const LENGTH_BITS = 6;
export const MAX_EDGE_LENGTH = 1 << LENGTH_BITS;
const LENGTH_MASK = MAX_EDGE_LENGTH - 1;
/** Piece indices a packed edge can hold. */
export const MAX_EDGE_PIECES = 1 << (31 - LENGTH_BITS);

/** An edge of `length` characters (1..MAX_EDGE_LENGTH) labelled with piece index `piece`. */
export const packEdge = (piece: number, length: number): number => (piece << LENGTH_BITS) | (length - 1);
export const edgePiece = (edge: number): number => edge >>> LENGTH_BITS;
export const edgeLength = (edge: number): number => (edge & LENGTH_MASK) + 1;

/** One chunk's lattice inside shared arrays. */
export interface ChunkLattice {
  edges: Int32Array; // packed edges
  firstEdge: number; // index of the chunk's first edge
  perPosition: Uint8Array; // edges starting at each position
  firstPosition: number; // index of the chunk's first position in perPosition
  length: number; // characters
}

const TINY = 2 ** -400;
const HUGE = 2 ** 400;
const POW2_RANGE = 4200;
const POW2 = new Float64Array(2 * POW2_RANGE + 1).map((_, i) => 2 ** (i - POW2_RANGE));
const pow2 = (k: number) => POW2[Math.max(0, Math.min(2 * POW2_RANGE, k + POW2_RANGE))]!;

/** Reusable per-chunk arrays (sized for the longest chunk). */
export class LatticeScratch {
  alpha = new Float64Array(0);
  beta = new Float64Array(0);
  alphaExp = new Int32Array(0);
  betaExp = new Int32Array(0);
  offsets = new Int32Array(0);
  from = new Int32Array(0);

  /** Makes room for a chunk of `n` characters. */
  fit(n: number): void {
    if (this.alpha.length > n) return;
    const size = Math.max(n + 1, 2 * this.alpha.length);
    this.alpha = new Float64Array(size);
    this.beta = new Float64Array(size);
    this.alphaExp = new Int32Array(size);
    this.betaExp = new Int32Array(size);
    this.offsets = new Int32Array(size);
    this.from = new Int32Array(size);
  }
}

/** Multiplies v[lo..hi] by a power of two that brings their largest to [1, 2); returns the exponent
 * taken out (0 when all are 0). */
function rescale(v: Float64Array, lo: number, hi: number): number {
  let m = 0;
  for (let j = lo; j <= hi; j++) if (v[j]! > m) m = v[j]!;
  if (m === 0 || !Number.isFinite(m)) return 0;
  const k = Math.floor(Math.log2(m));
  const f = pow2(-k);
  for (let j = lo; j <= hi; j++) v[j]! *= f;
  return k;
}

/**
 * Forward-backward over one lattice: adds `weight` × the expected count of every piece index to
 * `expected` (the edge marginals) and returns [log Z, `weight` × the expected number of tokens].
 * `prob[piece]` is exp(score); `maxLength` bounds the edges' lengths.
 */
export function forwardBackward(
  lat: ChunkLattice,
  prob: Float64Array,
  weight: number,
  expected: Float64Array,
  s: LatticeScratch,
  maxLength: number,
): [number, number] {
  const { edges, perPosition, firstPosition, length: n } = lat;
  s.fit(n);
  const { alpha: a, beta: b, alphaExp: ka, betaExp: kb, offsets: offs } = s;
  a.fill(0, 0, n + 1);
  a[0] = 1;
  let k = 0;
  let scaled = false;
  let e = lat.firstEdge;
  for (let i = 0; i <= n; i++) {
    const ai = a[i]!;
    if ((ai < TINY || ai > HUGE) && ai > 0) {
      k += rescale(a, i, Math.min(n, i + maxLength));
      scaled = true;
    }
    ka[i] = k;
    offs[i] = e;
    if (i === n) break;
    const from = a[i]!;
    for (const end = e + perPosition[firstPosition + i]!; e < end; e++) {
      const x = edges[e]!;
      a[i + (x & LENGTH_MASK) + 1]! += from * prob[x >>> LENGTH_BITS]!;
    }
  }
  const z = a[n]!;
  if (!(z > 0)) return [-Infinity, 0];
  // backward, with each edge's marginal taken as soon as the beta it ends at is final:
  // alpha[i] = a[i]·2^ka[i], beta[j] = b[j]·2^kb[j] (kb moves with every rescale), Z = a[n]·2^ka[n]
  const inv = weight / z;
  let tokens = 0;
  b[n] = 1;
  kb[n] = 0;
  k = 0;
  for (let i = n - 1; i >= 0; i--) {
    let sum = 0;
    const end = offs[i + 1]!;
    if (!scaled) {
      const ai = a[i]! * inv;
      for (let f = offs[i]!; f < end; f++) {
        const x = edges[f]!;
        const piece = x >>> LENGTH_BITS;
        const pb = prob[piece]! * b[i + (x & LENGTH_MASK) + 1]!;
        sum += pb;
        expected[piece]! += ai * pb;
      }
      tokens += ai * sum;
    } else {
      // the marginal a[i]·pb·inv·2^(shift + kb[to]) in log2: its factors' exponents can each pass
      // the double's range (a run of rare characters) while the marginal itself does not
      const la = Math.log2(a[i]!) + Math.log2(inv) + ka[i]! - ka[n]!;
      for (let f = offs[i]!; f < end; f++) {
        const x = edges[f]!;
        const piece = x >>> LENGTH_BITS;
        const to = i + (x & LENGTH_MASK) + 1;
        const pb = prob[piece]! * b[to]!;
        sum += pb;
        const m = pb > 0 ? 2 ** (la + Math.log2(pb) + kb[to]!) : 0;
        expected[piece]! += m;
        tokens += m;
      }
    }
    b[i] = sum;
    if ((sum < TINY || sum > HUGE) && sum > 0) {
      const hi = Math.min(n, i + maxLength);
      const kk = rescale(b, i, hi);
      for (let j = i + 1; j <= hi; j++) kb[j]! += kk;
      k += kk;
      scaled = true;
    }
    kb[i] = k;
  }
  return [Math.log(z) + ka[n]! * Math.LN2, tokens];
}

/** Fills the best path of one lattice into `s` (scores added; the earliest start wins a tie, as in
 * SentencePiece's Viterbi): s.alpha[i] is the best score up to i, s.from[i] the packed last edge
 * (-1: i is unreachable). Returns the best score of the whole (-Infinity: no path). */
export function viterbiFill(lat: ChunkLattice, score: Float64Array, s: LatticeScratch): number {
  const { edges, perPosition, firstPosition, length: n } = lat;
  s.fit(n);
  const best = s.alpha;
  const from = s.from;
  from.fill(-1, 0, n + 1);
  best[0] = 0;
  let e = lat.firstEdge;
  for (let i = 0; i < n; i++) {
    const here = best[i]!;
    const reached = i === 0 || from[i] !== -1;
    for (const end = e + perPosition[firstPosition + i]!; e < end; e++) {
      if (!reached) continue;
      const x = edges[e]!;
      const to = i + (x & LENGTH_MASK) + 1;
      const c = here + score[x >>> LENGTH_BITS]!; // NaN (a dead piece) never wins
      if (c > best[to]! || (from[to] === -1 && c === c)) {
        best[to] = c;
        from[to] = x;
      }
    }
  }
  return n === 0 || from[n] !== -1 ? best[n]! : -Infinity;
}

/** Adds `weight` to `freq` of each piece of the best path of one lattice; returns its score. */
export function viterbiCount(
  lat: ChunkLattice,
  score: Float64Array,
  weight: number,
  freq: Float64Array,
  s: LatticeScratch,
): number {
  const best = viterbiFill(lat, score, s);
  if (best === -Infinity) return best;
  for (let at = lat.length; at > 0;) {
    const x = s.from[at]!;
    freq[x >>> LENGTH_BITS]! += weight;
    at -= (x & LENGTH_MASK) + 1;
  }
  return best;
}

/** The pieces of the best path of one lattice, in order (empty when there is none). */
export function viterbiPath(lat: ChunkLattice, score: Float64Array, s: LatticeScratch): number[] {
  if (viterbiFill(lat, score, s) === -Infinity) return [];
  const out: number[] = [];
  for (let at = lat.length; at > 0;) {
    const x = s.from[at]!;
    out.push(x >>> LENGTH_BITS);
    at -= (x & LENGTH_MASK) + 1;
  }
  return out.reverse();
}
