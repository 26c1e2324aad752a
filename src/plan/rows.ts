// The rows of a plan file checked against the base and the policy before anything is written: a
// hand-edited plan that re-adds a base piece, repeats a row, names a merge that does not make its
// piece, or adds a piece the policy forbids is bad input, said with the row it is in.
import { breathe, Pacer, type RunControl } from '../progress.js';
import type { Policy } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';

/** The id of each piece text (its first id when a text repeats): a SentencePiece base's `ids`. */
export function idsOfPieces(pieces: readonly { piece: string }[]): Map<string, number> {
  const ids = new Map<string, number>();
  pieces.forEach((p, id) => {
    if (!ids.has(p.piece)) ids.set(p.piece, id);
  });
  return ids;
}

/** What a family says about plan rows over its base. */
export interface RowRules {
  /** Ids the base uses. */
  size: number;
  /** The base's pieces (HF: model tokens and added tokens) by text, with their ids. */
  ids(): Map<string, number>;
  /** Merges name tokens (HF): a merge's parts must be base tokens or earlier rows, and a
   * new-merge row must name its merge. SentencePiece merges follow from the pieces. */
  explicitMerges: boolean;
  /** Does the policy admit the row's piece as a new token (the rule verify applies)? */
  admits(t: TrainedPiece, inBase: Map<string, number>, policy: Policy): boolean;
}

/** The problem of one row given the base's ids and the earlier rows' (by text), if any. */
function rowProblem(
  rules: RowRules,
  t: TrainedPiece,
  inBase: Map<string, number>,
  earlier: Map<string, number>,
): string | undefined {
  const q = JSON.stringify;
  const b = inBase.get(t.piece);
  if (b !== undefined) return `duplicate of base id ${b}`;
  const e = earlier.get(t.piece);
  if (e !== undefined) return `duplicates row ${e} ${q(t.piece)}`;
  if (t.merge) {
    const [l, r] = t.merge;
    if (l + r !== t.piece)
      return `the merge ${q(l)} + ${q(r)} has no result: ${q(l + r)} is missing (the row's piece is not the two parts joined)`;
    const absent = rules.explicitMerges ? [l, r].find((s) => !inBase.has(s) && !earlier.has(s)) : undefined;
    if (absent !== undefined)
      return `its merge ${q(l)} + ${q(r)} (result ${q(t.piece)}) names ${q(absent)}, which is neither a base token nor an earlier row`;
  } else if (t.kind === 'new-merge' && rules.explicitMerges)
    return `a new-merge row without its merge (the two tokens that make ${q(t.piece)})`;
  return undefined;
}

/** The first row of a plan that repeats a base piece or an earlier row, or names a merge that does
 * not make it, as `row K (id N) "piece": why`; undefined when there is none. */
export async function badRow(
  rules: RowRules,
  rows: readonly TrainedPiece[],
  run: RunControl = {},
): Promise<string | undefined> {
  await breathe(run.signal);
  const inBase = rules.ids();
  await breathe(run.signal);
  const earlier = new Map<string, number>();
  const pacer = new Pacer(run.signal);
  const size = rules.size;
  for (let k = 0; k < rows.length; k++) {
    if (k % 256 === 0) await pacer.pace();
    const t = rows[k]!;
    const why = rowProblem(rules, t, inBase, earlier);
    if (why !== undefined) return `row ${k} (id ${size + k}) ${JSON.stringify(t.piece)}: ${why}`;
    earlier.set(t.piece, k);
  }
  return undefined;
}

/** The first row of a plan whose piece `policy` does not admit as a new token (the rule verify
 * applies), as `row K (id N) "piece": why`; undefined when there is none. */
export async function rowOutsidePolicy(
  rules: RowRules,
  rows: readonly TrainedPiece[],
  policy: Policy,
  run: RunControl = {},
): Promise<string | undefined> {
  await breathe(run.signal);
  const inBase = rules.ids();
  await breathe(run.signal);
  const pacer = new Pacer(run.signal);
  const size = rules.size;
  for (let k = 0; k < rows.length; k++) {
    if (k % 256 === 0) await pacer.pace();
    const t = rows[k]!;
    if (!rules.admits(t, inBase, policy))
      return `row ${k} (id ${size + k}) ${JSON.stringify(t.piece)}: outside the ${policy} policy of the plan (its spec.allowNonJapanese is false)`;
  }
  return undefined;
}
