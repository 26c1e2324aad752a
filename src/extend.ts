// From trained pieces to a written directory, for either kind of base: plan (exact size, every
// new token reachable, padding), then the artefacts. Returns the vocabulary as the store, the
// manifest and the CLI see it, whatever the kind.
import type { TrainedPiece } from './train/continued.js';
import { sentencePieceAlphabet, hfAlphabet, type Alphabet } from './train/alphabet.js';
import { encoderOf, hfPieces } from './hf/model.js';
import { writeArtefacts } from './write/artefacts.js';
import { writeHfArtefacts } from './write/hf-artefacts.js';
import { plan } from './plan/plan.js';
import { planHf } from './plan/hf-plan.js';
import { deriveMerges } from './hf/merges.js';
import { baseSize, type BaseTokenizer } from './vocab/base.js';
import { PieceType, type Piece, type PieceKind, type VocabView } from './vocab/model.js';
import type { BuildSpec } from './options.js';


/** The alphabet continued training runs on for `base`. */
export function alphabetFor(base: BaseTokenizer, spec: Pick<BuildSpec, 'allowNonJapanese' | 'maxPieceLength'>): Alphabet {
  return base.kind === 'hf' ? hfAlphabet(encoderOf(base.hf), spec) : sentencePieceAlphabet(base.model, spec);
}

/** The pieces a plan keeps, in id order (the base's ids then these), and what it dropped. */
export function planExtension(base: BaseTokenizer, pieces: readonly TrainedPiece[], spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune'>): { chosen: TrainedPiece[]; dropped: { piece: string; reason: string }[] } {
  if (base.kind === 'hf') {
    const p = planHf(base, pieces, spec);
    return { chosen: p.tokens.map((t) => ({ piece: t.text, kind: t.kind, count: t.count, ...(t.merge ? { merge: t.merge } : {}) })), dropped: p.dropped };
  }
  const p = plan(base.model, pieces, spec);
  const byText = new Map(pieces.map((t) => [t.piece, t]));
  const size = baseSize(base);
  return { chosen: p.model.pieces.slice(size, spec.target).map((q) => byText.get(q.piece)!), dropped: p.dropped };
}

/** Plans the extension of `base` by `pieces` and writes it into `dir`; returns the vocabulary and the artefact hashes. */
export function writeExtension(dir: string, base: BaseTokenizer, pieces: readonly TrainedPiece[], spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune'>): { vocab: VocabView; artefacts: Record<string, string> } {
  if (base.kind === 'sentencepiece') {
    const p = plan(base.model, pieces, spec);
    const artefacts = writeArtefacts(dir, p.model, base, p.kinds);
    return {
      artefacts,
      vocab: { format: 'sentencepiece', pieces: p.model.pieces, kinds: p.kinds, counts: p.counts, paddingIds: p.model.paddingIds, merges: deriveMerges(p.model.pieces), dropped: p.dropped, trainerSpec: p.model.trainerSpec, normalizerSpec: p.model.normalizerSpec },
    };
  }
  const p = planHf(base, pieces, spec);
  const artefacts = writeHfArtefacts(dir, p);
  const size = baseSize(base);
  const n = size + p.tokens.length + p.padding.length;
  const out: Piece[] = [...hfPieces(base.hf), ...Array.from({ length: n - size }, () => ({ piece: '', score: 0, type: PieceType.NORMAL }))];
  for (const t of p.tokens) out[t.id] = { piece: t.text, score: 0, type: PieceType.NORMAL };
  for (const q of p.padding) out[q.id] = { piece: q.content, score: 0, type: PieceType.CONTROL };
  const kinds: PieceKind[] = out.map((_, id) => (id < size ? 'base' : 'padding'));
  const counts: (number | null)[] = out.map(() => null);
  for (const t of p.tokens) {
    kinds[t.id] = t.kind;
    counts[t.id] = t.count;
  }
  return {
    artefacts,
    vocab: {
      format: 'hf', pieces: out, kinds, counts, paddingIds: p.padding.map((q) => q.id),
      merges: [...base.hf.merges, ...p.tokens.flatMap((t) => (t.merge ? [t.merge] : []))],
      dropped: p.dropped, trainerSpec: {}, normalizerSpec: {},
    },
  };
}
