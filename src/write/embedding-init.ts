// embedding-init.json: for every new id, how to initialise its embedding rows (the mean of the
// base rows of its decomposition by the base tokenizer; zero for padding).
import { BpeEncoder } from '../bpe/encoder.js';
import { UnigramEncoder } from '../unigram/lattice.js';
import type { Model, PieceKind } from '../vocab/model.js';
import { breathe, Pacer } from '../progress.js';

/** The tensors a checkpoint grows: input embeddings and the output head (untied in Mistral). */
export const EMBEDDING_TENSORS = ['model.embed_tokens.weight', 'lm_head.weight'];

/** The file as written: a JSON object whose rows are one per line (diffable, greppable). */
export function embeddingInitText(value: object): string {
  const { rows, ...head } = value as { rows: unknown[] };
  const text = JSON.stringify({ ...head, rows: '@@ROWS@@' }, null, 2);
  const body = rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return text.replace('"@@ROWS@@"', () => `[\n${body}\n  ]`) + '\n';
}

/** One row of embedding-init.json. */
export interface InitRow {
  id: number;
  piece: string;
  init: 'mean' | 'zero';
  from: number[];
}

/** A new piece's base ids, by the base's own tokenizer (no BOS, no dummy prefix). */
export type Decompose = (piece: string) => number[];

/** Decomposition by a SentencePiece BPE base's own merges. */
export const bpeDecomposer = (base: Model): Decompose => {
  const enc = new BpeEncoder(base.pieces);
  return (piece) => enc.encodeNormalized(piece);
};

/** Decomposition by a SentencePiece Unigram base's own Viterbi. */
export const viterbiDecomposer = (base: Model): Decompose => {
  const enc = new UnigramEncoder(base.pieces);
  return (piece) => enc.encode(piece);
};

/** Embedding-initialisation metadata: which rows are new and how to fill them (`decomposer`:
 * how the base splits a new piece, by default its BPE merges). */
export async function sentencePieceInit(
  base: { name: string; model: Model },
  model: Model,
  kinds: readonly PieceKind[],
  signal?: AbortSignal,
  decomposer: (base: Model) => Decompose = bpeDecomposer,
): Promise<object> {
  await breathe(signal);
  const decompose = decomposer(base.model);
  await breathe(signal);
  const pacer = new Pacer(signal);
  const baseSize = base.model.pieces.length;
  const rows: InitRow[] = [];
  for (let id = 0; id < model.pieces.length; id++) {
    if (kinds[id] === 'base') continue; // a new piece may sit at a freed base id (--replace)
    if (id % 256 === 0) await pacer.pace();
    const piece = model.pieces[id]!.piece;
    if (kinds[id] === 'padding') rows.push({ id, piece, init: 'zero', from: [] });
    else rows.push({ id, piece, init: 'mean', from: decompose(piece) });
  }
  return {
    format: 'tokext.embedding-init/1',
    base: { name: base.name, vocab_size: baseSize },
    vocab_size: model.pieces.length - model.paddingIds.length,
    padded_vocab_size: model.pieces.length,
    tie_word_embeddings: false,
    tensors: EMBEDDING_TENSORS,
    rule: "mean of the base rows of `from` (the base tokenizer's decomposition, no BOS); zero for padding",
    rows,
  };
}
