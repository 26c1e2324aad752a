import type { Model } from '../vocab/model.js';
/** A token to check: its id and its string in the vocabulary. */
export interface Token {
    id: number;
    text: string;
}
/** Ids of `tokens` whose text the Rust binding's BPE model (of `dir`'s tokenizer.json) does not
 * encode to exactly that id, batch by batch. */
export declare function rustUnreached(dir: string, tokens: readonly Token[], signal?: AbortSignal): Promise<number[]>;
/** Ids of `tokens` whose piece SentencePiece (over `model` without its dummy prefix, so the
 * piece's own surface is the whole normalised text) does not encode to exactly that id. */
export declare function spmUnreached(model: Model, tokens: readonly Token[], signal?: AbortSignal): Promise<number[]>;
