// The lattices of every training chunk, built once and reused by every EM step: the base's pieces
// and the candidates matched at each position, packed in typed arrays block by block. Pruning only
// removes edges (compact), and a chunk left without any candidate is retired: its share of the
// sums no longer depends on the candidates, so it is added once to fixed totals and dropped.
// Inside, pieces are renumbered by how often they occur (local numbers), so that the probabilities
// and counts of the frequent ones share a few cache lines.
import type { ChunkText } from './chunks.js';
import { appendLattice, EdgeBuffer } from './lattice.js';
import {
  edgeLength,
  edgePiece,
  forwardBackward,
  LatticeScratch,
  packEdge,
  viterbiCount,
  type ChunkLattice,
} from './marginals.js';
import type { PieceTrie } from './trie.js';

/** How pieces are numbered in the lattices: the base's ids, then the candidates, then unknown. */
export interface PieceSpace {
  firstNew: number; // the first candidate's index (the base's size)
  unk: number; // the unknown character's index (after the last candidate)
}

/** Sums over chunks: expected counts (forward-backward) and best-path counts (Viterbi). */
export interface Sums {
  expected: Float64Array; // by piece index
  logLikelihood: number; // Σ weight × log Z
  tokens: number; // Σ weight × expected tokens
  freq: Float64Array; // by piece index, over best paths
}

/** A run of chunks' lattices. */
interface Block {
  edges: Int32Array;
  perPosition: Uint8Array;
  firstEdge: Int32Array; // chunk c's edges start here (chunks + 1 entries)
  firstPosition: Int32Array; // and its positions here
  weights: Float64Array;
  chunks: number;
}

const BLOCK_POSITIONS = 1 << 20;

/** Empty sums over `size` pieces. */
const noSums = (size: number): Sums => ({
  expected: new Float64Array(size),
  logLikelihood: 0,
  tokens: 0,
  freq: new Float64Array(size),
});

/** The training chunks' lattices, with the fixed totals of retired chunks. */
export class LatticeStore {
  private blocks: Block[] = [];
  private readonly lat: ChunkLattice = {
    edges: new Int32Array(0),
    firstEdge: 0,
    perPosition: new Uint8Array(0),
    firstPosition: 0,
    length: 0,
  };
  private readonly scratch = new LatticeScratch();
  /** What chunks retired while building add to every pass (by piece index). */
  private readonly fixed: Sums;
  /** What chunks retired later add (by local number). */
  private retired: Sums;
  private globalOf = new Int32Array(0); // piece index of each local number
  private candidate = new Uint8Array(0); // is a local number a candidate's?
  private unkLocal = 0;

  /** Lattices of `text` over `trie` (every piece in it matches); `prob` and `score` (of the base)
   * give the totals of the chunks without any candidate. */
  constructor(
    text: ChunkText,
    trie: PieceTrie,
    prob: Float64Array,
    score: Float64Array,
    private readonly space: PieceSpace,
  ) {
    this.fixed = noSums(space.unk + 1);
    const isCandidate = (x: number) => x >= space.firstNew && x !== space.unk;
    const { cps, starts, weights } = text;
    const buf = new EdgeBuffer();
    for (let k = 0; k + 1 < starts.length;) {
      let end = k + 1;
      while (end + 1 < starts.length && starts[end + 1]! - starts[k]! <= BLOCK_POSITIONS) end++;
      buf.length = 0;
      const perPosition = new Uint8Array(starts[end]! - starts[k]!);
      const b: Block = {
        edges: buf.data,
        perPosition,
        firstEdge: new Int32Array(end - k + 1),
        firstPosition: new Int32Array(end - k + 1),
        weights: new Float64Array(end - k),
        chunks: 0,
      };
      for (let p = 0; k < end; k++) {
        const at = buf.length;
        appendLattice(trie, null, space.unk, cps, starts[k]!, starts[k + 1]!, buf, perPosition, p);
        const n = starts[k + 1]! - starts[k]!;
        if (hasCandidate(buf.data, at, buf.length, isCandidate)) {
          this.place(b, at, p, n, weights[k]!);
          p += n;
        } else {
          const lat = { edges: buf.data, firstEdge: at, perPosition, firstPosition: p, length: n };
          this.retire(lat, weights[k]!, prob, score, this.fixed);
          buf.length = at;
        }
      }
      b.firstEdge[b.chunks] = buf.length;
      b.edges = buf.data.slice(0, buf.length);
      b.perPosition = perPosition.slice(0, b.firstPosition[b.chunks]);
      this.blocks.push(b);
    }
    this.renumber();
    this.retired = noSums(this.globalOf.length);
  }

