// A SentencePiece BPE base with some of its pieces freed: the pieces (and so the merges their
// splits imply) are gone; their ids hold UNUSED placeholders for new pieces to take (--replace),
// or every id above them moves down (--trim-to).
import { InvariantError } from '../errors.js';
import { PieceType, type Piece } from '../vocab/model.js';
import { oldToNewIds } from './free-ids.js';
import type { SentencePieceBase } from './types.js';

/** The placeholder at a freed id until a new piece takes it (never written: the plan fills it). */
const placeholder = (id: number, score: number): Piece => ({ piece: `<freed_${id}>`, score, type: PieceType.UNUSED });

/** `base` without the NORMAL pieces `removed` (ids); with `compact`, ids renumbered down. */
export function freeSentencePiece(
  base: SentencePieceBase,
  removed: readonly number[],
  compact: boolean,
): { base: SentencePieceBase; oldToNew: Int32Array } {
  const pieces = base.model.pieces;
  const gone = new Set(removed);
  for (const id of removed)
    if (pieces[id]?.type !== PieceType.NORMAL) throw new InvariantError(`id ${id} is no NORMAL piece of ${base.name}`);
  const map = oldToNewIds(pieces.length, gone, compact);
  const kept = compact
    ? pieces.filter((_, id) => !gone.has(id))
    : pieces.map((p, id) => (gone.has(id) ? placeholder(id, p.score) : p));
  const texts = new Set(removed.map((id) => pieces[id]!.piece));
  const merges = base.merges?.filter(([a, b]) => !texts.has(a + b));
  return {
    base: {
      ...base,
      model: { ...base.model, pieces: kept },
      ...(merges ? { merges } : {}),
      ...(compact ? { free: [] } : { free: [...removed].sort((a, b) => a - b) }),
    },
    oldToNew: map,
  };
}
