// Planning: pick trained pieces until the vocabulary has exactly `target` entries, drop
// any piece the encoder cannot reach, then pad to `padTo` with named special tokens.
import { BpeEncoder } from '../bpe/encoder.js';
import { InvariantError, UsageError } from '../errors.js';
import { MAX_VOCAB, padToken, type BuildSpec } from '../options.js';
import type { TrainedPiece } from '../train/continued.js';
import { appendScoreOrigin } from '../vocab/scores.js';
import { pruneToSize } from './prune.js';
import { breathe, Pacer, throwIfAborted, type RunControl } from '../progress.js';
import { PieceType, type Model, type PieceKind } from '../vocab/model.js';

/** The planned model plus, per id, where each piece came from. */
export interface Plan {
  model: Model;
  kinds: PieceKind[];
  counts: (number | null)[];
  dropped: { piece: string; reason: string }[];
}

/** Is piece `id` what encoding its own text gives (true for non-NORMAL pieces)? */
function reaches(enc: BpeEncoder, model: Model, id: number): boolean {
  const p = model.pieces[id]!;
  if (p.type !== PieceType.NORMAL) return true;
  const out = enc.merge(enc.charSymbols(p.piece));
  return out.length === 1 && out[0] === id;
}

/** Ids of new NORMAL pieces that encoding their own text does not produce. */
export function unreachable(model: Model, from: number): number[] {
  const enc = new BpeEncoder(model.pieces);
  const bad: number[] = [];
  for (let id = from; id < model.pieces.length; id++) if (!reaches(enc, model, id)) bad.push(id);
  return bad;
}

/** unreachable for long runs: checks the signal and yields to the event loop as it goes. */
async function unreachablePaced(model: Model, from: number, signal?: AbortSignal): Promise<number[]> {
  await breathe(signal);
  const enc = new BpeEncoder(model.pieces);
  await breathe(signal);
  const pacer = new Pacer(signal);
  const bad: number[] = [];
  for (let id = from; id < model.pieces.length; id++) {
    if (id % 256 === 0) await pacer.pace();
    if (!reaches(enc, model, id)) bad.push(id);
  }
  return bad;
}

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

/** The extended model with exactly `chosen` as its new pieces, in order, then the padding; and
 * the indexes (into `chosen`) of pieces the encoder cannot reach. */
export async function assemble(
  base: Model,
  chosen: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix'>,
  run: RunControl = {},
): Promise<{ plan: Plan; unreachable: number[] }> {
  const baseSize = base.pieces.length;
  const origin = appendScoreOrigin(base);
  const model: Model = {
    pieces: [
      ...base.pieces,
      ...chosen.map((t, k) => ({ piece: t.piece, score: origin - (k + 1), type: PieceType.NORMAL })),
    ],
    trainerSpec: base.trainerSpec,
    normalizerSpec: base.normalizerSpec,
    paddingIds: [],
  };
  const bad = (await unreachablePaced(model, baseSize, run.signal)).map((id) => id - baseSize);
  await breathe(run.signal);
  const padCount = spec.padTo - spec.target;
  for (let i = 0; i < padCount; i++) {
    model.paddingIds.push(model.pieces.length);
    model.pieces.push({ piece: padToken(spec, i), score: 0, type: PieceType.CONTROL });
  }
  const kinds: PieceKind[] = [
    ...base.pieces.map((): PieceKind => 'base'),
    ...chosen.map((t): PieceKind => t.kind),
    ...Array.from({ length: padCount }, (): PieceKind => 'padding'),
  ];
  const counts = [
    ...base.pieces.map(() => null),
    ...chosen.map((t) => t.count),
    ...Array.from({ length: padCount }, () => null),
  ];
  return { plan: { model, kinds, counts, dropped: [] }, unreachable: bad };
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

/** Builds the extended model from the base and the trained pieces (pure): the first (or, with
 * pruning, the kept) pieces, dropping unreachable ones and taking the next until none is. */
export async function plan(
  base: Model,
  trained: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune'>,
  run: RunControl = {},
): Promise<Plan> {
  const baseSize = base.pieces.length;
  checkSizes(baseSize, spec);
  const need = spec.target - baseSize;
  const dropped: { piece: string; reason: string }[] = [];
  let pool = trained.slice();
  for (let round = 0; ; round++) {
    if (pool.length < need) {
      throw shortfall('pieces', pool.length, spec.target, baseSize);
    }
    throwIfAborted(run.signal);
    const chosen = choose(pool, need, spec);
    const a = await assemble(base, chosen, spec, run);
    if (a.unreachable.length === 0) return { ...a.plan, dropped };
    if (round >= 20)
      throw new InvariantError(`${a.unreachable.length} pieces still unreachable after ${round} rounds of dropping`);
    const badSet = new Set(a.unreachable.map((k) => chosen[k]!.piece));
    for (const piece of badSet) dropped.push({ piece, reason: 'unreachable' });
    pool = pool.filter((t) => !badSet.has(t.piece));
  }
}
