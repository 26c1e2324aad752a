import { type Piece } from '../vocab/model.js';
import { PairMerger } from './merger.js';
/** Encoder over a vocabulary; pieces can be appended (the trainer does). */
export declare class BpeEncoder extends PairMerger {
    readonly addDummyPrefix: boolean;
    readonly pieceToId: Map<string, number>;
    private charIds;
    readonly byteIds: Int32Array<ArrayBuffer>;
    private readonly byteOf;
    scores: Float64Array;
    texts: string[];
    readonly unkId: number;
    private prefixIndex?;
    private suffixIndex?;
    constructor(pieces: readonly Piece[], addDummyPrefix?: boolean);
    /** Every (left, right) split of piece `id`'s text into two known pieces. */
    splits(id: number): [number, number][];
    /** Registers every split of piece `id` as a pair that merges into it. */
    private registerSplits;
    private buildIndexes;
    private indexPiece;
    /**
     * Appends a NORMAL piece with a score below every piece so far and registers every pair
     * that now concatenates to a piece: its own splits and larger pieces it completes.
     */
    addPiece(text: string, score: number): number;
    /** True if some existing piece is `id`'s text plus another piece, or another piece plus it. */
    completesLarger(id: number): boolean;
    private setPiece;
    /** Symbol ids of the code points of `s`; -1 where a character is no piece. */
    charSymbols(s: string): number[];
    /** Encodes raw text to ids (no BOS), with byte fallback for unknown characters. */
    encode(text: string): number[];
    /**
     * Encodes an already-normalized string (no dummy prefix added): the merge loop over its
     * characters, then each character that is no piece as its UTF-8 byte pieces.
     */
    encodeNormalized(norm: string): number[];
    /** Piece strings of an encoding. */
    pieces(ids: readonly number[]): string[];
    /** The bytes ids stand for: a byte piece its byte, a text piece its UTF-8; specials nothing. */
    bytes(ids: readonly number[]): Buffer;
    /** Decodes ids to text as SentencePiece does (bytes fused, ▁ to space, one leading space dropped). */
    decode(ids: readonly number[]): string;
}
