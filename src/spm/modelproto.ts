// SentencePiece ModelProto: read and write tokenizer.model with protobufjs.
import protobuf from 'protobufjs';
import { InputError } from '../errors.js';
import { PieceType, type Model, type Piece, type PieceTypeValue } from '../vocab/model.js';

// Field numbers as in sentencepiece_model.proto (checked against Mistral's file).
const SCHEMA = `
syntax = "proto2";
package sentencepiece;
message TrainerSpec {
  repeated string input = 1; optional string input_format = 7; optional string model_prefix = 2;
  optional int32 model_type = 3; optional int32 vocab_size = 4; repeated string accept_language = 5;
  optional int32 self_test_sample_size = 6; optional bool enable_differential_privacy = 50;
  optional float differential_privacy_noise_level = 51; optional uint64 differential_privacy_clipping_threshold = 52;
  optional float character_coverage = 10; optional uint64 input_sentence_size = 11;
  optional bool shuffle_input_sentence = 19; optional int32 mining_sentence_size = 12;
  optional int32 training_sentence_size = 13; optional int32 seed_sentencepiece_size = 14;
  optional float shrinking_factor = 15; optional int32 max_sentence_length = 18; optional int32 num_threads = 16;
  optional int32 num_sub_iterations = 17; optional int32 max_sentencepiece_length = 20;
  optional bool split_by_unicode_script = 21; optional bool split_by_number = 23;
  optional bool split_by_whitespace = 22; optional bool treat_whitespace_as_suffix = 24;
  optional bool allow_whitespace_only_pieces = 26; optional bool split_digits = 25;
  optional string pretokenization_delimiter = 53; repeated string control_symbols = 30;
  repeated string user_defined_symbols = 31; optional string required_chars = 36; optional bool byte_fallback = 35;
  optional bool vocabulary_output_piece_score = 32; optional bool hard_vocab_limit = 33;
  optional bool use_all_vocab = 34; optional int32 unk_id = 40; optional int32 bos_id = 41;
  optional int32 eos_id = 42; optional int32 pad_id = 43; optional string unk_piece = 45;
  optional string bos_piece = 46; optional string eos_piece = 47; optional string pad_piece = 48;
  optional string unk_surface = 44; optional bool train_extremely_large_corpus = 49;
  optional string seed_sentencepieces_file = 54;
}
message NormalizerSpec {
  optional string name = 1; optional bytes precompiled_charsmap = 2; optional bool add_dummy_prefix = 3;
  optional bool remove_extra_whitespaces = 4; optional bool escape_whitespaces = 5;
  optional string normalization_rule_tsv = 6;
}
message ModelProto {
  message SentencePiece { optional string piece = 1; optional float score = 2; optional int32 type = 3; }
  repeated SentencePiece pieces = 1; optional TrainerSpec trainer_spec = 2;
  optional NormalizerSpec normalizer_spec = 3; optional NormalizerSpec denormalizer_spec = 5;
}
`;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const ModelProto = root.lookupType('sentencepiece.ModelProto');
const TrainerSpec = root.lookupType('sentencepiece.TrainerSpec');
const NormalizerSpec = root.lookupType('sentencepiece.NormalizerSpec');
const CONVERT = { longs: Number, enums: Number, bytes: String } as const;

/** SentencePiece model types. */
export const ModelType = { UNIGRAM: 1, BPE: 2, WORD: 3, CHAR: 4 } as const;

/** The name of a TrainerSpec model_type (UNIGRAM when unset, the proto's default). */
export function modelTypeName(t: unknown): string {
  return Object.entries(ModelType).find(([, v]) => v === (t ?? ModelType.UNIGRAM))?.[0] ?? String(t);
}

/** A decoded .model file: the pieces and both specs as plain objects. */
export interface DecodedModel {
  pieces: Piece[];
  trainerSpec: Record<string, unknown>;
  normalizerSpec: Record<string, unknown>;
}

/** Parses the bytes of a tokenizer.model. */
export function readModelProto(bytes: Uint8Array, file = 'tokenizer.model'): DecodedModel {
  let msg: protobuf.Message;
  try {
    msg = ModelProto.decode(bytes);
  } catch (e) {
    throw new InputError(`not a SentencePiece ModelProto (${(e as Error).message})`, file);
  }
  const obj = ModelProto.toObject(msg, CONVERT) as {
    pieces?: { piece?: string; score?: number; type?: number }[];
    trainer_spec?: Record<string, unknown>;
    normalizer_spec?: Record<string, unknown>;
  };
  if (!obj.pieces || obj.pieces.length === 0) throw new InputError('ModelProto has no pieces', file);
  const pieces = obj.pieces.map((p) => ({
    piece: p.piece ?? '',
    score: p.score ?? 0,
    type: (p.type ?? PieceType.NORMAL) as PieceTypeValue,
  }));
  return { pieces, trainerSpec: obj.trainer_spec ?? {}, normalizerSpec: obj.normalizer_spec ?? {} };
}

/** Serializes a model as SentencePiece does: fields by number, NORMAL type left implicit. */
export function writeModelProto(model: Model): Uint8Array {
  const pieces = model.pieces.map((p) =>
    p.type === PieceType.NORMAL ? { piece: p.piece, score: p.score } : { piece: p.piece, score: p.score, type: p.type },
  );
  const trainer = TrainerSpec.fromObject({ ...model.trainerSpec, vocab_size: model.pieces.length });
  const normalizer = NormalizerSpec.fromObject(model.normalizerSpec);
  const msg = ModelProto.fromObject({ pieces });
  const m = msg as unknown as Record<string, unknown>;
  m.trainer_spec = trainer;
  m.normalizer_spec = normalizer;
  return ModelProto.encode(msg).finish();
}
