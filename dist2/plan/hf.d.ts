import { RankedBpe } from '../bpe/ranked.js';
import { type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import type { HfBase } from '../base/types.js';
import { type RunControl } from '../progress.js';
/** A new token of the plan, with its id. */
export interface HfToken {
    id: number;
    text: string;
    kind: 'new-char' | 'new-merge';
    count: number;
    merge?: [string, string];
    from: number[];
}
/** The planned extension of an HF base. */
export interface HfPlan {
    base: HfBase;
    tokens: HfToken[];
    padding: {
        id: number;
        content: string;
    }[];
    dropped: {
        piece: string;
        reason: string;
    }[];
    encoder: RankedBpe;
}
/** Does encoding the token's own bytes (or text) give exactly it? */
export declare function reachable(enc: RankedBpe, id: number): boolean;
/** The extension with exactly `chosen` as its new tokens, in order, then the padding; and the
 * indexes (into `chosen`) of tokens that cannot be had, with why. */
export declare function assembleHf(base: HfBase, chosen: readonly TrainedPiece[], spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix'>, run?: RunControl): Promise<{
    plan: HfPlan;
    bad: Map<number, string>;
}>;
/** Plans the extension of `base` by `trained` (in training order). */
export declare function planHf(base: HfBase, trained: readonly TrainedPiece[], spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune' | 'trimTo'>, run?: RunControl): Promise<HfPlan>;
