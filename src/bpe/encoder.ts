// A SentencePiece-BPE encoder: merge the adjacent pair whose concatenation is the
// highest-scoring piece, leftmost first; characters that are no piece fall back to bytes.
import { PieceType, byteOfPiece, type Piece } from '../vocab/model.js';
import { SPACE, normalize } from '../corpus/pretokenize.js';
import { CharIds } from './char-ids.js';
import { PairMerger } from './merger.js';
import { forEachCut, forEachSplit } from './splits.js';

/** Encoder over a vocabulary; pieces can be appended (the trainer does). */
export class BpeEncoder extends PairMerger {
  readonly pieceToId = new Map<string, number>();
  private readonly charIds = new CharIds(); // code point → id of its single-character piece
  readonly byteIds = new Int32Array(256).fill(-1);
  private readonly byteOf = new Map<number, number>(); // byte piece id -> its byte
  scores: Float64Array;
  texts: string[] = [];
  readonly unkId: number;
  private prefixIndex?: Map<string, number[]>;
  private suffixIndex?: Map<string, number[]>;

  constructor(
    pieces: readonly Piece[],
    readonly addDummyPrefix = true,
  ) {
    super();
    this.scores = new Float64Array(Math.max(16, pieces.length * 2));
    let unk = 0;
    pieces.forEach((p, id) => {
      this.texts.push(p.piece);
      this.scores[id] = p.score;
      if (p.type === PieceType.NORMAL || p.type === PieceType.USER_DEFINED) this.setPiece(p.piece, id);
      else if (p.type === PieceType.BYTE) {
        const b = byteOfPiece(p.piece);
        if (b !== undefined) {
          this.byteIds[b] = id;
          this.byteOf.set(id, b);
        }
      } else if (p.type === PieceType.UNKNOWN) unk = id;
    });
    this.unkId = unk;
    pieces.forEach((p, id) => {
      if (p.type === PieceType.NORMAL) this.registerSplits(id);
    });
  }

  /** Every (left, right) split of piece `id`'s text into two known pieces. */
  splits(id: number): [number, number][] {
    const out: [number, number][] = [];
    forEachSplit(
      this.texts[id]!,
      (t) => this.pieceToId.get(t),
      (l, r) => out.push([l, r]),
    );
    return out;
  }

  /** Registers every split of piece `id` as a pair that merges into it. */
  private registerSplits(id: number): void {
    forEachSplit(
      this.texts[id]!,
      (t) => this.pieceToId.get(t),
      (l, r) => this.setPair(l, r, id, this.scores[id]!),
    );
  }

  private buildIndexes(): void {
    this.prefixIndex = new Map();
    this.suffixIndex = new Map();
    for (const [text, id] of this.pieceToId) this.indexPiece(text, id);
  }

  private indexPiece(text: string, id: number): void {
    forEachCut(text, (k) => {
      const pre = text.slice(0, k);
      const suf = text.slice(k);
      let a = this.prefixIndex!.get(pre);
      if (!a) this.prefixIndex!.set(pre, (a = []));
      a.push(id);
      let b = this.suffixIndex!.get(suf);
      if (!b) this.suffixIndex!.set(suf, (b = []));
      b.push(id);
    });
  }

  /**
   * Appends a NORMAL piece with a score below every piece so far and registers every pair
   * that now concatenates to a piece: its own splits and larger pieces it completes.
   */
  addPiece(text: string, score: number): number {
    if (!this.prefixIndex) this.buildIndexes();
    const id = this.texts.length;
    if (id >= this.scores.length) {
      const grown = new Float64Array(this.scores.length * 2);
      grown.set(this.scores);
      this.scores = grown;
    }
    this.texts.push(text);
    this.scores[id] = score;
    this.setPiece(text, id);
    this.registerSplits(id);
    this.forEachLarger(id, (l, r, big) => this.setPair(l, r, big, this.scores[big]!));
    this.indexPiece(text, id);
    return id;
  }

  /** Calls fn(l, r, big) for every existing piece `big` that is piece `id`'s text plus another
   * piece (l = id) or another piece plus it (r = id). */
  private forEachLarger(id: number, fn: (l: number, r: number, big: number) => void): void {
    if (!this.prefixIndex) this.buildIndexes();
    const text = this.texts[id]!;
    for (const big of this.prefixIndex!.get(text) ?? []) {
      const r = this.pieceToId.get(this.texts[big]!.slice(text.length));
      if (r !== undefined) fn(id, r, big);
    }
    for (const big of this.suffixIndex!.get(text) ?? []) {
      const t = this.texts[big]!;
      const l = this.pieceToId.get(t.slice(0, t.length - text.length));
      if (l !== undefined) fn(l, id, big);
    }
  }

  /** The pieces that merge with piece `id` into a larger existing piece: `before` it (x, id)
   * and `after` it (id, y). */
  mergesWith(id: number): { before: number[]; after: number[] } {
    const before: number[] = [];
    const after: number[] = [];
    this.forEachLarger(id, (l, r) => {
      if (l === id && !after.includes(r)) after.push(r);
      if (r === id && !before.includes(l)) before.push(l);
    });
    return { before, after };
  }

  private setPiece(text: string, id: number): void {
    this.pieceToId.set(text, id);
    this.charIds.note(text, id);
  }

  /** Symbol ids of the code points of `s`; -1 where a character is no piece. */
  charSymbols(s: string): number[] {
    return this.charIds.symbols(s);
  }

  /** Encodes raw text to ids (no BOS), with byte fallback for unknown characters. */
  encode(text: string): number[] {
    if (text.length === 0) return [];
    return this.encodeNormalized(normalize(text, this.addDummyPrefix));
  }

  /**
   * Encodes an already-normalized string (no dummy prefix added): the merge loop over its
   * characters, then each character that is no piece as its UTF-8 byte pieces.
   */
  encodeNormalized(norm: string): number[] {
    const chars = Array.from(norm);
    const syms = this.merge(chars.map((c) => this.pieceToId.get(c) ?? -1));
    const out: number[] = [];
    let ci = 0;
    for (const s of syms) {
      if (s >= 0) {
        out.push(s);
        ci += Array.from(this.texts[s]!).length;
        continue;
      }
      for (const b of Buffer.from(chars[ci++]!, 'utf8')) {
        const id = this.byteIds[b]!;
        out.push(id >= 0 ? id : this.unkId);
      }
    }
    return out;
  }

  /** Piece strings of an encoding. */
  pieces(ids: readonly number[]): string[] {
    return ids.map((i) => this.texts[i]!);
  }

  /** The bytes ids stand for: a byte piece its byte, a text piece its UTF-8; specials nothing. */
  bytes(ids: readonly number[]): Buffer {
    const out: number[] = [];
    for (const id of ids) {
      const b = this.byteOf.get(id);
      if (b !== undefined) out.push(b);
      else {
        const t = this.texts[id];
        if (t !== undefined && this.pieceToId.get(t) === id) for (const x of Buffer.from(t, 'utf8')) out.push(x);
      }
    }
    return Buffer.from(out);
  }

  /** Decodes ids to text as SentencePiece does (bytes fused, ▁ to space, one leading space dropped). */
  decode(ids: readonly number[]): string {
    let s = this.bytes(ids).toString('utf8').replaceAll(SPACE, ' ');
    if (this.addDummyPrefix && s.startsWith(' ')) s = s.slice(1);
    return s;
  }
}
