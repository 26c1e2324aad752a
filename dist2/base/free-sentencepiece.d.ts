import type { SentencePieceBase } from './types.js';
/** `base` without the NORMAL pieces `removed` (ids); with `compact`, ids renumbered down. */
export declare function freeSentencePiece(base: SentencePieceBase, removed: readonly number[], compact: boolean): {
    base: SentencePieceBase;
    oldToNew: Int32Array;
};
