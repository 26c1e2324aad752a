import type { Model, PieceKind } from '../vocab/model.js';
/** The tensors a checkpoint grows: input embeddings and the output head (untied in Mistral). */
export declare const EMBEDDING_TENSORS: string[];
/** The file as written: a JSON object whose rows are one per line (diffable, greppable). */
export declare function embeddingInitText(value: object): string;
/** One row of embedding-init.json. */
export interface InitRow {
    id: number;
    piece: string;
    init: 'mean' | 'zero';
    from: number[];
}
/** Embedding-initialisation metadata: which rows are new and how to fill them. */
export declare function sentencePieceInit(base: {
    name: string;
    model: Model;
}, model: Model, kinds: readonly PieceKind[], signal?: AbortSignal): Promise<object>;
