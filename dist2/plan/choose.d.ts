import { UsageError } from '../errors.js';
import { type RunControl } from '../progress.js';
import { type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
/** The `need` pieces of `pool` a plan takes, in training order: with `prune`, by leaf-frequency
 * pruning of everything trained; without, the first ones (every prefix of training is a tokenizer). */
export declare function choose(pool: readonly TrainedPiece[], need: number, spec: Pick<BuildSpec, 'prune'>): TrainedPiece[];
/** The ids `n` new pieces take on a base of `size` ids: its `free` ids first (lowest first), then those after it. */
export declare function newIds(base: {
    size: number;
    free: readonly number[];
}, n: number): number[];
/** Validates target/pad-to against the base size (ids in use); a trimmed base may stay as it is. */
export declare function checkSizes(baseSize: number, spec: Pick<BuildSpec, 'target' | 'padTo' | 'trimTo'>): void;
/** Checks the sizes of a freeing spec against its base (replace: target at least the base's ids;
 * trim: below the base, target at least the trimmed size). */
export declare function checkFreeSizes(spec: Pick<BuildSpec, 'replace' | 'trimTo' | 'target'>, size: number): void;
/** The error when training supplied fewer usable new `noun` than the target needs, with the hint
 * that fits: none at all means the corpus has nothing the policy learns from. */
export declare function shortfall(noun: 'pieces' | 'tokens', have: number, target: number, baseSize: number): UsageError;
/** How a planner drops: what it calls the pieces (for the shortfall error), how many rounds it
 * tries, and how it assembles a choice (the plan, and the chosen indexes it cannot have, with why). */
export interface Dropping<P> {
    noun: 'pieces' | 'tokens';
    rounds: number;
    assemble: (chosen: readonly TrainedPiece[]) => Promise<{
        plan: P;
        bad: ReadonlyMap<number, string>;
    }>;
}
/** The plan of the first (or, with pruning, the kept) `target - baseSize` pieces of `pool`,
 * dropping what cannot be had and taking the next until nothing is dropped. */
export declare function planByDropping<P extends {
    dropped: {
        piece: string;
        reason: string;
    }[];
}>(pool: readonly TrainedPiece[], baseSize: number, spec: Pick<BuildSpec, 'target' | 'padTo' | 'prune' | 'trimTo'>, how: Dropping<P>, run: RunControl): Promise<P>;
