// Which base pieces can go (--replace, --trim-to): leaf closure on the base's merge graph. A piece
// may go only when no kept merge uses it as a part; removing it removes the merges that make it,
// and its parts may become leaves in turn. Byte pieces, special/added/unknown tokens, single
// characters and pieces no merge makes are never removed. Among the leaves, those of scripts the
// corpora never show go first, then the least used, then the last learned: deterministic.
import { BinaryHeap } from '../bpe/binary-heap.js';
import { UsageError } from '../errors.js';
import { Script, scriptOf } from '../corpus/unicode.js';
import { tokenToBytes } from '../vocab/bytelevel.js';
import { PieceType, type Piece } from '../vocab/model.js';

/** The base as the choice sees it. */
export interface FreeInput {
  pieces: readonly Piece[]; // by id; only NORMAL pieces can go
  merges: readonly (readonly [string, string])[]; // ranked, first applied first
  byteLevel: boolean; // piece texts are GPT-2 byte strings
  /** By id: the largest share of the tokens of any corpus (keep corpora, training corpus) that
   * the piece takes when the base encodes it (0 when never used). */
  share: Float64Array;
  /** Scripts (corpus/unicode.ts `scriptOf`) the corpora show. */
  scripts: ReadonlySet<Script>;
}

/** The text of a piece as characters (a byte-level piece's complete characters). */
export function pieceChars(piece: string, byteLevel: boolean): string {
  if (!byteLevel) return piece;
  const bytes = tokenToBytes(piece);
  return bytes ? new TextDecoder().decode(bytes).replaceAll('\uFFFD', '') : piece;
}

/** Is a piece one character (or part of one: a byte-level piece of a single, incomplete character)? */
function singleChar(piece: string, byteLevel: boolean): boolean {
  if (!byteLevel) return [...piece].length <= 1;
  const bytes = tokenToBytes(piece);
  if (!bytes) return true;
  if (bytes.length === 1) return true;
  const text = new TextDecoder().decode(bytes);
  return [...text].length <= 1;
}

/** Does the piece hold a letter of a script the corpora never show? */
export function foreignPiece(chars: string, scripts: ReadonlySet<Script>): boolean {
  for (const ch of chars) {
    const s = scriptOf(ch.codePointAt(0)!);
    if (s === Script.Common || s === Script.Space || s === Script.Digit || s === Script.Inherited) continue;
    if (!scripts.has(s)) return true;
  }
  return false;
}

/** The scripts of the characters of `text` (as FreeInput.scripts wants them), added to `into`. */
export function addScripts(text: string, into: Set<Script>): void {
  for (const ch of text) into.add(scriptOf(ch.codePointAt(0)!));
}

/** The merge graph: for each id, the merges (by rank) that make it, and how many kept merges use it as a part. */
interface Graph {
  makers: Map<number, number[]>; // id -> ranks of the merges that make it
  users: Int32Array; // id -> kept merges that use it as a part
  parts: Int32Array; // rank -> left id, right id (2 per rank)
}

/** The merge graph of `input`. */
function graphOf(input: FreeInput): Graph {
  const ids = new Map<string, number>();
  input.pieces.forEach((p, id) => {
    if (p.piece !== '' && !ids.has(p.piece)) ids.set(p.piece, id);
  });
  const makers = new Map<number, number[]>();
  const users = new Int32Array(input.pieces.length);
  const parts = new Int32Array(2 * input.merges.length).fill(-1);
  input.merges.forEach(([a, b], rank) => {
    const l = ids.get(a);
    const r = ids.get(b);
    const c = ids.get(a + b);
    if (l === undefined || r === undefined || c === undefined) return;
    parts[2 * rank] = l;
    parts[2 * rank + 1] = r;
    users[l]!++;
    users[r]!++;
    const m = makers.get(c);
    if (m) m.push(rank);
    else makers.set(c, [rank]);
  });
  return { makers, users, parts };
}

/** A leaf's place in the removal order: foreign first, then least used, then last learned. */
interface Leaf {
  id: number;
  foreign: boolean;
  share: number;
  rank: number; // the first merge that makes it
}

const before = (a: Leaf, b: Leaf): boolean =>
  a.foreign !== b.foreign ? a.foreign : a.share !== b.share ? a.share < b.share : a.rank > b.rank;

/** Can piece `id` ever go (a NORMAL piece of 2+ characters that some merge makes)? */
function candidate(input: FreeInput, g: Graph, id: number): boolean {
  const p = input.pieces[id]!;
  return p.type === PieceType.NORMAL && g.makers.has(id) && !singleChar(p.piece, input.byteLevel);
}

/**
 * The ids of `n` base pieces that can go, in the order they go (leaf closure: each is a leaf of
 * the merge graph once the ones before it are gone). A removed piece's uses pass to the parts of
 * the first merge that made it (its text now encodes as them). Throws a UsageError naming how
 * many could go when fewer than `n` can.
 */
export function chooseFreed(input: FreeInput, n: number): number[] {
  const g = graphOf(input);
  const share = Float64Array.from(input.share);
  const leaf = (id: number): Leaf => ({
    id,
    foreign: foreignPiece(pieceChars(input.pieces[id]!.piece, input.byteLevel), input.scripts),
    share: share[id]!,
    rank: g.makers.get(id)![0]!,
  });
  const heap = new BinaryHeap<Leaf>(before);
  for (let id = 0; id < input.pieces.length; id++)
    if (g.users[id] === 0 && candidate(input, g, id)) heap.push(leaf(id));
  const out: number[] = [];
  while (out.length < n) {
    const x = heap.pop();
    if (!x) break;
    out.push(x.id);
    const ranks = g.makers.get(x.id)!;
    for (const rank of ranks) {
      const l = g.parts[2 * rank]!;
      const r = g.parts[2 * rank + 1]!;
      if (rank === ranks[0]) {
        share[l] = share[l]! + share[x.id]!;
        if (r !== l) share[r] = share[r]! + share[x.id]!;
      }
      for (const part of l === r ? [l, l] : [l, r]) {
        g.users[part]!--;
        if (g.users[part] === 0 && candidate(input, g, part)) heap.push(leaf(part));
      }
    }
  }
  if (out.length < n)
    throw new UsageError(
      `only ${out.length.toLocaleString('en-US')} base pieces can be freed, ${n.toLocaleString('en-US')} were asked for`,
      'byte pieces, special and added tokens, single characters and the parts of kept merges stay; ask for fewer',
    );
  return out;
}
