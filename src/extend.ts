// From trained pieces to a written directory, for either kind of base: plan (exact size, every
// new token reachable, padding), then the artefacts. Returns the vocabulary as the store, the
// manifest and the CLI see it, whatever the kind.
import type { TrainedPiece } from './train/continued.js';
import { sentencePieceAlphabet, hfAlphabet, type Alphabet } from './train/alphabet.js';
import { encoderOf, hfPieces } from './hf/model.js';
import { writeArtefacts } from './write/artefacts.js';
import { writeHfArtefacts } from './write/hf-artefacts.js';
import { assemble, checkSizes, plan, type Plan } from './plan/plan.js';
import { assembleHf, planHf, type HfPlan } from './plan/hf-plan.js';
import { InvariantError } from './errors.js';
import { deriveMergesPaced } from './bpe/derive.js';
import { breathe, type RunControl } from './progress.js';
import { baseSize, type BaseTokenizer } from './vocab/base.js';
import { PieceType, type Piece, type PieceKind, type VocabView } from './vocab/model.js';
import type { BuildSpec } from './options.js';

/** The alphabet continued training runs on for `base`. */
export function alphabetFor(
  base: BaseTokenizer,
  spec: Pick<BuildSpec, 'allowNonJapanese' | 'maxPieceLength'>,
): Alphabet {
  return base.kind === 'hf' ? hfAlphabet(encoderOf(base.hf), spec) : sentencePieceAlphabet(base.model, spec);
}

/** A planned extension of either kind, ready to write. */
export type ExtensionPlan = { kind: 'sentencepiece'; plan: Plan } | { kind: 'hf'; plan: HfPlan };

/** Plans the extension of `base` by trained `pieces`: the pieces it keeps, in id order (the base's
 * ids then these), what it dropped, and the plan to write. */
export async function planExtension(
  base: BaseTokenizer,
  pieces: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune'>,
  run: RunControl = {},
): Promise<{ chosen: TrainedPiece[]; dropped: { piece: string; reason: string }[]; planned: ExtensionPlan }> {
  const planned: ExtensionPlan =
    base.kind === 'hf'
      ? { kind: 'hf', plan: await planHf(base, pieces, spec, run) }
      : { kind: 'sentencepiece', plan: await plan(base.model, pieces, spec, run) };
  const byText = new Map(pieces.map((t) => [t.piece, t]));
  const texts =
    planned.kind === 'hf'
      ? planned.plan.tokens.map((t) => t.text)
      : planned.plan.model.pieces.slice(baseSize(base), spec.target).map((q) => q.piece);
  const chosen = texts.map((t) => byText.get(t)!); // the trained pieces themselves, in the plan's order
  return { chosen, dropped: planned.plan.dropped, planned };
}

/** The plan that takes exactly `rows` (a plan file's new pieces, in id order), and the rows it
 * cannot have (unreachable, or made from a token that is not there), by index. */
export async function planOfRows(
  base: BaseTokenizer,
  rows: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix'>,
  run: RunControl = {},
): Promise<{ planned: ExtensionPlan; bad: number[] }> {
  checkSizes(baseSize(base), spec);
  if (rows.length !== spec.target - baseSize(base))
    throw new InvariantError(
      `a plan of ${rows.length} rows for --target ${spec.target} over ${baseSize(base)} base ids`,
    );
  if (base.kind === 'hf') {
    const a = await assembleHf(base, rows, spec, run);
    return { planned: { kind: 'hf', plan: a.plan }, bad: [...a.bad.keys()].sort((x, y) => x - y) };
  }
  const a = await assemble(base.model, rows, spec, run);
  return { planned: { kind: 'sentencepiece', plan: a.plan }, bad: a.unreachable };
}

/** Writes a planned extension into `dir`; returns the vocabulary and the artefact hashes. */
export async function writePlanned(
  dir: string,
  base: BaseTokenizer,
  planned: ExtensionPlan,
  run: RunControl = {},
): Promise<{ vocab: VocabView; artefacts: Record<string, string> }> {
  run.onProgress?.({ stage: 'write', current: 0, total: 1 });
  if (planned.kind === 'sentencepiece') {
    if (base.kind !== 'sentencepiece') throw new InvariantError('a SentencePiece plan for an HF base');
    const p = planned.plan;
    const artefacts = await writeArtefacts(dir, p.model, base, p.kinds, run);
    return {
      artefacts,
      vocab: {
        format: 'sentencepiece',
        pieces: p.model.pieces,
        kinds: p.kinds,
        counts: p.counts,
        paddingIds: p.model.paddingIds,
        merges: await deriveMergesPaced(p.model.pieces, run.signal),
        dropped: p.dropped,
        trainerSpec: p.model.trainerSpec,
        normalizerSpec: p.model.normalizerSpec,
      },
    };
  }
  const p = planned.plan;
  const artefacts = await writeHfArtefacts(dir, p, run);
  await breathe(run.signal);
  const size = p.base.hf.size;
  const n = size + p.tokens.length + p.padding.length;
  const out: Piece[] = [
    ...hfPieces(p.base.hf),
    ...Array.from({ length: n - size }, () => ({ piece: '', score: 0, type: PieceType.NORMAL })),
  ];
  for (const t of p.tokens) out[t.id] = { piece: t.text, score: 0, type: PieceType.NORMAL };
  for (const q of p.padding) out[q.id] = { piece: q.content, score: 0, type: PieceType.CONTROL };
  await breathe(run.signal);
  const kinds: PieceKind[] = out.map((_, id) => (id < size ? 'base' : 'padding'));
  const counts: (number | null)[] = out.map(() => null);
  await breathe(run.signal);
  for (const t of p.tokens) {
    kinds[t.id] = t.kind;
    counts[t.id] = t.count;
  }
  return {
    artefacts,
    vocab: {
      format: 'hf',
      pieces: out,
      kinds,
      counts,
      paddingIds: p.padding.map((q) => q.id),
      merges: [...p.base.hf.merges, ...p.tokens.flatMap((t) => (t.merge ? [t.merge] : []))],
      dropped: p.dropped,
      trainerSpec: {},
      normalizerSpec: {},
    },
  };
}

/** Plans the extension of `base` by `pieces` and writes it into `dir`. */
export async function writeExtension(
  dir: string,
  base: BaseTokenizer,
  pieces: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune'>,
  run: RunControl = {},
): Promise<{ vocab: VocabView; artefacts: Record<string, string> }> {
  return writePlanned(dir, base, (await planExtension(base, pieces, spec, run)).planned, run);
}
