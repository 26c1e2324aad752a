// The score rule of appended pieces ("append-last"): every new piece scores below every base
// piece, in training order, so encoding applies new merges after the base's and in the order
// they were learned. Shared by the trainer and the planner.
import { PieceType } from './model.js';
/** The lowest regular score of the base; new piece k (0-based) gets this minus (k + 1). */
export function appendScoreOrigin(model) {
    let min = 0;
    for (const p of model.pieces)
        if (p.type === PieceType.NORMAL && p.score > -1e8 && p.score < min)
            min = p.score;
    return min;
}
//# sourceMappingURL=scores.js.map