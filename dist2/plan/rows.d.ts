import { type RunControl } from '../progress.js';
import type { Policy } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
/** What a family says about plan rows over its base. */
export interface RowRules {
    /** Ids the base uses. */
    size: number;
    /** The base's pieces (HF: model tokens and added tokens) by text, with their ids. */
    ids(): Map<string, number>;
    /** Merges name tokens (HF): a merge's parts must be base tokens or earlier rows, and a
     * new-merge row must name its merge. SentencePiece merges follow from the pieces. */
    explicitMerges: boolean;
    /** Does the policy admit the row's piece as a new token (the rule verify applies)? */
    admits(t: TrainedPiece, inBase: Map<string, number>, policy: Policy): boolean;
}
/** The first row of a plan that repeats a base piece or an earlier row, or names a merge that does
 * not make it, as `row K (id N) "piece": why`; undefined when there is none. */
export declare function badRow(rules: RowRules, rows: readonly TrainedPiece[], run?: RunControl): Promise<string | undefined>;
/** The first row of a plan whose piece `policy` does not admit as a new token (the rule verify
 * applies), as `row K (id N) "piece": why`; undefined when there is none. */
export declare function rowOutsidePolicy(rules: RowRules, rows: readonly TrainedPiece[], policy: Policy, run?: RunControl): Promise<string | undefined>;
