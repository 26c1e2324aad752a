// What every family's planner shares: which trained pieces a plan takes, the sizes it must
// reach, and the error when training supplied too few.
import { UsageError } from '../errors.js';
import { MAX_VOCAB, type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import { pruneToSize } from './prune.js';

/** The `need` pieces of `pool` a plan takes, in training order: with `prune`, by leaf-frequency
 * pruning of everything trained; without, the first ones (every prefix of training is a tokenizer). */
export function choose(pool: readonly TrainedPiece[], need: number, spec: Pick<BuildSpec, 'prune'>): TrainedPiece[] {
  return spec.prune > 0 ? pruneToSize(pool, need).kept : pool.slice(0, need);
}

/** Validates target/pad-to against the base size. */
export function checkSizes(baseSize: number, spec: Pick<BuildSpec, 'target' | 'padTo'>): void {
  if (!Number.isInteger(spec.target) || spec.target <= baseSize) {
    throw new UsageError(`--target ${spec.target} must be an integer above the base size ${baseSize}`);
  }
  if (!Number.isInteger(spec.padTo) || spec.padTo < spec.target) {
    throw new UsageError(`--pad-to ${spec.padTo} must be an integer not below --target ${spec.target}`);
  }
  for (const [name, v] of [
    ['--target', spec.target],
    ['--pad-to', spec.padTo],
  ] as const) {
    if (v > MAX_VOCAB)
      throw new UsageError(
        `${name} ${v} is above the largest vocabulary tokext builds (${MAX_VOCAB.toLocaleString('en-US')} ids)`,
      );
  }
}

/** The error when training supplied fewer usable new `noun` than the target needs, with the hint
 * that fits: none at all means the corpus has nothing the policy learns from. */
export function shortfall(noun: 'pieces' | 'tokens', have: number, target: number, baseSize: number): UsageError {
  return new UsageError(
    `the corpus supplied ${have} usable new ${noun} but --target ${target} needs ${target - baseSize} (the base has ${baseSize} ids)`,
    have === 0
      ? 'the corpus has no text the policy can learn from (no Japanese text? by default every new piece holds a Japanese character): ' +
          'train on Japanese text, or pass --allow-non-japanese'
      : `add more training text, lower --target to at most ${baseSize + have}, lower --min-count, or pass --allow-non-japanese`,
  );
}
