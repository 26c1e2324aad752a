// tokenizer.json for a SentencePiece Unigram model, written so that the HF runtimes (the tokenizers
// Rust library and the pure-JS @huggingface/tokenizers) encode every text to SentencePiece's own ids.
// Unlike transformers' SpmConverter: no Metaspace pre-tokenizer (SentencePiece runs one Viterbi over
// the whole text, and pieces like "▁▁▁" or "b▁a" span spaces); the dummy prefix and the whitespace
// rules as normalizers; user-defined symbols scored as SentencePiece's lattice scores them instead of
// split out as added tokens; a charsmap that is NFKC plus exceptions written as NFKC plus exceptions
// (HF's Precompiled cuts text into graphemes, so "ﾎﾞ" and "か\u3099" stay apart in Rust, and the JS
// one ignores the charsmap). What still differs, and why: test/hf/unigram-json.test.ts.
import { UsageError } from '../errors.js';
import { PieceType, SPACE, type Model } from '../vocab/model.js';
import { nfkcSteps, readCharsmap } from '../spm/charsmap.js';
import { addedTokens, bosTemplate, specialTokens } from './tokenizer-json.js';

/** The NormalizerSpec and TrainerSpec fields that shape encoding and decoding, with the proto's defaults. */
export interface SpmNormalization {
  /** NormalizerSpec.precompiled_charsmap, base64 ('' for the identity normalizer). */
  charsmap: string;
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
  escapeWhitespaces: boolean;
  byteFallback: boolean;
  /** What SentencePiece decodes <unk> to. */
  unkSurface: string;
}

/** SentencePiece's default TrainerSpec.unk_surface (common.h kDefaultUnknownSymbol). */
const UNK_SURFACE = ' \u2047 ';

/** The encoding- and decoding-relevant spec fields of `model`. A whitespace suffix (treat_whitespace_as_suffix)
 * has no HF normalizer, so it is refused. */
export function spmNormalization(model: Model): SpmNormalization {
  const n = model.normalizerSpec;
  const flag = (v: unknown, d: boolean) => (v === undefined || v === null ? d : v === true);
  if (flag(model.trainerSpec.treat_whitespace_as_suffix, false))
    throw new UsageError('a Unigram model with treat_whitespace_as_suffix has no tokenizer.json form');
  return {
    charsmap: typeof n.precompiled_charsmap === 'string' ? n.precompiled_charsmap : '',
    addDummyPrefix: flag(n.add_dummy_prefix, true),
    removeExtraWhitespaces: flag(n.remove_extra_whitespaces, true),
    escapeWhitespaces: flag(n.escape_whitespaces, true),
    byteFallback: flag(model.trainerSpec.byte_fallback, false),
    unkSurface: typeof model.trainerSpec.unk_surface === 'string' ? model.trainerSpec.unk_surface : UNK_SURFACE,
  };
}

/** FLT_MIN: SentencePiece's starting maximum score (unigram_model.cc), kept when every score is negative. */
const FLT_MIN = 1.1754943508222875e-38;

/** Can SentencePiece match this piece from text? (It skips UNUSED ones; the rest are no pieces of text.) */
const matchable = (type: number) => type === PieceType.NORMAL || type === PieceType.USER_DEFINED;

/** Each piece's score as SentencePiece's Viterbi sees it, for HF's Unigram, which matches every
 * piece of its vocab and scores an unknown character 10 below the lowest score of all.
 * NORMAL: its own. USER_DEFINED: the bonus that makes it win (bytes × the highest NORMAL score,
 * FLT_MIN when all are negative, − 0.1). The pieces SentencePiece never matches from text
 * (UNKNOWN, CONTROL, BYTE, UNUSED) must lose to any spelling of their text, which a score
 * below (characters + 1) × the lowest NORMAL score does; but that score is then HF's lowest, so
 * only when no matchable piece holds a character that is no piece of its own (then every
 * segmentation has the same unknown characters and their score cannot choose between them).
 * When one does (llm-jp v3.1: "▁刺繍" without "繍"), they get the lowest NORMAL score, which keeps
 * the unknown score SentencePiece's, and HF may take such a piece for its literal text when every
 * spelling of that text scores below it. */
