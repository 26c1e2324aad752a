import type { DiffSide } from './diff.js';
import type { RunControl } from '../progress.js';
/** Efficiency of each side and the lines that changed most. */
export interface EfficiencyDiff {
    lines: number;
    chars: number;
    a: {
        tokens: number;
        chars_per_token: number;
    };
    b: {
        tokens: number;
        chars_per_token: number;
    };
    tokens_saved: number;
    most_changed: {
        text: string;
        tokens_a: number;
        tokens_b: number;
    }[];
}
/** Encodes every non-empty line of the corpora with both sides (SentencePiece, no BOS). */
export declare function efficiencyDiff(a: DiffSide, b: DiffSide, corpora: string[], opts?: {
    top?: number;
    textField?: string;
} & RunControl): Promise<EfficiencyDiff>;
/** For each id of B: the A id carrying the same piece, or A ids to initialise it from. */
export declare function remapTable(a: DiffSide, b: DiffSide): object;
