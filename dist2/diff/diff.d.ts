import { type Piece } from '../vocab/model.js';
/** One side of a diff. */
export interface DiffSide {
    label: string;
    modelType: string;
    pieces: Piece[];
    paddingIds: number[];
    merges?: [string, string][];
    trainerSpec?: Record<string, unknown>;
    normalizerSpec?: Record<string, unknown>;
}
/** The result, in the order a person reads it: counts, then examples. */
export interface DiffResult {
    a: {
        label: string;
        model_type: string;
        size: number;
        padded_size: number;
        padding: number;
    };
    b: {
        label: string;
        model_type: string;
        size: number;
        padded_size: number;
        padding: number;
    };
    same: boolean;
    added: {
        id: number;
        piece: string;
    }[];
    added_padding: {
        id: number;
        piece: string;
    }[];
    removed: {
        id: number;
        piece: string;
    }[];
    /** Added pieces at an id whose A piece was removed (--replace gives freed ids to new pieces). */
    replaced: {
        id: number;
        piece: string;
        was: string;
    }[];
    renumbered: {
        piece: string;
        from: number;
        to: number;
    }[];
    changed: {
        piece: string;
        id: number;
        score?: {
            from: number;
            to: number;
        };
        type?: {
            from: string;
            to: string;
        };
    }[];
    special: {
        added: string[];
        removed: string[];
    };
    merges: null | {
        a: number;
        b: number;
        kept: number;
        reordered: number;
        removed: number;
        added: number;
        first_reordered: {
            merge: string;
            rank_a: number;
            rank_b: number;
        }[];
    };
}
/** Compares merge lists: how many of A's merges B keeps, and how many of those moved: the fewest
 * kept merges that, taken out, leave the rest in the same relative order in both lists. */
export declare function compareMerges(a: string[], b: string[]): NonNullable<DiffResult['merges']>;
/** Diffs two versions. */
export declare function diffVocab(a: DiffSide, b: DiffSide): DiffResult;
/** Text a person reads at a glance: counts first, then a few examples of each. */
export declare function renderDiff(r: DiffResult, examples?: number): string;
