// Planning a SentencePiece Unigram extension: the base as it is, then trained pieces with their
// estimated scores until the vocabulary has exactly `target` entries — dropping any piece whose
// own text Viterbi does not encode to itself, and taking the next — then the padding.
import { padToken, type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import { UnigramEncoder } from '../unigram/lattice.js';
import { breathe, type RunControl } from '../progress.js';
import { PieceType, type Model, type PieceKind } from '../vocab/model.js';
import { planByDropping, unreachableIndexes } from './choose.js';
import type { Plan } from './sentencepiece.js';

/** The indexes k of `chosen` (new pieces at ids from `from`) whose own text the model's Viterbi
 * does not encode to exactly their id. */
async function unreachable(model: Model, from: number, count: number, signal?: AbortSignal): Promise<number[]> {
  await breathe(signal);
  const enc = new UnigramEncoder(model.pieces);
  const ids = Array.from({ length: count }, (_, k) => from + k);
  const reaches = (id: number) => {
    const out = enc.encode(model.pieces[id]!.piece);
    return out.length === 1 && out[0] === id;
  };
  return unreachableIndexes(ids, reaches, signal);
}

/** The base's model with exactly `chosen` appended (each with its trained score), then the
 * padding; and the indexes of chosen pieces Viterbi cannot reach. */
export async function assembleUnigram(
  base: Model,
  chosen: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix'>,
  run: RunControl = {},
): Promise<{ plan: Plan; unreachable: number[] }> {
  const from = base.pieces.length;
  const pieces = base.pieces.slice();
  const kinds: PieceKind[] = base.pieces.map((): PieceKind => 'base');
  const counts: (number | null)[] = base.pieces.map(() => null);
  for (const t of chosen) {
    if (t.score === undefined) throw new TypeError(`trained piece ${JSON.stringify(t.piece)} has no Unigram score`);
    pieces.push({ piece: t.piece, score: t.score, type: PieceType.NORMAL });
    kinds.push(t.kind);
    counts.push(t.count);
  }
  const model: Model = { pieces, trainerSpec: base.trainerSpec, normalizerSpec: base.normalizerSpec, paddingIds: [] };
  const bad = await unreachable(model, from, chosen.length, run.signal);
  for (let i = 0; i < spec.padTo - spec.target; i++) {
    model.paddingIds.push(model.pieces.length);
    model.pieces.push({ piece: padToken(spec, i), score: 0, type: PieceType.CONTROL });
    kinds.push('padding');
    counts.push(null);
  }
  return { plan: { model, kinds, counts, dropped: [] }, unreachable: bad };
}

/** The extended model from the base and the trained pieces (in the trainer's order), dropping
 * unreachable pieces and taking the next until none is. */
export function planUnigram(
  base: Model,
  trained: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune' | 'trimTo'>,
  run: RunControl = {},
): Promise<Plan> {
  return planByDropping(
    trained,
    base.pieces.length,
    spec,
    {
      noun: 'pieces',
      rounds: 21,
      assemble: async (chosen) => {
        const a = await assembleUnigram(base, chosen, spec, run);
        return { plan: a.plan, bad: new Map(a.unreachable.map((k) => [k, 'unreachable'])) };
      },
    },
    run,
  );
}