  /** Chunks still holding a candidate. */
  get chunks(): number {
    return this.blocks.reduce((n, b) => n + b.chunks, 0);
  }

  /** Edges in all lattices. */
  get edges(): number {
    return this.blocks.reduce((n, b) => n + b.firstEdge[b.chunks]!, 0);
  }

  /** Forward-backward over every chunk with piece probabilities `prob`, plus the fixed totals. */
  eStep(prob: Float64Array): Omit<Sums, 'freq'> {
    const local = this.gather(prob);
    const expected = this.retired.expected.slice();
    let logLikelihood = this.fixed.logLikelihood + this.retired.logLikelihood;
    let tokens = this.fixed.tokens + this.retired.tokens;
    this.forEachChunk((lat, w) => {
      const [logZ, t] = forwardBackward(lat, local, w, expected, this.scratch);
      logLikelihood += w * logZ;
      tokens += t;
    });
    return { expected: this.scatter(expected, this.fixed.expected), logLikelihood, tokens };
  }

  /** Best-path counts of every piece with scores `score`, plus the fixed ones. */
  viterbiFreq(score: Float64Array): Float64Array {
    const local = this.gather(score);
    const freq = this.retired.freq.slice();
    this.forEachChunk((lat, w) => viterbiCount(lat, local, w, freq, this.scratch));
    return this.scatter(freq, this.fixed.freq);
  }

  /**
   * Drops the edges of pieces not `alive` (a dead one-character candidate becomes the unknown
   * character, as SentencePiece's lattice has it where no one-character piece matches) and retires
   * the chunks left without candidates, with the current `prob` and `score`.
   */
  compact(alive: Uint8Array, prob: Float64Array, score: Float64Array): void {
    const [lives, p, s] = [this.gather(alive), this.gather(prob), this.gather(score)];
    const unkEdge = packEdge(this.unkLocal, 1);
    const isCandidate = (x: number) => this.candidate[x] === 1;
    for (const b of this.blocks) {
      const { edges, perPosition, firstEdge, weights } = b;
      const firstPosition = b.firstPosition.slice(); // place() moves the ends ahead of the reading
      const chunks = b.chunks;
      let [we, wp] = [0, 0];
      b.chunks = 0;
      for (let c = 0; c < chunks; c++) {
        const [startE, startP, n] = [we, wp, firstPosition[c + 1]! - firstPosition[c]!];
        let r = firstEdge[c]!;
        for (let i = 0, from = firstPosition[c]!; i < n; i++) {
          const count = perPosition[from + i]!;
          let kept = 0;
          for (let t = 0; t < count; t++) {
            let x = edges[r++]!;
            if (!lives[edgePiece(x)]) {
              if (edgeLength(x) !== 1 || !isCandidate(edgePiece(x))) continue;
              x = unkEdge;
            }
            edges[we++] = x;
            kept++;
          }
          perPosition[wp++] = kept;
        }
        const weight = weights[c]!;
        if (hasCandidate(edges, startE, we, isCandidate)) this.place(b, startE, startP, n, weight);
        else {
          this.retire(
            { edges, firstEdge: startE, perPosition, firstPosition: startP, length: n },
            weight,
            p,
            s,
            this.retired,
          );
          [we, wp] = [startE, startP];
        }
      }
      firstEdge[b.chunks] = we;
      if (we < edges.length / 2) b.edges = edges.slice(0, we);
    }
    this.blocks = this.blocks.filter((b) => b.chunks > 0);
  }

