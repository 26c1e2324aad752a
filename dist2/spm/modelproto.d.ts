import { type Model, type Piece } from '../vocab/model.js';
/** SentencePiece model types. */
export declare const ModelType: {
    readonly UNIGRAM: 1;
    readonly BPE: 2;
    readonly WORD: 3;
    readonly CHAR: 4;
};
/** A decoded .model file: the pieces and both specs as plain objects. */
export interface DecodedModel {
    pieces: Piece[];
    trainerSpec: Record<string, unknown>;
    normalizerSpec: Record<string, unknown>;
}
/** Parses the bytes of a tokenizer.model. */
export declare function readModelProto(bytes: Uint8Array, file?: string): DecodedModel;
/** Serializes a model as SentencePiece does: fields by number, NORMAL type left implicit. */
export declare function writeModelProto(model: Model): Uint8Array;
