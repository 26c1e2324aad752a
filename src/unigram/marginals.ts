// The sums over one chunk's lattice that training needs: forward-backward (expected piece counts,
// SentencePiece's Lattice::PopulateMarginal) and the best path (Viterbi). A lattice is a run of
// packed edges grouped by start position, shortest first, with the number of edges per position.
// Probabilities stay linear (no edge costs an exp or a log), but for a chunk whose probability a
// double cannot hold (a long run of rare pieces), which is summed in logarithms.

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

/** Reusable per-chunk arrays (sized for the longest chunk). */
export class LatticeScratch {
  alpha = new Float64Array(0);
  beta = new Float64Array(0);
  offsets = new Int32Array(0);
  from = new Int32Array(0);

  /** Makes room for a chunk of `n` characters. */
  fit(n: number): void {
    if (this.alpha.length > n) return;
    const size = Math.max(n + 1, 2 * this.alpha.length);
    this.alpha = new Float64Array(size);
    this.beta = new Float64Array(size);
    this.offsets = new Int32Array(size);
    this.from = new Int32Array(size);
  }
}

/** Below this Z, forward-backward runs in logarithms (a run of rare pieces): above it, any edge
 * whose probabilities underflow a double adds less than 2^-100 of Z, so plain products are exact
 * enough. */
const LOG_DOMAIN_BELOW = 2 ** -900;

/** log(e^x + e^y). */
const logAdd = (x: number, y: number) =>
  x === -Infinity ? y : y === -Infinity ? x : Math.max(x, y) + Math.log1p(Math.exp(-Math.abs(x - y)));

/** Forward-backward in logarithms, for a chunk whose probability a double cannot hold: the same
 * result as forwardBackward, slower. `offs[i]` is the first edge starting at position i. */
function forwardBackwardLog(
  lat: ChunkLattice,
  prob: Float64Array,
  weight: number,
  expected: Float64Array,
  offs: Int32Array,
): [number, number] {
  const { edges, length: n } = lat;
  const la = new Float64Array(n + 1).fill(-Infinity);
  const lb = new Float64Array(n + 1).fill(-Infinity);
  la[0] = 0;
  for (let i = 0; i < n; i++)
    for (let e = offs[i]!; e < offs[i + 1]!; e++) {
      const x = edges[e]!;
      const to = i + (x & LENGTH_MASK) + 1;
      la[to] = logAdd(la[to]!, la[i]! + Math.log(prob[x >>> LENGTH_BITS]!));
    }
  const z = la[n]!;
  if (z === -Infinity) return [-Infinity, 0];
  lb[n] = 0;
  let tokens = 0;
  for (let i = n - 1; i >= 0; i--)
    for (let e = offs[i]!; e < offs[i + 1]!; e++) {
      const x = edges[e]!;
      const piece = x >>> LENGTH_BITS;
      const to = i + (x & LENGTH_MASK) + 1;
      const lp = Math.log(prob[piece]!) + lb[to]!;
      lb[i] = logAdd(lb[i]!, lp);
      const m = weight * Math.exp(la[i]! + lp - z);
      expected[piece]! += m;
      tokens += m;
    }
  return [z, tokens];
}

/**
 * Forward-backward over one lattice: adds `weight` × the expected count of every piece index to
 * `expected` (the edge marginals) and returns [log Z, `weight` × the expected number of tokens].
 * `prob[piece]` is exp(score). A chunk too improbable for plain products (a long run of rare
 * characters) is done in logarithms.
 */
export function forwardBackward(
  lat: ChunkLattice,
  prob: Float64Array,
  weight: number,
  expected: Float64Array,
  s: LatticeScratch,
): [number, number] {
  const { edges, perPosition, firstPosition, length: n } = lat;
  s.fit(n);
  const { alpha: a, beta: b, offsets: offs } = s;
  a.fill(0, 0, n + 1);
  a[0] = 1;
  let e = lat.firstEdge;
  for (let i = 0; i < n; i++) {
    offs[i] = e;
    const from = a[i]!;
    for (const end = e + perPosition[firstPosition + i]!; e < end; e++) {
      const x = edges[e]!;
      a[i + (x & LENGTH_MASK) + 1]! += from * prob[x >>> LENGTH_BITS]!;
    }
  }
  offs[n] = e;
  const z = a[n]!;
  if (!(z >= LOG_DOMAIN_BELOW)) return forwardBackwardLog(lat, prob, weight, expected, offs);
  const inv = weight / z;
  let tokens = 0;
  b[n] = 1;
  for (let i = n - 1; i >= 0; i--) {
    let sum = 0;
    const ai = a[i]! * inv;
    for (let f = offs[i]!; f < offs[i + 1]!; f++) {
      const x = edges[f]!;
      const piece = x >>> LENGTH_BITS;
      const pb = prob[piece]! * b[i + (x & LENGTH_MASK) + 1]!;
      sum += pb;
      expected[piece]! += ai * pb;
    }
    tokens += ai * sum;
    b[i] = sum;
  }
  return [Math.log(z), tokens];
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
