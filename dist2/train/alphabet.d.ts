import type { RankedBpe } from '../bpe/ranked.js';
import { type PieceRule } from '../corpus/policy.js';
import { type BuildSpec } from '../spec.js';
import type { Model } from '../vocab/model.js';
/** A base as the trainer sees it. */
export interface Alphabet {
    readonly texts: string[];
    readonly charsNeeded: boolean;
    has(text: string): boolean;
    addChar(ch: string): number;
    addMerge(l: number, r: number): number;
    segment(chunk: string, emit: (symbols: number[]) => void): void;
    merge(symbols: number[]): number[];
    encode(chunk: string): number[];
    splits(id: number): [number, number][];
    completesLarger(id: number): boolean;
    allowed(l: number, r: number): boolean;
    readonly rule: PieceRule;
}
/** Policy and length of new tokens. */
export type AlphabetOptions = Pick<BuildSpec, 'allowNonJapanese' | 'maxPieceLength'>;
/** SentencePiece BPE: pieces with scores; every split of a piece merges; characters that are no piece split words. */
export declare function sentencePieceAlphabet(model: Model, o: AlphabetOptions): Alphabet;
/** HF BPE: explicit merges by rank; byte-level (every byte a token) or characters with byte fallback. */
export declare function hfAlphabet(enc: RankedBpe, o: AlphabetOptions): Alphabet;
