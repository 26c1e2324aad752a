// Diff of two vocabulary versions: pieces added, removed, renumbered, re-scored or re-typed,
// merge order, special tokens, sizes and padding. Pure: plain data in, plain data out.
import { deriveMerges } from '../bpe/derive.js';
import { PieceType, type Piece } from '../vocab/model.js';

/** One side of a diff. */
export interface DiffSide {
  label: string;
  modelType: string;
  pieces: Piece[];
  paddingIds: number[];
  merges?: [string, string][]; // as shipped; derived from scores when absent (BPE)
  trainerSpec?: Record<string, unknown>; // to rebuild a .model for encoding
  normalizerSpec?: Record<string, unknown>;
}

/** The result, in the order a person reads it: counts, then examples. */
export interface DiffResult {
  a: { label: string; model_type: string; size: number; padded_size: number; padding: number };
  b: { label: string; model_type: string; size: number; padded_size: number; padding: number };
  same: boolean;
  added: { id: number; piece: string }[];
  added_padding: { id: number; piece: string }[];
  removed: { id: number; piece: string }[];
  /** Added pieces at an id whose A piece was removed (--replace gives freed ids to new pieces). */
  replaced: { id: number; piece: string; was: string }[];
  renumbered: { piece: string; from: number; to: number }[];
  changed: { piece: string; id: number; score?: { from: number; to: number }; type?: { from: string; to: string } }[];
  special: { added: string[]; removed: string[] };
  merges: null | {
    a: number;
    b: number;
    kept: number;
    reordered: number;
    removed: number;
    added: number;
    first_reordered: { merge: string; rank_a: number; rank_b: number }[];
  };
}

const TYPE_NAMES: Record<number, string> = {
  1: 'NORMAL',
  2: 'UNKNOWN',
  3: 'CONTROL',
  4: 'USER_DEFINED',
  5: 'UNUSED',
  6: 'BYTE',
};
const isSpecial = (p: Piece) =>
  p.type === PieceType.CONTROL || p.type === PieceType.UNKNOWN || p.type === PieceType.USER_DEFINED;

function mergesOf(s: DiffSide): string[] | null {
  if (s.modelType !== 'BPE') return null;
  return (s.merges && s.merges.length > 0 ? s.merges : deriveMerges(s.pieces)).map(([l, r]) => `${l} ${r}`);
}

