// A 10-piece SentencePiece BPE model for the spm unit tests.
import { ModelType } from '../../src/spm/modelproto.js';
import { PieceType, type Model } from '../../src/vocab/model.js';

/** A 10-piece BPE model with a piece of each type but BYTE; scores exact in float32. */
export const TINY: Model = {
  pieces: [
    { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
    { piece: '<s>', score: 0, type: PieceType.CONTROL },
    { piece: '</s>', score: 0, type: PieceType.CONTROL },
    { piece: '<|x|>', score: 0, type: PieceType.USER_DEFINED }, // (a BYTE piece needs byte_fallback: SentencePiece refuses the model)
    { piece: '▁a', score: -1, type: PieceType.NORMAL },
    { piece: 'ab', score: -2, type: PieceType.NORMAL },
    { piece: '▁ab', score: -3, type: PieceType.NORMAL },
    { piece: '▁', score: -4.5, type: PieceType.NORMAL },
    { piece: 'a', score: -5.25, type: PieceType.NORMAL },
    { piece: 'b', score: -6, type: PieceType.NORMAL },
  ],
  trainerSpec: {
    model_type: ModelType.BPE,
    vocab_size: 10,
    character_coverage: 0.5,
    byte_fallback: false,
    unk_id: 0,
    bos_id: 1,
    eos_id: 2,
    pad_id: -1,
    split_digits: true,
  },
  normalizerSpec: {
    name: 'identity',
    add_dummy_prefix: true,
    remove_extra_whitespaces: false,
    escape_whitespaces: true,
  },
  paddingIds: [],
};
