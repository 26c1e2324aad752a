// Unigram training over counted chunks: the chunks a new piece could occur in (those with a
// character the policy learns from) go to the EM trainer with the base's pieces and scores fixed;
// what comes back are trained pieces, each with its estimated score, in the trainer's order.
import type { ChunkSet } from '../corpus/chunk-store.js';
import { pieceRule } from '../corpus/policy.js';
import { isJapaneseCodePoint } from '../corpus/unicode.js';
import { policyOf, type BuildSpec } from '../spec.js';
import { trainUnigram } from '../unigram/train.js';
import { PieceType, learnedKindOf, type Model } from '../vocab/model.js';
import type { TrainOptions, TrainResult } from './continued.js';

/** The longest new piece, in characters: the spec's limit within the base's own
 * (max_sentencepiece_length, 16 by SentencePiece's default). */
function maxLength(base: Model, spec: Pick<BuildSpec, 'maxPieceLength'>): number {
  const own = Number(base.trainerSpec.max_sentencepiece_length ?? 16);
  return Math.min(spec.maxPieceLength, own);
}

/** Trains `o.maxPieces` new pieces over Unigram base `base` from `chunks`. */
export async function trainUnigramOnChunks(
  base: Model,
  chunks: ChunkSet,
  spec: Pick<BuildSpec, 'allowNonJapanese' | 'maxPieceLength'>,
  o: TrainOptions,
): Promise<TrainResult> {
  const maxPieceLength = maxLength(base, spec);
  const rule = pieceRule(policyOf(spec), maxPieceLength);
  const texts: string[] = [];
  const counts: number[] = [];
  const charCounts = new Float64Array(0x110000);
  await chunks.forEach((chunk, count) => {
    if (!rule.trainsOn(chunk)) return;
    texts.push(chunk);
    counts.push(count);
    for (const ch of chunk) charCounts[ch.codePointAt(0)!]! += count;
  }, o.signal);
  const trained = await trainUnigram({
    base: base.pieces,
    texts,
    counts,
    admits: rule.text,
    maxPieceLength,
    wanted: o.maxPieces,
    threads: o.threads,
    signal: o.signal,
    onProgress: o.onProgress,
  });
  const singles = new Set(
    [...base.pieces.filter((p) => p.type === PieceType.NORMAL || p.type === PieceType.USER_DEFINED), ...trained]
      .map((p) => p.piece)
      .filter((p) => [...p].length === 1),
  );
  let japaneseChars = 0;
  let covered = 0;
  let occurrences = 0;
  let coveredOccurrences = 0;
  charCounts.forEach((n, cp) => {
    if (n === 0 || !isJapaneseCodePoint(cp)) return;
    japaneseChars++;
    occurrences += n;
    if (singles.has(String.fromCodePoint(cp))) {
      covered++;
      coveredOccurrences += n;
    }
  });
  return {
    pieces: trained.map((t) => ({ piece: t.piece, kind: learnedKindOf(t.piece), count: t.count, score: t.score })),
    charCoverage: { japaneseChars, covered, occurrences, coveredOccurrences },
    words: texts.length,
    reduction: {
      budget_bytes: o.memoryBytes ?? 0,
      needed_bytes: 0,
      kept_chunks: texts.length,
      dropped_chunks: 0,
      dropped_occurrences: 0,
      dropped_char_share: 0,
      rule: 'Unigram: every chunk with a character the policy learns from (the others can hold no new piece), lattices in memory',
    },
  };
}
