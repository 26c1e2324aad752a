// Pruning of SentencePiece's Unigram trainer (PruneSentencePieces), over the candidates only: each
// candidate's removal is priced by how much the corpus likelihood drops when its best-path
// occurrences are taken by the best segmentation of its own text without it; the cheapest go.
import { appendLattice, EdgeBuffer } from './lattice.js';
import { InvariantError } from '../errors.js';
import { edgePiece, LatticeScratch, viterbiPath } from './marginals.js';
import type { PieceSpace } from './store.js';
import type { PieceTrie } from './trie.js';

/** What pruning reads. */
export interface PruneInput {
  trie: PieceTrie;
  space: PieceSpace;
  score: Float64Array; // current scores by piece index (NaN: dead); score[unk] is the unknown's
  alive: Uint8Array;
  cps: Int32Array[]; // the text of each candidate (by index - firstNew)
  freq: Float64Array; // best-path counts by piece index over the corpus
  sentences: number; // Σ chunk counts (SentencePiece's vsum)
  keep: number; // candidates to keep (SentencePiece's pruned_size)
}

/** How a candidate's own text is segmented without it: null when it is its own best segmentation
 * only because nothing else covers it (always kept), 'split' when its text prefers a split (it
 * never occurs on a best path: removable at no cost), else the pieces that would replace it. */
export function alternative(
  c: number,
  cps: Int32Array,
  trie: PieceTrie,
  score: Float64Array,
  unk: number,
  s = new LatticeScratch(),
  buf = new EdgeBuffer(),
): number[] | 'split' | null {
  buf.length = 0;
  const perPosition = new Uint8Array(cps.length);
  appendLattice(trie, score, unk, cps, 0, cps.length, buf, perPosition, 0);
  let self = 0;
  while (self < perPosition[0]! && edgePiece(buf.data[self]!) !== c) self++;
  if (self === perPosition[0]) throw new InvariantError(`candidate ${c} does not match its own text`);
  buf.data.copyWithin(self, self + 1, buf.length);
  perPosition[0]!--;
  const lat = { edges: buf.data, firstEdge: 0, perPosition, firstPosition: 0, length: cps.length };
  const path = viterbiPath(lat, score, s);
  if (path.length === 0) return null;
  let alt = 0;
  for (const x of path) alt += score[x]!;
  return alt > score[c]! ? 'split' : path;
}

/**
 * SentencePiece's loss of removing a piece seen `f` times on best paths (of `sum` tokens over
 * `sentences` chunk occurrences) whose occurrences `alt` would take: the drop of the corpus
 * log-likelihood, (f / sentences) × (log p(piece) - Σ log p'(alt)), where p' counts each
 * alternative f times more and the total f × (|alt| - 1) more.
 */
export function removalLoss(
  f: number,
  alt: readonly number[],
  freq: Float64Array,
  sum: number,
  sentences: number,
): number {
  const logProb = Math.log(f) - Math.log(sum);
  const logSumAlt = Math.log(sum + f * (alt.length - 1));
  let logProbAlt = 0;
  for (const x of alt) logProbAlt += Math.log(freq[x]! + f) - logSumAlt;
  return (f / sentences) * (logProb - logProbAlt);
}

/** The candidates to keep: a candidate with no best-path occurrence or whose text prefers a split
 * always goes; those with no alternative stay; then the costliest to remove (SentencePiece's loss,
 * ties by index) until `keep`. Returns the kept indices in order. */
export function pruneCandidates(p: PruneInput): number[] {
  const { space, score, alive, freq } = p;
  const s = new LatticeScratch();
  const buf = new EdgeBuffer();
  let sum = 0;
  for (let x = 0; x < space.unk; x++) if (alive[x]) sum += freq[x]!;
  const kept: number[] = [];
  const priced: { c: number; loss: number }[] = [];
  for (let c = space.firstNew; c < space.unk; c++) {
    if (!alive[c]) continue;
    const f = freq[c]!;
    if (f === 0) continue;
    const alt = alternative(c, p.cps[c - space.firstNew]!, p.trie, score, space.unk, s, buf);
    if (alt === 'split') continue;
    if (alt === null) kept.push(c);
    else priced.push({ c, loss: removalLoss(f, alt, freq, sum, p.sentences) });
  }
  priced.sort((a, b) => b.loss - a.loss || a.c - b.c);
  for (const { c } of priced) {
    if (kept.length >= p.keep) break;
    kept.push(c);
  }
  return kept.sort((a, b) => a - b);
}
