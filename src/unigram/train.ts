// New pieces for a SentencePiece Unigram base by SentencePiece's own EM (unigram_model_trainer.cc),
// with the base's pieces and scores held fixed: seed candidates, then E-steps (forward-backward over
// every chunk's lattice of base pieces and candidates), M-steps (digamma scores of the candidates)
// and pruning by loss, shrinking by the shrinking factor until the wanted number (and a reserve)
// remain; the best by score come back.
import { InvariantError } from '../errors.js';
import { codePointLength } from '../corpus/unicode.js';
import { breathe, type OnProgress } from '../progress.js';
import { threadCount } from '../threads.js';
import { PieceType, type Piece } from '../vocab/model.js';
import { admitsChar, chunkText, weightedChars, type ChunkText } from './chunks.js';
import { baseScaleOffset, mStep } from './em.js';
import { UnigramEncoder } from './lattice.js';
import { MAX_EDGE_LENGTH, MAX_EDGE_PIECES } from './marginals.js';
import { pruneCandidates } from './prune.js';
import { seedPieces, type Seed } from './seeds.js';
import { LatticeShards } from './shards.js';
import type { PieceSpace } from './store.js';
import { codePoints, PieceTrie } from './trie.js';

/** What Unigram training reads, and its settings (SentencePiece's defaults where it has one). */
export interface UnigramTrainInput {
  base: readonly Piece[]; // the base's pieces by id: fixed
  texts: readonly string[]; // distinct normalized chunks (▁ for spaces)
  counts: ArrayLike<number>; // the count of each chunk (may be fractional)
  admits: (piece: string) => boolean; // may this text be a new piece? (on one character: may it be in one?)
  maxPieceLength: number; // longest new piece in characters (max_sentencepiece_length; at most 64)
  wanted: number; // new pieces to return
  reserve?: number; // pruning stops at wanted × (1 + reserve) candidates (0.1: SentencePiece's 1.1)
  seedSize?: number; // seed substrings (default min(1,000,000, 10 × wanted))
  minSeedCount?: number; // weighted occurrences a seed needs (default: see seedCountFloor)
  shrinkingFactor?: number; // candidates kept per pruning round (0.75)
  subIterations?: number; // EM iterations between prunings (2)
  threads?: number; // worker threads for the lattices (default: one per core); never changes a result
  signal?: AbortSignal;
  onProgress?: OnProgress;
}

/** A new piece: its score (log probability) and its expected count in the training chunks. */
export interface UnigramTrainedPiece {
  piece: string;
  score: number;
  count: number;
}

/** The state of training: candidates, their scores and the lattices. */
interface Trainer {
  space: PieceSpace;
  seeds: Seed[];
  cps: Int32Array[];
  trie: PieceTrie;
  score: Float64Array; // by piece index; NaN: never matches
  prob: Float64Array; // exp(score); 0: never matches
  alive: Uint8Array;
  store: LatticeShards;
  expected: Float64Array;
  sentences: number;
  normal: Uint8Array; // base ids of NORMAL pieces (the ones whose score is a log probability)
}

/**
 * The default least count of a seed: the count at which a piece of maxLength characters would
 * score (count × length) what the size-th seed scores if the characters' mass spread evenly over
 * the seeds (all characters / size): rarer strings are hardly ever among the best `size`, and
 * counting them is what costs. At least 2 (SentencePiece's seeds occur twice or more).
 */
export function seedCountFloor(text: ChunkText, size: number, maxLength: number): number {
  return Math.max(2, Math.floor(weightedChars(text) / (size * maxLength)));
}

/** The trie, scores and lattices over the base and the seeds. Seeds start as SentencePiece's do:
 * log(count × length / (all characters + Σ count × length)). */
async function setUp(base: readonly Piece[], text: ChunkText, seeds: Seed[], threads: number): Promise<Trainer> {
  const baseEncoder = new UnigramEncoder(base);
  const firstNew = base.length;
  const space: PieceSpace = { firstNew, unk: firstNew + seeds.length };
  if (space.unk >= MAX_EDGE_PIECES) throw new InvariantError(`${space.unk} pieces and seeds: lattices hold fewer`);
  const trie = new PieceTrie(base.length + seeds.length);
  const score = new Float64Array(space.unk + 1).fill(NaN);
  score.set(baseEncoder.score);
  score[space.unk] = baseEncoder.unkScore;
  base.forEach((p, id) => {
    if (!Number.isNaN(score[id]!)) trie.set(codePoints(p.piece), id);
  });
  let total = weightedChars(text);
  const cps = seeds.map((s) => codePoints(s.piece));
  seeds.forEach((s, k) => (total += s.count * (cps[k]!.length === 1 ? 0 : cps[k]!.length)));
  seeds.forEach((s, k) => {
    trie.set(cps[k]!, firstNew + k);
    score[firstNew + k] = Math.log(s.count * cps[k]!.length) - Math.log(total);
  });
  const prob = score.map((s) => (Number.isNaN(s) ? 0 : Math.exp(s)));
  const alive = new Uint8Array(space.unk + 1).fill(1);
  const store = await LatticeShards.open(text, trie, score, prob, space, threads);
  return {
    space,
    seeds,
    cps,
    trie,
    score,
    prob,
    alive,
    store,
    expected: new Float64Array(0),
    sentences: text.totalWeight,
    normal: Uint8Array.from(base, (p) => (p.type === PieceType.NORMAL ? 1 : 0)),
  };
}

