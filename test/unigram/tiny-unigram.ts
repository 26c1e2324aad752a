// Tiny hand-made SentencePiece Unigram models for the unigram unit tests (scores exact in float32).
import { ModelType } from '../../src/spm/modelproto.js';
import { chunkText } from '../../src/unigram/chunks.js';
import { UnigramEncoder } from '../../src/unigram/lattice.js';
import type { PieceSpace } from '../../src/unigram/store.js';
import { codePoints, PieceTrie } from '../../src/unigram/trie.js';
import { bytePiece, PieceType, type Model, type Piece, type PieceTypeValue } from '../../src/vocab/model.js';

/** A piece as [text, score, type (NORMAL when left out)]. */
export type PieceRow = [string, number, PieceTypeValue?];

/** A Unigram model: <unk>, <s>, </s> (ids 0-2), then `rows` (ids from 3), then with `byteFallback`
 * the 256 byte pieces; identity normalizer with the dummy prefix, as llm-jp's. */
export function tinyUnigram(rows: PieceRow[], byteFallback = false): Model {
  const pieces: Piece[] = [
    { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
    { piece: '<s>', score: 0, type: PieceType.CONTROL },
    { piece: '</s>', score: 0, type: PieceType.CONTROL },
    ...rows.map(([piece, score, type]) => ({ piece, score, type: type ?? PieceType.NORMAL })),
  ];
  if (byteFallback) for (let b = 0; b < 256; b++) pieces.push({ piece: bytePiece(b), score: 0, type: PieceType.BYTE });
  return {
    pieces,
    trainerSpec: {
      model_type: ModelType.UNIGRAM,
      vocab_size: pieces.length,
      byte_fallback: byteFallback,
      unk_id: 0,
      bos_id: 1,
      eos_id: 2,
      pad_id: -1,
    },
    normalizerSpec: {
      name: 'identity',
      add_dummy_prefix: true,
      remove_extra_whitespaces: false,
      escape_whitespaces: true,
    },
    paddingIds: [],
  };
}

/** What SentencePiece's normalizer makes of `text` for these models (and llm-jp v3.1's). */
export const normalizeIdentity = (text: string): string => (text === '' ? '' : '▁' + text.replaceAll(' ', '▁'));

/** The pieces of a training run over `base` with `candidates` ([text, score]) appended, and
 * `chunks` ([text, count]), as trainUnigram sets them up (every chunk kept). */
export function tinyTraining(base: Model, candidates: [string, number][], chunks: [string, number][]) {
  const enc = new UnigramEncoder(base.pieces);
  const firstNew = base.pieces.length;
  const space: PieceSpace = { firstNew, unk: firstNew + candidates.length };
  const score = new Float64Array(space.unk + 1).fill(NaN);
  score.set(enc.score);
  score[space.unk] = enc.unkScore;
  candidates.forEach(([, s], k) => (score[firstNew + k] = s));
  const trie = new PieceTrie();
  base.pieces.forEach((p, id) => {
    if (!Number.isNaN(score[id]!)) trie.set(codePoints(p.piece), id);
  });
  candidates.forEach(([p], k) => trie.set(codePoints(p), firstNew + k));
  const prob = score.map((s) => (Number.isNaN(s) ? 0 : Math.exp(s)));
  const text = chunkText(
    chunks.map(([t]) => t),
    chunks.map(([, c]) => c),
    () => true,
  );
  return { space, score, prob, trie, text, cps: candidates.map(([p]) => codePoints(p)) };
}
