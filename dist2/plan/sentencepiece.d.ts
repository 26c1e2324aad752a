import { type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import { type RunControl } from '../progress.js';
import { type Model, type PieceKind } from '../vocab/model.js';
/** The planned model plus, per id, where each piece came from. */
export interface Plan {
    model: Model;
    kinds: PieceKind[];
    counts: (number | null)[];
    dropped: {
        piece: string;
        reason: string;
    }[];
}
/** Ids of new NORMAL pieces that encoding their own text does not produce. */
export declare function unreachable(model: Model, from: number): number[];
/** The extended model with exactly `chosen` as its new pieces, in order (in the base's `free` ids
 * first, lowest first, then after it), then the padding; and the indexes (into `chosen`) of
 * pieces the encoder cannot reach. */
export declare function assembleSentencePiece(base: Model, chosen: readonly TrainedPiece[], spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix'>, run?: RunControl, free?: readonly number[]): Promise<{
    plan: Plan;
    unreachable: number[];
}>;
/** Builds the extended model from the base and the trained pieces (pure): the first (or, with
 * pruning, the kept) pieces, dropping unreachable ones and taking the next until none is. */
export declare function planSentencePiece(base: Model, trained: readonly TrainedPiece[], spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune' | 'trimTo'>, run?: RunControl, free?: readonly number[]): Promise<Plan>;