/** Indices (in order) of one longest strictly increasing subsequence of `xs` (patience sorting). */
function longestIncreasing(xs: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the smallest last value of an increasing run of length k + 1
  const prev = new Int32Array(xs.length).fill(-1);
  xs.forEach((x, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]!]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

/** Compares merge lists: how many of A's merges B keeps, and how many of those moved: the fewest
 * kept merges that, taken out, leave the rest in the same relative order in both lists. */
export function compareMerges(a: string[], b: string[]): NonNullable<DiffResult['merges']> {
  const rankB = new Map(b.map((m, i) => [m, i]));
  const rankA = new Map(a.map((m, i) => [m, i]));
  const keptA = a.filter((m) => rankB.has(m));
  const keptB = b.filter((m) => rankA.has(m));
  const inOrder = longestIncreasing(keptA.map((m) => rankB.get(m)!));
  const first: { merge: string; rank_a: number; rank_b: number }[] = [];
  keptA.forEach((m, i) => {
    if (!inOrder.has(i) && first.length < 5) first.push({ merge: m, rank_a: rankA.get(m)!, rank_b: rankB.get(m)! });
  });
  return {
    a: a.length,
    b: b.length,
    kept: keptA.length,
    reordered: keptA.length - inOrder.size,
    removed: a.length - keptA.length,
    added: b.length - keptB.length,
    first_reordered: first,
  };
}

/** Diffs two versions. */
export function diffVocab(a: DiffSide, b: DiffSide): DiffResult {
  const idA = new Map(a.pieces.map((p, i) => [p.piece, i]));
  const idB = new Map(b.pieces.map((p, i) => [p.piece, i]));
  const padB = new Set(b.paddingIds);
  const r: DiffResult = {
    a: {
      label: a.label,
      model_type: a.modelType,
      size: a.pieces.length - a.paddingIds.length,
      padded_size: a.pieces.length,
      padding: a.paddingIds.length,
    },
    b: {
      label: b.label,
      model_type: b.modelType,
      size: b.pieces.length - b.paddingIds.length,
      padded_size: b.pieces.length,
      padding: b.paddingIds.length,
    },
    same: false,
    added: [],
    added_padding: [],
    removed: [],
    replaced: [],
    renumbered: [],
    changed: [],
    special: { added: [], removed: [] },
    merges: null,
  };
  b.pieces.forEach((p, id) => {
    const old = idA.get(p.piece);
    if (old === undefined) {
      (padB.has(id) ? r.added_padding : r.added).push({ id, piece: p.piece });
      const was = a.pieces[id]?.piece;
      if (was !== undefined && !padB.has(id) && !idB.has(was)) r.replaced.push({ id, piece: p.piece, was });
      if (isSpecial(p) && !padB.has(id)) r.special.added.push(p.piece);
      return;
    }
    if (old !== id) r.renumbered.push({ piece: p.piece, from: old, to: id });
    const q = a.pieces[old]!;
    const c: DiffResult['changed'][number] = { piece: p.piece, id };
    if (Math.fround(q.score) !== Math.fround(p.score)) c.score = { from: q.score, to: p.score };
    if (q.type !== p.type)
      c.type = { from: TYPE_NAMES[q.type] ?? String(q.type), to: TYPE_NAMES[p.type] ?? String(p.type) };
    if (c.score || c.type) r.changed.push(c);
  });
  a.pieces.forEach((p, id) => {
    if (!idB.has(p.piece)) {
      r.removed.push({ id, piece: p.piece });
      if (isSpecial(p)) r.special.removed.push(p.piece);
    }
  });
  const ma = mergesOf(a);
  const mb = mergesOf(b);
  if (ma && mb) r.merges = compareMerges(ma, mb);
  r.same =
    r.added.length + r.added_padding.length + r.removed.length + r.renumbered.length + r.changed.length === 0 &&
    (!r.merges || (r.merges.reordered === 0 && r.merges.added === 0 && r.merges.removed === 0));
  return r;
}

/** Text a person reads at a glance: counts first, then a few examples of each. */
export function renderDiff(r: DiffResult, examples = 5): string {
  const L: string[] = [];
  const n = (x: number) => x.toLocaleString('en-US');
  L.push(
    `A ${r.a.label}: ${n(r.a.size)} entries${r.a.padding ? ` + ${n(r.a.padding)} padding` : ''} (${r.a.model_type})`,
  );
  L.push(
    `B ${r.b.label}: ${n(r.b.size)} entries${r.b.padding ? ` + ${n(r.b.padding)} padding` : ''} (${r.b.model_type})`,
  );
  if (r.same) {
    L.push('no change');
    return L.join('\n');
  }
  L.push(
    `added ${n(r.added.length)} pieces + ${n(r.added_padding.length)} padding tokens, removed ${n(r.removed.length)}, renumbered ${n(r.renumbered.length)}, score/type changed ${n(r.changed.length)}`,
  );
  if (r.merges)
    L.push(
      `merges: A ${n(r.merges.a)}, B ${n(r.merges.b)}; ${n(r.merges.kept)} of A kept, ${n(r.merges.reordered)} reordered, ${n(r.merges.removed)} removed, ${n(r.merges.added)} added`,
    );
  if (r.special.added.length || r.special.removed.length)
    L.push(`special tokens: +[${r.special.added.join(', ')}] -[${r.special.removed.join(', ')}]`);
  if (r.replaced.length > 0)
    L.push(`replaced: ${n(r.replaced.length)} of the added pieces took the id of a removed one`);
  const show = (title: string, rows: unknown[], fmt: (x: never) => string) => {
    if (rows.length === 0) return;
    L.push(`${title}:`);
    for (const x of rows.slice(0, examples)) L.push(`  ${fmt(x as never)}`);
    if (rows.length > examples) L.push(`  … ${n(rows.length - examples)} more`);
  };
  show('added', r.added, (x: { id: number; piece: string }) => `${x.id} ${JSON.stringify(x.piece)}`);
  show('added padding', r.added_padding, (x: { id: number; piece: string }) => `${x.id} ${x.piece}`);
  show('removed', r.removed, (x: { id: number; piece: string }) => `${x.id} ${JSON.stringify(x.piece)}`);
  show(
    'replaced',
    r.replaced,
    (x: { id: number; piece: string; was: string }) => `${x.id} ${JSON.stringify(x.was)} -> ${JSON.stringify(x.piece)}`,
  );
  show(
    'renumbered',
    r.renumbered,
    (x: { piece: string; from: number; to: number }) => `${JSON.stringify(x.piece)} ${x.from} -> ${x.to}`,
  );
  show(
    'changed',
    r.changed,
    (x: DiffResult['changed'][number]) =>
      `${x.id} ${JSON.stringify(x.piece)}${x.score ? ` score ${x.score.from} -> ${x.score.to}` : ''}${x.type ? ` type ${x.type.from} -> ${x.type.to}` : ''}`,
  );
  if (r.merges?.first_reordered.length)
    show(
      'reordered merges',
      r.merges.first_reordered,
      (x: { merge: string; rank_a: number; rank_b: number }) =>
        `${JSON.stringify(x.merge)} rank ${x.rank_a} -> ${x.rank_b}`,
    );
  return L.join('\n');
}
