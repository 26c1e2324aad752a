// Merges derived from vocabulary and scores, the order SentencePiece's BPE applies them in.
import { PieceType, type Piece } from '../vocab/model.js';
import { forEachSplit } from '../bpe/splits.js';

/** A tokenizer.json merge entry, written as "a b" or ["a", "b"], as its two parts. */
export function mergePair(m: string | readonly string[]): [string, string] {
  if (Array.isArray(m)) return [m[0] ?? '', m[1] ?? ''];
  const k = (m as string).indexOf(' ');
  return [(m as string).slice(0, k), (m as string).slice(k + 1)];
}

/**
 * Every split of a NORMAL piece into two NORMAL pieces, ordered by the piece's score
 * (descending), then piece id, left id, right id.
 */
export function deriveMerges(pieces: readonly Piece[]): [string, string][] {
  const ids = new Map<string, number>();
  pieces.forEach((p, id) => { if (p.type === PieceType.NORMAL) ids.set(p.piece, id); });
  const rows: { score: number; id: number; l: number; r: number }[] = [];
  pieces.forEach((p, id) => {
    if (p.type === PieceType.NORMAL) forEachSplit(p.piece, (t) => ids.get(t), (l, r) => rows.push({ score: p.score, id, l, r }));
  });
  rows.sort((a, b) => b.score - a.score || a.id - b.id || a.l - b.l || a.r - b.r);
  return rows.map((m) => [pieces[m.l]!.piece, pieces[m.r]!.piece]);
}
