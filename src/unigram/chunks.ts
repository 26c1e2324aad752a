// The training text: the chunks a new piece can occur in (those with a character the policy admits),
// as code points in one array, with their counts.
import { codePointLength } from '../corpus/unicode.js';

/** Kept chunks, one after another. */
export interface ChunkText {
  cps: Int32Array; // code points of every kept chunk
  starts: Int32Array; // chunk k is cps[starts[k]..starts[k+1])
  weights: Float64Array; // the count of each kept chunk
  /** The counts of all chunks given, kept or not (SentencePiece's vsum: sentences weigh by it). */
  totalWeight: number;
}

/** A cached per-code-point form of `admits` on one-character strings. */
export function admitsChar(admits: (piece: string) => boolean): (cp: number) => boolean {
  const cache = new Int8Array(0x110000).fill(-1);
  return (cp) => {
    let v = cache[cp]!;
    if (v < 0) v = cache[cp] = admits(String.fromCodePoint(cp)) ? 1 : 0;
    return v === 1;
  };
}

/** Does `text` hold a character `admits` accepts? */
function holdsAdmitted(text: string, admits: (cp: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (admits(cp)) return true;
  }
  return false;
}

/** The chunks of `texts` (with `counts`) that hold a character `admits` accepts; the others can hold
 * no new piece. Chunks with a count of 0 or less are skipped. */
export function chunkText(
  texts: readonly string[],
  counts: ArrayLike<number>,
  admits: (cp: number) => boolean,
): ChunkText {
  const keep = new Uint8Array(texts.length);
  let chars = 0;
  let kept = 0;
  let totalWeight = 0;
  texts.forEach((t, k) => {
    const w = counts[k]!;
    if (!(w > 0)) return;
    totalWeight += w;
    if (!holdsAdmitted(t, admits)) return;
    keep[k] = 1;
    kept++;
    chars += codePointLength(t);
  });
  const cps = new Int32Array(chars);
  const starts = new Int32Array(kept + 1);
  const weights = new Float64Array(kept);
  let n = 0;
  let c = 0;
  texts.forEach((t, k) => {
    if (!keep[k]) return;
    for (let i = 0; i < t.length; i++) {
      const cp = t.codePointAt(i)!;
      if (cp > 0xffff) i++;
      cps[n++] = cp;
    }
    weights[c++] = counts[k]!;
    starts[c] = n;
  });
  return { cps, starts, weights, totalWeight };
}

/** Characters of the kept chunks, each counted as often as its chunk occurs. */
export function weightedChars(text: ChunkText): number {
  let chars = 0;
  for (let k = 0; k + 1 < text.starts.length; k++) chars += text.weights[k]! * (text.starts[k + 1]! - text.starts[k]!);
  return chars;
}