  /** Appends a chunk (its edges from `edge`, its `n` positions from `position`) to block `b`. */
  private place(b: Block, edge: number, position: number, n: number, weight: number): void {
    b.firstEdge[b.chunks] = edge;
    b.firstPosition[b.chunks] = position;
    b.weights[b.chunks++] = weight;
    b.firstPosition[b.chunks] = position + n;
  }

  /** Numbers the pieces of the edges by descending occurrences (ties by index), the unknown always. */
  private renumber(): void {
    const size = this.space.unk + 1;
    const occurrences = new Float64Array(size);
    for (const b of this.blocks)
      for (let e = 0; e < b.firstEdge[b.chunks]!; e++) occurrences[edgePiece(b.edges[e]!)]!++;
    occurrences[this.space.unk]! += 0.5; // present even if it never occurs yet
    const used: number[] = [];
    for (let x = 0; x < size; x++) if (occurrences[x]! > 0) used.push(x);
    used.sort((a, b) => occurrences[b]! - occurrences[a]! || a - b);
    this.globalOf = Int32Array.from(used);
    const localOf = new Int32Array(size).fill(-1);
    used.forEach((x, l) => (localOf[x] = l));
    this.candidate = Uint8Array.from(used, (x) => (x >= this.space.firstNew && x !== this.space.unk ? 1 : 0));
    this.unkLocal = localOf[this.space.unk]!;
    for (const b of this.blocks)
      for (let e = 0; e < b.firstEdge[b.chunks]!; e++) {
        const x = b.edges[e]!;
        b.edges[e] = packEdge(localOf[edgePiece(x)]!, edgeLength(x));
      }
  }

  /** The values of `global` (by piece index) at each local number. */
  private gather<T extends Float64Array | Uint8Array>(global: T): T {
    const out = new (global.constructor as new (n: number) => T)(this.globalOf.length);
    for (let l = 0; l < this.globalOf.length; l++) out[l] = global[this.globalOf[l]!]!;
    return out;
  }

  /** `base` (by piece index) plus `local` (by local number), as a new array. */
  private scatter(local: Float64Array, base: Float64Array): Float64Array {
    const out = base.slice();
    for (let l = 0; l < this.globalOf.length; l++) out[this.globalOf[l]!]! += local[l]!;
    return out;
  }

  private retire(lat: ChunkLattice, weight: number, prob: Float64Array, score: Float64Array, into: Sums): void {
    const [logZ, tokens] = forwardBackward(lat, prob, weight, into.expected, this.scratch);
    into.logLikelihood += weight * logZ;
    into.tokens += tokens;
    viterbiCount(lat, score, weight, into.freq, this.scratch);
  }

  private forEachChunk(f: (lat: ChunkLattice, weight: number) => void): void {
    const lat = this.lat;
    for (const b of this.blocks) {
      lat.edges = b.edges;
      lat.perPosition = b.perPosition;
      for (let c = 0; c < b.chunks; c++) {
        lat.firstEdge = b.firstEdge[c]!;
        lat.firstPosition = b.firstPosition[c]!;
        lat.length = b.firstPosition[c + 1]! - lat.firstPosition;
        f(lat, b.weights[c]!);
      }
    }
  }
}

/** Does any edge of edges[from..to) belong to a candidate? */
function hasCandidate(edges: Int32Array, from: number, to: number, isCandidate: (piece: number) => boolean): boolean {
  for (let e = from; e < to; e++) if (isCandidate(edgePiece(edges[e]!))) return true;
  return false;
}
