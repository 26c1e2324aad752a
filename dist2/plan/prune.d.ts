import type { TrainedPiece } from '../train/continued.js';
/** The pieces kept and the ones pruned (in pruning order). */
export interface Pruned {
    kept: TrainedPiece[];
    pruned: TrainedPiece[];
}
/** Keeps `keep` of `trained` (in training order): the first `keep` if no piece has `uses` or
 * there is nothing to prune, else by leaf-frequency pruning. */
export declare function pruneToSize(trained: readonly TrainedPiece[], keep: number): Pruned;
