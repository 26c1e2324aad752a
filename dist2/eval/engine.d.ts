import type { TokenizerRuntime } from '../vocab/runtime.js';
import { type Piece, type PieceKind } from '../vocab/model.js';
/** A tokenizer ready to evaluate. */
export interface EvalTokenizer extends TokenizerRuntime {
    name: string;
    modelType: string;
    pieces: Piece[];
    kinds: (PieceKind | 'imported')[];
    tokenBytes: (id: number) => Uint8Array;
}
/** The bytes each piece adds to decoded text: byte pieces their byte, special tokens nothing,
 * SentencePiece-style pieces their text with ▁ as a space, byte-level tokens their bytes. */
export declare function pieceBytes(pieces: readonly Piece[], byteLevel: boolean): (id: number) => Uint8Array;
/** Opens a tokenizer given as a path (dir, .model, tokenizer.json), a bundled base or a store version. */
export declare function openEvalTokenizer(ref: string, dbFile: string): Promise<EvalTokenizer>;