export function viterbiScores(model: Model): number[] {
  let min = Infinity;
  let max = FLT_MIN;
  for (const p of model.pieces) {
    if (p.type !== PieceType.NORMAL) continue;
    min = Math.min(min, p.score);
    max = Math.max(max, p.score);
  }
  const unmatched = unmatchedScore(model, min);
  const utf8 = new TextEncoder();
  return model.pieces.map((p) => {
    if (p.type === PieceType.NORMAL) return p.score;
    if (p.type === PieceType.USER_DEFINED) return Math.fround(utf8.encode(p.piece).length * max) - 0.1; // float × then double −
    return unmatched;
  });
}

/** The score of the pieces SentencePiece never matches from text (see viterbiScores). */
function unmatchedScore(model: Model, min: number): number {
  const chars = new Set(model.pieces.filter((p) => matchable(p.type) && [...p.piece].length === 1).map((p) => p.piece));
  const orphan = model.pieces.some((p) => matchable(p.type) && [...p.piece].some((c) => !chars.has(c)));
  if (orphan) return min;
  let longest = 0;
  for (const p of model.pieces) if (!matchable(p.type)) longest = Math.max(longest, [...p.piece].length);
  return (longest + 1) * (Math.min(min, 0) - 1);
}

/** The normalizer: the charsmap, then SentencePiece's whitespace rules on its output. */
function normalizer(n: SpmNormalization): object | null {
  const space = n.escapeWhitespaces ? SPACE : ' ';
  const steps: object[] = [];
  if (n.charsmap)
    steps.push(...(nfkcSteps(readCharsmap(n.charsmap)) ?? [{ type: 'Precompiled', precompiled_charsmap: n.charsmap }]));
  if (n.removeExtraWhitespaces) {
    // leading spaces go, runs become one, trailing spaces go; the dummy prefix is prepended first
    // so that it absorbs the leading run and an all-space text stays empty
    if (n.addDummyPrefix) steps.push({ type: 'Prepend', prepend: ' ' });
    steps.push({ type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' });
    steps.push({ type: 'Replace', pattern: { Regex: n.addDummyPrefix ? ' \\z' : '\\A | \\z' }, content: '' });
  } else if (n.addDummyPrefix) {
    steps.push({ type: 'Prepend', prepend: space });
  }
  if (n.escapeWhitespaces) steps.push({ type: 'Replace', pattern: { String: ' ' }, content: SPACE });
  return steps.length === 0 ? null : { type: 'Sequence', normalizers: steps };
}

/** The decoder: spaces back, <unk> as SentencePiece shows it, byte pieces to text, and the dummy
 * prefix dropped as SentencePiece drops it. */
function decoder(n: SpmNormalization, unk: string | undefined): object {
  const steps: object[] = [];
  if (n.escapeWhitespaces) steps.push({ type: 'Replace', pattern: { String: SPACE }, content: ' ' });
  if (unk) steps.push({ type: 'Replace', pattern: { String: unk }, content: n.unkSurface });
  if (n.byteFallback) steps.push({ type: 'ByteFallback' });
  steps.push({ type: 'Fuse' });
  if (n.addDummyPrefix || n.removeExtraWhitespaces) steps.push({ type: 'Strip', content: ' ', start: 1, stop: 0 });
  return { type: 'Sequence', decoders: steps };
}

/** BOS before each sequence, when the model has one (as tokenizerJson writes it). */
function postProcessor(model: Model): object | null {
  const { bos, bosId } = specialTokens(model);
  if (bosId < 0 || model.pieces[bosId]?.type !== PieceType.CONTROL) return null;
  return bosTemplate(bos, bosId);
}

/** The full tokenizer.json text of a SentencePiece Unigram model; the vocab is written one
 * [piece, score] pair a line, in id order. */
export function unigramTokenizerJson(model: Model): string {
  const n = spmNormalization(model);
  const unkId = model.pieces.findIndex((p) => p.type === PieceType.UNKNOWN);
  const doc = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(model),
    normalizer: normalizer(n),
    pre_tokenizer: null,
    post_processor: postProcessor(model),
    decoder: decoder(n, model.pieces[unkId]?.piece),
    model: { type: 'Unigram', unk_id: unkId < 0 ? null : unkId, vocab: '@@VOCAB@@', byte_fallback: n.byteFallback },
  };
  const scores = viterbiScores(model);
  const vocab = model.pieces.map((p, id) => `      ${JSON.stringify([p.piece, scores[id]])}`).join(',\n');
  return JSON.stringify(doc, null, 2).replace('"@@VOCAB@@"', () => `[\n${vocab}\n    ]`) + '\n';
}
