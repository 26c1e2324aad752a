// An HF tokenizer.json with a BPE model, read and checked: vocabulary by id, merges in rank
// order, added tokens, and the pipeline flags training and verification need. What tokext does
// not implement (Unigram, WordPiece, an unknown normalizer or pre-tokenizer, merges that name
// tokens outside the vocabulary) is refused here, before any work.
import { InputError } from '../errors.js';
import { mergeIds, RankedBpe } from '../bpe/ranked.js';
import { mergePair } from './merges.js';
import type { AddedToken } from './tokenizer-json.js';
import { PieceType, type Piece } from '../vocab/model.js';
import { isByteLevel, normalizerOf, preTokenizerOf, UnsupportedPipeline, type PipelineSpec } from './pipeline.js';

/** The parts of tokenizer.json tokext reads (everything else is carried over untouched). */
export interface TokenizerJson {
  added_tokens: AddedToken[];
  normalizer: PipelineSpec;
  pre_tokenizer: PipelineSpec;
  model: {
    type: string;
    vocab: Record<string, number>;
    merges: (string | [string, string])[];
    byte_fallback?: boolean;
    ignore_merges?: boolean;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** A checked HF BPE tokenizer. */
export interface HfBpe {
  json: TokenizerJson; // as read (vocab and merges included)
  vocab: string[]; // model token by id, '' where an id is only an added token (or unused)
  size: number; // ids in use: one past the highest model or added id
  merges: [string, string][];
  mergesAsPairs: boolean; // merges written as ["a", "b"] (else "a b")
  byteLevel: boolean;
  ignoreMerges: boolean;
  byteFallback: boolean;
  /** Ids whose token was freed (--replace): '' in `vocab`, taken first by new tokens, lowest first. */
  free?: number[];
}

/** The id of a token in a tokenizer.json vocabulary, or undefined (never an Object property). */
export const vocabId =
  (vocab: Record<string, number>) =>
  (t: string): number | undefined =>
    Object.hasOwn(vocab, t) ? vocab[t] : undefined;

/** Reads a parsed tokenizer.json as an HF BPE model; `file` names it in errors. */
export function readHfBpe(json: unknown, file: string): HfBpe {
  const j = json as Partial<TokenizerJson>;
  const type = j?.model?.type;
  const hint =
    'tokext extends BPE tokenizers: SentencePiece BPE (.model or its tokenizer.json) or HF BPE (tokenizer.json)';
  if (type !== 'BPE')
    throw new InputError(`not a BPE tokenizer.json (model.type is ${type ?? 'missing'})`, file, undefined, hint);
  const model = j.model!;
  if (!model.vocab || typeof model.vocab !== 'object' || !Array.isArray(model.merges))
    throw new InputError('model.vocab or model.merges is missing', file, undefined, hint);
  for (const part of ['normalizer', 'pre_tokenizer'] as const) {
    try {
      (part === 'normalizer' ? normalizerOf : preTokenizerOf)(j[part] ?? null);
    } catch (e) {
      const why =
        e instanceof UnsupportedPipeline ? e.message : `a regex tokext cannot translate: ${(e as Error).message}`;
      throw new InputError(
        `its ${part.replace('_', '-')} is not one tokext implements (${why})`,
        file,
        undefined,
        'supported: NFC/NFD/NFKC/NFKD, Lowercase, Prepend, Replace; Split, ByteLevel, Metaspace, Sequence',
      );
    }
  }
  const added = j.added_tokens ?? [];
  let size = 0;
  for (const id of Object.values(model.vocab)) size = Math.max(size, id + 1);
  for (const t of added) size = Math.max(size, t.id + 1);
  const vocab = new Array<string>(size).fill('');
  for (const [token, id] of Object.entries(model.vocab)) {
    if (!Number.isInteger(id) || id < 0) throw new InputError(`vocab id of ${JSON.stringify(token)} is ${id}`, file);
    if (vocab[id] !== '')
      throw new InputError(
        `vocab id ${id} is used twice (${JSON.stringify(vocab[id])} and ${JSON.stringify(token)})`,
        file,
      );
    vocab[id] = token;
  }
  const mergesAsPairs = Array.isArray(model.merges[0]);
  const merges = model.merges.map(mergePair);
  const hf: HfBpe = {
    json: j as TokenizerJson,
    vocab,
    size,
    merges,
    mergesAsPairs,
    byteLevel: isByteLevel(j.pre_tokenizer ?? null),
    ignoreMerges: model.ignore_merges === true,
    byteFallback: model.byte_fallback === true,
  };
  try {
    const id = vocabId(model.vocab);
    for (const [l, r] of merges) mergeIds(l, r, id); // every merge names tokens of the vocabulary, and so does its result
  } catch (e) {
    throw new InputError(
      `merges and vocabulary disagree: ${(e as Error).message}`,
      file,
      undefined,
      'the file is corrupt or inconsistent',
    );
  }
  return hf;
}

/** The encoder of an HF BPE base. */
export function encoderOf(hf: HfBpe): RankedBpe {
  return new RankedBpe(
    {
      vocab: hf.vocab,
      merges: hf.merges,
      byteLevel: hf.byteLevel,
      ignoreMerges: hf.ignoreMerges,
      byteFallback: hf.byteFallback,
      ...(hf.free ? { free: hf.free } : {}),
    },
    hf.size,
  );
}

/** The tokens of an HF tokenizer by id as pieces: model tokens NORMAL, special added tokens
 * CONTROL, other added tokens USER_DEFINED ('' for an id nothing uses). */
export function hfPieces(hf: HfBpe): Piece[] {
  const out: Piece[] = hf.vocab.map((piece) => ({ piece, score: 0, type: PieceType.NORMAL }));
  for (const t of hf.json.added_tokens)
    out[t.id] = { piece: t.content, score: 0, type: t.special ? PieceType.CONTROL : PieceType.USER_DEFINED };
  return out;
}
