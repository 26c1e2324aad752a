// SentencePiece's Unigram encoder, exactly as unigram_model.cc (v0.1.97 to 0.2.x) encodes an
// already-normalized string: EncodeOptimized's Viterbi with its float arithmetic and its ties, then
// the processor's unknown handling (UTF-8 byte pieces with byte fallback, else one <unk> per run).
import { InvariantError } from '../errors.js';
import { byteOfPiece, PieceType, type Piece } from '../vocab/model.js';
import {
  forwardBackward as latticeForwardBackward,
  LatticeScratch,
  MAX_EDGE_LENGTH,
  packEdge,
  type ChunkLattice,
} from './marginals.js';
import { codePoints, PieceTrie } from './trie.js';

/** SentencePiece's kUnkPenalty: an unknown character scores the lowest NORMAL score minus this. */
export const UNK_PENALTY = 10;
const FLT_MIN = 1.1754943508222875e-38; // the start of SentencePiece's max_score_ (not -FLT_MAX)
const FLT_MAX = 3.4028234663852886e38;

/** A growable array of packed edges. */
export class EdgeBuffer {
  data = new Int32Array(1024);
  length = 0;

  /** Makes room for `more` edges; returns the (new) data array. */
  reserve(more: number): Int32Array {
    if (this.length + more > this.data.length) {
      const d = new Int32Array(Math.max(this.length + more, this.data.length * 2));
      d.set(this.data.subarray(0, this.length));
      this.data = d;
    }
    return this.data;
  }
}

/**
 * Appends the lattice of cps[lo..hi) to `out`, as SentencePiece populates it: at each position every
 * piece that matches there (shortest first; with `score`, a piece whose score is NaN never
 * matches), then an edge of `unk` over the one character where no one-character piece matches.
 * `perPosition[at + i]` gets the number of edges at position i. Returns the number of edges added.
 */
export function appendLattice(
  trie: PieceTrie,
  score: Float64Array | null,
  unk: number,
  cps: Int32Array,
  lo: number,
  hi: number,
  out: EdgeBuffer,
  perPosition: Uint8Array,
  at: number,
): number {
  const before = out.length;
  let data: Int32Array = out.data;
  let n = out.length;
  for (let i = lo; i < hi; i++) {
    if (n + MAX_EDGE_LENGTH + 1 > data.length) {
      out.length = n;
      data = out.reserve(MAX_EDGE_LENGTH + 1);
    }
    const start = n;
    let single = false;
    let node = PieceTrie.ROOT;
    for (let j = i; j < hi && j - i < MAX_EDGE_LENGTH; j++) {
      node = trie.child(node, cps[j]!);
      if (node < 0) break;
      const v = trie.valueOf(node);
      if (v < 0 || (score !== null && Number.isNaN(score[v]!))) continue;
      data[n++] = packEdge(v, j - i + 1);
      if (j === i) single = true;
    }
    if (!single) data[n++] = packEdge(unk, 1);
    perPosition[at + i - lo] = n - start;
  }
  out.length = n;
  return n - before;
}

/** UTF-8 bytes of code point `cp`. */
function utf8Bytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/** What every encoder over one piece list shares (the scores aside). */
interface Shape {
  trie: PieceTrie;
  type: Uint8Array; // PieceType of each id
  utf8Length: Int32Array; // bytes of each piece
  unkId: number;
  byteIds: Int32Array; // id of <0xNN> for each byte (unkId if absent)
  byteFallback: boolean;
}

/** Options of an encoder. */
export interface UnigramEncoderOptions {
  /** Unknown characters become UTF-8 byte pieces (default: when all 256 byte pieces exist). */
  byteFallback?: boolean;
}

/** SentencePiece's Unigram model over `pieces` (ids are indices): Viterbi encoding, and the
 * forward-backward sums training uses. */
export class UnigramEncoder {
  /** The score each id gets when it matches (NaN: never matches): float32 scores; USER_DEFINED
   * ones get SentencePiece's bonus, length_in_bytes * max_score - 0.1. */
  readonly score: Float64Array;
  /** The score of an unknown character: min NORMAL score - UNK_PENALTY (float32). */
  readonly unkScore: number;
  private readonly shape: Shape;
  private prob?: Float64Array;

  constructor(pieces: readonly Piece[], opts: UnigramEncoderOptions = {}) {
    const n = pieces.length;
    const type = new Uint8Array(n);
    const utf8Length = new Int32Array(n);
    const trie = new PieceTrie(4 * n);
    const byteIds = new Int32Array(256).fill(-1);
    let unkId = -1;
    let byteCount = 0;
    pieces.forEach((p, id) => {
      type[id] = p.type;
      utf8Length[id] = Buffer.byteLength(p.piece, 'utf8');
      if (p.type === PieceType.NORMAL || p.type === PieceType.USER_DEFINED || p.type === PieceType.UNUSED) {
        const cps = codePoints(p.piece);
        if (cps.length === 0 || trie.get(cps) >= 0)
          throw new InvariantError(`piece ${id} ${JSON.stringify(p.piece)} is empty or repeated`);
        trie.set(cps, id);
      } else if (p.type === PieceType.UNKNOWN) unkId = id;
      else if (p.type === PieceType.BYTE) {
        const b = byteOfPiece(p.piece);
        if (b !== undefined && byteIds[b]! < 0) {
          byteIds[b] = id;
          byteCount++;
        }
      }
    });
    if (unkId < 0) throw new InvariantError('a Unigram model needs an UNKNOWN piece');
    for (let b = 0; b < 256; b++) if (byteIds[b]! < 0) byteIds[b] = unkId;
    const byteFallback = opts.byteFallback ?? byteCount === 256;
    this.shape = { trie, type, utf8Length, unkId, byteIds, byteFallback };
    [this.score, this.unkScore] = matchScores(
      this.shape,
      pieces.map((p) => p.score),
    );
  }

