// What every family's planner shares: which trained pieces a plan takes, the sizes it must
// reach, the rounds of dropping what cannot be had, and the error when training supplied too few.
import { InvariantError, UsageError } from '../errors.js';
import { Pacer, throwIfAborted, type RunControl } from '../progress.js';
import { MAX_VOCAB, type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import { pruneToSize } from './prune.js';

/** The `need` pieces of `pool` a plan takes, in training order: with `prune`, by leaf-frequency
 * pruning of everything trained; without, the first ones (every prefix of training is a tokenizer). */
export function choose(pool: readonly TrainedPiece[], need: number, spec: Pick<BuildSpec, 'prune'>): TrainedPiece[] {
  return spec.prune > 0 ? pruneToSize(pool, need).kept : pool.slice(0, need);
}

/** A base's ids as planning sees them: `size` ids, of which `free` (freed by --replace) hold no piece. */
type Ids = { size: number; free?: readonly number[] };

/** The ids a base's pieces use: its size less its free ids. */
export function idsInUse(base: Ids): number {
  return base.size - (base.free?.length ?? 0);
}

/** The ids `n` new pieces take on a base: its `free` ids first (lowest first), then those after it. */
export function newIds(base: Ids, n: number): number[] {
  const free = base.free ?? [];
  return Array.from({ length: n }, (_, k) => free[k] ?? base.size + k - free.length);
}

/** Validates target/pad-to against the base size (ids in use); a trimmed base may stay as it is. */
export function checkSizes(baseSize: number, spec: Pick<BuildSpec, 'target' | 'padTo' | 'trimTo'>): void {
  if (
    !Number.isInteger(spec.target) ||
    spec.target < baseSize ||
    (spec.target === baseSize && spec.trimTo === undefined)
  ) {
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

/** Checks the sizes of a freeing spec against its base (replace: target at least the base's ids;
 * trim: below the base, target at least the trimmed size). */
export function checkFreeSizes(spec: Pick<BuildSpec, 'replace' | 'trimTo' | 'target'>, size: number): void {
  if (spec.replace !== undefined) {
    if (spec.replace >= size) throw new UsageError(`--replace ${spec.replace} must be below the base's ${size} ids`);
    if (spec.target < size)
      throw new UsageError(
        `--target ${spec.target} is below the base's ${size} ids: --replace fills every freed id`,
        `leave --target out (it defaults to ${size} with --replace), or use --trim-to to shrink the vocabulary`,
      );
  }
  if (spec.trimTo !== undefined) {
    if (spec.trimTo >= size) throw new UsageError(`--trim-to ${spec.trimTo} must be below the base's ${size} ids`);
    if (spec.target < spec.trimTo)
      throw new UsageError(`--target ${spec.target} is below --trim-to ${spec.trimTo}`, 'leave --target out');
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

/** How a planner drops: what it calls the pieces (for the shortfall error), how many rounds it
 * tries, and how it assembles a choice (the plan, and the chosen indexes it cannot have, with why). */
export interface Dropping<P> {
  noun: 'pieces' | 'tokens';
  rounds: number;
  assemble: (chosen: readonly TrainedPiece[]) => Promise<{ plan: P; bad: ReadonlyMap<number, string> }>;
}

/** The plan of the first (or, with pruning, the kept) `target - baseSize` pieces of `pool`,
 * dropping what cannot be had and taking the next until nothing is dropped. */
export async function planByDropping<P extends { dropped: { piece: string; reason: string }[] }>(
  pool: readonly TrainedPiece[],
  baseSize: number,
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'prune' | 'trimTo'>,
  how: Dropping<P>,
  run: RunControl,
): Promise<P> {
  checkSizes(baseSize, spec);
  const need = spec.target - baseSize;
  const dropped: P['dropped'] = [];
  let left = pool;
  for (let round = 0; round < how.rounds; round++) {
    if (left.length < need) throw shortfall(how.noun, left.length, spec.target, baseSize);
    throwIfAborted(run.signal);
    const chosen = choose(left, need, spec);
    const a = await how.assemble(chosen);
    if (a.bad.size === 0) return { ...a.plan, dropped };
    for (const k of [...a.bad.keys()].sort((x, y) => x - y))
      dropped.push({ piece: chosen[k]!.piece, reason: a.bad.get(k)! });
    const bad = new Set([...a.bad.keys()].map((k) => chosen[k]!.piece));
    left = left.filter((t) => !bad.has(t.piece));
  }
  throw new InvariantError(`${how.noun} still unreachable after ${how.rounds} rounds of dropping`);
}

/** The indexes k of `ids` (new pieces) for which `reaches` is false — encoding the piece's own text
 * does not give it — checking the signal and yielding to the event loop as it goes. */
export async function unreachableIndexes(
  ids: readonly number[],
  reaches: (id: number) => boolean,
  signal?: AbortSignal,
): Promise<number[]> {
  const pacer = new Pacer(signal);
  const bad: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    if (k % 256 === 0) await pacer.pace();
    if (!reaches(ids[k]!)) bad.push(k);
  }
  return bad;
}
