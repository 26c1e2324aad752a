import type { SentencePieceBase } from '../base/types.js';
import { type Model, type PieceKind } from '../vocab/model.js';
import { type TrainOptions } from './continued.js';
import type { ChunkSet } from '../corpus/chunk-store.js';
import type { Reduction } from './reduce.js';
/** Specials and the 256 byte pieces, as in Mistral. */
export declare function emptyBpeModel(vocabSize: number, splitByScript: boolean): Model;
/** The base a standalone model grows from (and verify checks it against): its specials and byte pieces. */
export declare function standaloneBase(vocabSize: number, splitByScript: boolean): SentencePieceBase;
/** Trains `vocabSize` entries from chunk counts. */
export declare function trainFromScratch(chunks: ChunkSet, vocabSize: number, opts: Omit<TrainOptions, 'maxPieces' | 'seedChars'> & {
    maxPieceLength: number;
    splitByScript?: boolean;
}): Promise<{
    model: Model;
    kinds: PieceKind[];
    counts: (number | null)[];
    reduction: Reduction;
}>;
