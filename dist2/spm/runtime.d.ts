import type { Model } from '../vocab/model.js';
import type { TokenizerRuntime } from '../vocab/runtime.js';
/** Emscripten (sentencepiece-js) adds process handlers that rethrow every uncaught error and
 * print its minified source; drop them after each load so errors stay readable. */
export declare function quietEmscripten(): void;
/** The part of sentencepiece-js's processor tokext uses. */
export type Spm = {
    encodeIds(text: string): number[];
    decodeIds(ids: number[]): string;
};
/** Loads a tokenizer.model with sentencepiece-js. */
export declare function loadSpm(file: string): Promise<Spm>;
/** Loads an in-memory model with sentencepiece-js (which only reads files: a temporary one). */
export declare function loadSpmModel(model: Model): Promise<Spm>;
/** A loaded SentencePiece model as a batch runtime. */
export declare function spmRuntime(sp: Promise<Spm>): Promise<TokenizerRuntime>;