/** Alive candidates. */
const aliveCount = (t: Trainer) => t.alive.subarray(t.space.firstNew, t.space.unk).reduce((n, a) => n + a, 0);

/** E-step then M-step; compacts the lattices when candidates died. */
async function emStep(t: Trainer): Promise<void> {
  t.expected = (await t.store.eStep(t.prob)).expected;
  const scale = (logTotal: number) => baseScaleOffset(t.expected, t.space, t.score, (x) => t.normal[x] === 1, logTotal);
  if (mStep(t.expected, t.space, t.alive, t.score, t.prob, scale) > 0) await t.store.compact(t.alive, t.prob, t.score);
}

/** One pruning round down to max(desired, shrinkingFactor × alive). */
async function prune(t: Trainer, desired: number, shrinkingFactor: number): Promise<void> {
  const freq = await t.store.viterbiFreq(t.score);
  const keep = Math.max(desired, Math.floor(shrinkingFactor * aliveCount(t)));
  const kept = new Set(pruneCandidates({ ...t, freq, keep }));
  for (let c = t.space.firstNew; c < t.space.unk; c++)
    if (t.alive[c] && !kept.has(c)) [t.alive[c], t.score[c], t.prob[c]] = [0, NaN, 0];
  await t.store.compact(t.alive, t.prob, t.score);
}

/** The seeds of the kept chunks and their lattices (the text itself is not kept). */
async function start(input: UnigramTrainInput): Promise<Trainer> {
  const maxPieceLength = Math.min(input.maxPieceLength, MAX_EDGE_LENGTH);
  const text = chunkText(input.texts, input.counts, admitsChar(input.admits));
  const inBase = new Set(input.base.map((p) => p.piece));
  await breathe(input.signal);
  const size = input.seedSize ?? Math.min(1_000_000, 10 * input.wanted);
  const seeds = seedPieces(text, {
    maxLength: maxPieceLength,
    minCount: input.minSeedCount ?? seedCountFloor(text, size, maxPieceLength),
    size,
    admits: (p) => codePointLength(p) <= maxPieceLength && input.admits(p),
    inBase: (p) => inBase.has(p),
  });
  await breathe(input.signal);
  return setUp(input.base, text, seeds, threadCount(input.threads));
}

/**
 * Trains up to `wanted` new pieces (fewer when the chunks hold fewer), none in the base, each
 * admitted, ordered by score, best first (ties by text): every prefix of the list is the best
 * vocabulary of its size that training can tell. Deterministic.
 */
export async function trainUnigram(input: UnigramTrainInput): Promise<UnigramTrainedPiece[]> {
  const { wanted, signal, onProgress } = input;
  if (wanted <= 0) return [];
  const shrinkingFactor = input.shrinkingFactor ?? 0.75;
  const desired = Math.floor(wanted * (1 + (input.reserve ?? 0.1)));
  const t = await start(input);
  const seeds = t.seeds;
  try {
    const rounds = Math.max(
      1,
      Math.ceil(Math.log(desired / Math.max(1, seeds.length)) / Math.log(shrinkingFactor)) + 1,
    );
    for (let round = 1; ; round++) {
      for (let i = 0; i < (input.subIterations ?? 2); i++) {
        await emStep(t);
        await breathe(signal);
      }
      onProgress?.({ stage: 'unigram', current: Math.min(round, rounds), total: rounds });
      if (aliveCount(t) <= desired) break;
      await prune(t, desired, shrinkingFactor);
      await breathe(signal);
    }
  } finally {
    await t.store.close();
  }
  const out: UnigramTrainedPiece[] = [];
  for (let c = t.space.firstNew; c < t.space.unk; c++)
    if (t.alive[c]) out.push({ piece: seeds[c - t.space.firstNew]!.piece, score: t.score[c]!, count: t.expected[c]! });
  out.sort((a, b) => b.score - a.score || (a.piece < b.piece ? -1 : a.piece > b.piece ? 1 : 0));
  return out.slice(0, wanted);
}