  /** Pieces (ids 0..size-1). */
  get size(): number {
    return this.shape.type.length;
  }

  /** The id of <unk>. */
  get unkId(): number {
    return this.shape.unkId;
  }

  /** Does an unknown character become its UTF-8 byte pieces? */
  get byteFallback(): boolean {
    return this.shape.byteFallback;
  }

  /** The same pieces with other scores (NaN: the piece never matches), sharing the trie: cheap. */
  withScores(scores: ArrayLike<number>): UnigramEncoder {
    const e = Object.create(UnigramEncoder.prototype) as UnigramEncoder;
    const [score, unkScore] = matchScores(this.shape, scores);
    Object.assign(e, { shape: this.shape, score, unkScore });
    return e;
  }

  /** Ids of an already-normalized string (▁ for spaces, the dummy prefix added), as SentencePiece. */
  encode(normalized: string): number[] {
    const cps = codePoints(normalized);
    const { trie, unkId, byteIds, byteFallback } = this.shape;
    const n = cps.length;
    const best = new Float64Array(n + 1);
    const start = new Int32Array(n + 1).fill(-1);
    const id = new Int32Array(n + 1);
    const score = this.score;
    for (let i = 0; i < n; i++) {
      const here = best[i]!;
      let single = false;
      let node = PieceTrie.ROOT;
      for (let j = i; j < n; j++) {
        node = trie.child(node, cps[j]!);
        if (node < 0) break;
        const v = trie.valueOf(node);
        if (v < 0 || Number.isNaN(score[v]!)) continue;
        // score + best is a double sum compared with the stored float, as in the C++
        const c = score[v]! + here;
        if (start[j + 1] === -1 || c > best[j + 1]!) {
          best[j + 1] = Math.fround(c);
          start[j + 1] = i;
          id[j + 1] = v;
        }
        if (j === i) single = true;
      }
      if (!single) {
        const c = Math.fround(this.unkScore + here); // float + float
        if (start[i + 1] === -1 || c > best[i + 1]!) {
          best[i + 1] = c;
          start[i + 1] = i;
          id[i + 1] = unkId;
        }
      }
    }
    const ends: number[] = [];
    for (let e = n; e > 0; e = start[e]!) ends.push(e);
    const out: number[] = [];
    let prevUnk = false;
    for (let k = ends.length - 1; k >= 0; k--) {
      const v = id[ends[k]!]!;
      const unk = v === unkId;
      if (unk && byteFallback) for (const b of utf8Bytes(cps[ends[k]! - 1]!)) out.push(byteIds[b]!);
      else if (!(unk && prevUnk)) out.push(v);
      prevUnk = unk;
    }
    return out;
  }

  /** The lattice of a normalized string (edges labelled with ids; an unknown character with unkId). */
  lattice(normalized: string): ChunkLattice {
    const cps = codePoints(normalized);
    const out = new EdgeBuffer();
    const perPosition = new Uint8Array(cps.length);
    appendLattice(this.shape.trie, this.score, this.shape.unkId, cps, 0, cps.length, out, perPosition, 0);
    return { edges: out.data, firstEdge: 0, perPosition, firstPosition: 0, length: cps.length };
  }

  /** Forward-backward over a normalized string: adds `weight` × each id's expected count to
   * `expected` (length `size`; unknown characters count for unkId); returns log Z. */
  forwardBackward(normalized: string, expected: Float64Array, weight = 1): number {
    const unk = this.unkScore;
    this.prob ??= this.score.map((s, id) => (id === this.unkId ? Math.exp(unk) : Number.isNaN(s) ? 0 : Math.exp(s)));
    const lat = this.lattice(normalized);
    return latticeForwardBackward(lat, this.prob, weight, expected, new LatticeScratch())[0];
  }
}

/** Match scores and the unknown score of `raw` scores over `shape`, with SentencePiece's float32
 * arithmetic: min/max over NORMAL pieces (max starts at FLT_MIN, min at FLT_MAX). */
function matchScores(shape: Shape, raw: ArrayLike<number>): [Float64Array, number] {
  const { type, utf8Length } = shape;
  let min = FLT_MAX;
  let max = FLT_MIN;
  for (let id = 0; id < type.length; id++) {
    if (type[id] !== PieceType.NORMAL || Number.isNaN(raw[id]!)) continue;
    const f = Math.fround(raw[id]!);
    if (f < min) min = f;
    if (f > max) max = f;
  }
  const score = new Float64Array(type.length).fill(NaN);
  for (let id = 0; id < type.length; id++) {
    if (Number.isNaN(raw[id]!)) continue;
    if (type[id] === PieceType.NORMAL) score[id] = Math.fround(raw[id]!);
    else if (type[id] === PieceType.USER_DEFINED) score[id] = Math.fround(Math.fround(utf8Length[id]!) * max) - 0.1;
  }
  return [score, Math.fround(min - UNK_PENALTY)];
}
