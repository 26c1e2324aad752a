// Planning a SentencePiece BPE extension: pick trained pieces until the vocabulary has exactly
// `target` entries, drop any piece the encoder cannot reach, then pad to `padTo` with named
// special tokens.
import { BpeEncoder } from '../bpe/encoder.js';
import { padToken, type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import { appendScoreOrigin } from '../vocab/scores.js';
import { idsInUse, newIds, planByDropping, unreachableIndexes } from './choose.js';
import { breathe, type RunControl } from '../progress.js';
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

/** The indexes k of `ids` (new pieces) whose piece encoding its own text does not produce. */
async function unreachablePaced(model: Model, ids: readonly number[], signal?: AbortSignal): Promise<number[]> {
  await breathe(signal);
  const enc = new BpeEncoder(model.pieces);
  await breathe(signal);
  return unreachableIndexes(ids, (id) => reaches(enc, model, id), signal);
}

/** The extended model with exactly `chosen` as its new pieces, in order (in the base's `free` ids
 * first, lowest first, then after it), then the padding; and the indexes (into `chosen`) of
 * pieces the encoder cannot reach. */
export async function assembleSentencePiece(
  base: Model,
  chosen: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix'>,
  run: RunControl = {},
  free: readonly number[] = [],
): Promise<{ plan: Plan; unreachable: number[] }> {
  const origin = appendScoreOrigin(base);
  const ids = newIds({ size: base.pieces.length, free }, chosen.length);
  const pieces = base.pieces.slice();
  const kinds: PieceKind[] = base.pieces.map((): PieceKind => 'base');
  const counts: (number | null)[] = base.pieces.map(() => null);
  chosen.forEach((t, k) => {
    pieces[ids[k]!] = { piece: t.piece, score: origin - (k + 1), type: PieceType.NORMAL };
    kinds[ids[k]!] = t.kind;
    counts[ids[k]!] = t.count;
  });
  const model: Model = {
    pieces,
    trainerSpec: base.trainerSpec,
    normalizerSpec: base.normalizerSpec,
    paddingIds: [],
  };
  const bad = await unreachablePaced(model, ids, run.signal);
  await breathe(run.signal);
  const padCount = spec.padTo - spec.target;
  for (let i = 0; i < padCount; i++) {
    model.paddingIds.push(model.pieces.length);
    model.pieces.push({ piece: padToken(spec, i), score: 0, type: PieceType.CONTROL });
    kinds.push('padding');
    counts.push(null);
  }
  return { plan: { model, kinds, counts, dropped: [] }, unreachable: bad };
}

/** Builds the extended model from the base and the trained pieces (pure): the first (or, with
 * pruning, the kept) pieces, dropping unreachable ones and taking the next until none is. */
export async function planSentencePiece(
  base: Model,
  trained: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune' | 'trimTo'>,
  run: RunControl = {},
  free: readonly number[] = [],
): Promise<Plan> {
  return planByDropping(
    trained,
    idsInUse({ size: base.pieces.length, free }), // new pieces fill the free ids first
    spec,
    {
      noun: 'pieces',
      rounds: 21,
      assemble: async (chosen) => {
        const a = await assembleSentencePiece(base, chosen, spec, run, free);
        return { plan: a.plan, bad: new Map(a.unreachable.map((k) => [k, 'unreachable'])) };
      },
    },
    run,
  );
}
