/** SentencePiece piece types (ModelProto.SentencePiece.Type). */
export declare const PieceType: {
    readonly NORMAL: 1;
    readonly UNKNOWN: 2;
    readonly CONTROL: 3;
    readonly USER_DEFINED: 4;
    readonly UNUSED: 5;
    readonly BYTE: 6;
};
export type PieceTypeValue = (typeof PieceType)[keyof typeof PieceType];
/** One vocabulary entry; the id is its index in `Model.pieces`. */
export interface Piece {
    piece: string;
    score: number;
    type: PieceTypeValue;
}
/** Where a piece came from, for manifests and the store. */
export type PieceKind = 'base' | 'new-char' | 'new-merge' | 'padding';
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
export declare function bytePiece(b: number): string;
/** The byte a byte piece name stands for (<0x0A> -> 10), or undefined for any other piece. */
export declare function byteOfPiece(piece: string): number | undefined;
/** The extended vocabulary by id, as one shape for both kinds. */
export interface VocabView {
    format: 'sentencepiece' | 'hf';
    pieces: Piece[];
    kinds: PieceKind[];
    counts: (number | null)[];
    paddingIds: number[];
    merges: [string, string][];
    dropped: {
        piece: string;
        reason: string;
    }[];
    trainerSpec: Record<string, unknown>;
    normalizerSpec: Record<string, unknown>;
}
