// The one in-memory model every writer reads: pieces (id order), specs, added tokens.

/** SentencePiece piece types (ModelProto.SentencePiece.Type). */
export const PieceType = {
  NORMAL: 1,
  UNKNOWN: 2,
  CONTROL: 3,
  USER_DEFINED: 4,
  UNUSED: 5,
  BYTE: 6,
} as const;
export type PieceTypeValue = (typeof PieceType)[keyof typeof PieceType];

/** One vocabulary entry; the id is its index in `Model.pieces`. */
export interface Piece {
  piece: string;
  score: number;
  type: PieceTypeValue;
}

/** Where a piece came from, for manifests and the store. */
export type PieceKind = 'base' | 'new-char' | 'new-merge' | 'padding';

/** Is a piece of this kind one the extension learned (a new character or merge)? */
export const isNewKind = (k: string): boolean => k === 'new-char' || k === 'new-merge';

/** The kind of a learned piece read back from its text: one character is one the alphabet gained
 * (byte-level bases gain none: every one-character token is a byte they have), longer is a merge. */
export const learnedKindOf = (piece: string): 'new-char' | 'new-merge' =>
  piece.length <= 2 && [...piece].length === 1 ? 'new-char' : 'new-merge';

/** A SentencePiece-BPE model plus the HF-side facts that are not in ModelProto. */
export interface Model {
  pieces: Piece[];
  /** TrainerSpec fields as decoded (protobufjs object fields, snake_case). */
  trainerSpec: Record<string, unknown>;
  /** NormalizerSpec fields as decoded. */
  normalizerSpec: Record<string, unknown>;
  /** Ids of the padding tokens (special added tokens in HF, USER_DEFINED in the .model). */
  paddingIds: number[];
}

export { SPACE } from '../corpus/pretokenize.js';

/** The byte piece name for byte b, e.g. <0x0A>. */
export function bytePiece(b: number): string {
  return `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
}

/** The byte a byte piece name stands for (<0x0A> -> 10), or undefined for any other piece. */
export function byteOfPiece(piece: string): number | undefined {
  const m = /^<0x([0-9A-F]{2})>$/.exec(piece);
  return m ? parseInt(m[1]!, 16) : undefined;
}

/** The extended vocabulary by id, as one shape for both kinds. */
export interface VocabView {
  format: 'sentencepiece' | 'hf';
  pieces: Piece[]; // by id; HF: model tokens NORMAL, special added tokens CONTROL, other added USER_DEFINED
  kinds: PieceKind[];
  counts: (number | null)[];
  paddingIds: number[];
  merges: [string, string][]; // the merge list as written
  dropped: { piece: string; reason: string }[];
  trainerSpec: Record<string, unknown>; // SentencePiece specs ({} for HF)
  normalizerSpec: Record<string, unknown>;
}
