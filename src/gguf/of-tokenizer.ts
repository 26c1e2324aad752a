// The GGUF vocabulary of a tokenizer as tokext reads one (family/load.ts's LoadedTokenizer: pieces
// by id with types, merges, format, byte-level or not) plus its tokenizer.json and
// tokenizer_config.json as parsed: picks the shape of gguf/vocab.ts the converter would write.
import { InvariantError } from '../errors.js';
import { PieceType, type Model } from '../vocab/model.js';
import { modelTypeName } from '../spm/modelproto.js';
import {
  addedTokensOfConfig,
  byteLevelVocab,
  sentencePieceJsonVocab,
  sentencePieceVocab,
  unigramVocab,
  type AddedToken,
  type GgufVocab,
} from './vocab.js';

/** What the GGUF vocabulary is made from. */
export interface TokenizerData {
  /** 'sentencepiece' when the tokenizer is a tokenizer.model (its pieces in `model`). */
  format: 'sentencepiece' | 'hf';
  /** HF tokens are GPT-2 byte-level strings. */
  byteLevel: boolean;
  /** Pieces by id (HF: model tokens NORMAL, special added tokens CONTROL, other added USER_DEFINED). */
  model: Pick<Model, 'pieces' | 'normalizerSpec'> & Partial<Pick<Model, 'trainerSpec'>>;
  /** HF merges by rank. */
  merges?: readonly (readonly [string, string])[];
  /** tokenizer.json as parsed, when there is one. */
  tokenizerJson?: {
    added_tokens?: AddedToken[];
    post_processor?: unknown;
    normalizer?: unknown;
    pre_tokenizer?: unknown;
  };
  /** tokenizer_config.json as parsed, when there is one. */
  config?: Record<string, unknown>;
}

/** The added tokens of an HF vocabulary: its CONTROL (special) and USER_DEFINED pieces. */
function addedOfPieces(model: TokenizerData['model']): AddedToken[] {
  return model.pieces.flatMap((p, id) =>
    p.type === PieceType.CONTROL || p.type === PieceType.USER_DEFINED
      ? [{ id, content: p.piece, special: p.type === PieceType.CONTROL }]
      : [],
  );
}

/** A step of a tokenizer.json pipeline, or a Sequence of them (as far as the prefix goes). */
export type Step =
  { type?: string; prepend?: string; prepend_scheme?: string; add_prefix_space?: boolean } | null | undefined;

/** The steps of a tokenizer.json normalizer or pre-tokenizer, a Sequence flattened. */
export function steps(s: unknown): Step[] {
  const q = s as (Step & { normalizers?: unknown[]; pretokenizers?: unknown[] }) | null | undefined;
  if (q?.type === 'Sequence') return [...(q.normalizers ?? []), ...(q.pretokenizers ?? [])].flatMap(steps);
  return [q];
}

/** True if a SentencePiece-form tokenizer.json puts ▁ before the text (a Prepend normaliser, or a
 * Metaspace pre-tokenizer that prepends): llama.cpp's add_space_prefix. Gemma 3: no. */
export function addsSpacePrefix(json: TokenizerData['tokenizerJson']): boolean {
  const prepend = steps(json?.normalizer).some((n) => n?.type === 'Prepend' && n.prepend === '\u2581');
  const meta = steps(json?.pre_tokenizer).some(
    (p) =>
      p?.type === 'Metaspace' && (p.prepend_scheme ?? (p.add_prefix_space === false ? 'never' : 'always')) !== 'never',
  );
  return prepend || meta;
}

/** The vocabulary llama.cpp's converter would write for `t`; `pre` names a byte-level base's
 * pre-tokenizer (tokenizer.ggml.pre: "llama-bpe", "qwen2", …). */
export function ggufVocabOf(t: TokenizerData, pre?: string): GgufVocab {
  const postProcessor = t.tokenizerJson?.post_processor;
  if (t.format === 'sentencepiece') {
    const added = t.tokenizerJson?.added_tokens ?? addedTokensOfConfig(t.config);
    const n = t.model.normalizerSpec;
    const addSpacePrefix = n.add_dummy_prefix !== false;
    const input = { config: t.config, added, postProcessor, pieces: t.model.pieces, addSpacePrefix };
    if (t.model.trainerSpec && modelTypeName(t.model.trainerSpec.model_type) === 'UNIGRAM') {
      const charsmap =
        typeof n.precompiled_charsmap === 'string' ? Buffer.from(n.precompiled_charsmap, 'base64') : undefined;
      return unigramVocab({
        ...input,
        removeExtraWhitespaces: n.remove_extra_whitespaces !== false,
        precompiledCharsmap: charsmap,
      });
    }
    return sentencePieceVocab(input);
  }
  if (!t.merges) throw new InvariantError('an HF tokenizer without merges');
  const input = {
    config: t.config,
    added: addedOfPieces(t.model),
    postProcessor,
    tokens: t.model.pieces.map((p) => p.piece),
    merges: t.merges,
  };
  if (!t.byteLevel) return sentencePieceJsonVocab({ ...input, addSpacePrefix: addsSpacePrefix(t.tokenizerJson) });
  if (!pre) throw new InvariantError('a byte-level vocabulary needs its pre-tokenizer name');
  return byteLevelVocab({ ...input, pre });
}
