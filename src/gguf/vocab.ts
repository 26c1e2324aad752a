// The vocabulary metadata of a vocab-only GGUF, as llama.cpp's convert_hf_to_gguf.py writes it,
// computed from data (pieces, merges, added tokens, tokenizer_config.json), for the three shapes
// tokext writes:
//   - SentencePiece (tokenizer.model: Mistral, Llama 2): model "llama", the pieces' scores and types
//     (`_create_vocab_sentencepiece`), added tokens of tokenizer_config.json re-typed, score -1000;
//   - SentencePiece-form tokenizer.json without a .model (Gemma 3): model "llama" as the converter
//     writes Gemma 3 from its tokenizer.model, with scores from the merge ranks (llama.cpp's SPM
//     tokenizer merges the best-scored pair first, HF BPE the best-ranked merge), the space prefix
//     as the JSON's normaliser says (Gemma 3: none);
//   - byte-level BPE tokenizer.json (Llama 3, Qwen3): model "gpt2", the merges as "a b" strings, the
//     pre-tokenizer name the caller gives (`get_vocab_base` + `_set_vocab_gpt2`).
// Special ids and add-bos/eos follow gguf-py's SpecialVocab: a config's `<typ>_token` is looked up
// among the added tokens; TemplateProcessing's first/last special token sets add_bos/add_eos; the
// config's `add_<typ>_token` booleans win.
import { InvariantError } from '../errors.js';
import { PieceType, type Piece } from '../vocab/model.js';
import type { GgufKv } from './writer.js';

/** llama.cpp's token types (llama_token_type; the values of SentencePiece's piece types). */
export const TokenType = PieceType;

/** The score the converter gives added tokens of tokenizer_config.json. */
export const ADDED_TOKEN_SCORE = -1000;

/** The score the converter gives the unused `[PAD{id}]` slots of a SentencePiece vocabulary. */
export const PAD_SLOT_SCORE = -10000;

/** An added token as tokenizer.json's `added_tokens` (or a config's `added_tokens_decoder`) lists it. */
export interface AddedToken {
  id: number;
  content: string;
  special?: boolean;
}

/** A vocabulary as llama.cpp reads it: what the `tokenizer.ggml.*` keys hold. */
export interface GgufVocab {
  /** tokenizer.ggml.model: "llama" (SentencePiece BPE), "t5" (SentencePiece Unigram: llama.cpp's
   * Viterbi tokenizer) or "gpt2" (byte-level BPE). */
  model: 'llama' | 't5' | 'gpt2';
  /** tokenizer.ggml.pre: "default" for "llama", the base's pre-tokenizer name for "gpt2". */
  pre: string;
  /** Token texts by id. */
  tokens: string[];
  /** Scores by id ("llama" only). */
  scores?: number[];
  /** llama.cpp token types by id. */
  types: number[];
  /** Merges as "left right", by rank ("gpt2" only). */
  merges?: string[];
  /** Special token ids by kind (bos, eos, unk, sep, pad, cls, mask), as found. */
  special: Partial<Record<SpecialKind, number>>;
  /** add_bos / add_eos / add_sep when known. */
  add: Partial<Record<(typeof ADD_KINDS)[number], boolean>>;
  /** tokenizer.ggml.add_space_prefix when it differs from llama.cpp's default for the model. */
  addSpacePrefix?: boolean;
  /** tokenizer.ggml.remove_extra_whitespaces ("t5"). */
  removeExtraWhitespaces?: boolean;
  /** tokenizer.ggml.precompiled_charsmap ("t5": the model's normaliser, when it has one). */
  precompiledCharsmap?: Uint8Array;
  /** tokenizer.chat_template, when the config has one. */
  chatTemplate?: string;
}

/** The special token kinds gguf-py's SpecialVocab reads from a config, in its order. */
export const SPECIAL_KINDS = ['bos', 'eos', 'unk', 'sep', 'pad', 'cls', 'mask'] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];

/** The kinds with an add_<kind>_token flag llama.cpp reads. */
export const ADD_KINDS = ['bos', 'eos', 'sep'] as const;

/** The GGUF key of each special id (gguf-py's spelling, "seperator" included). */
const SPECIAL_KEY: Record<SpecialKind, string> = {
  bos: 'tokenizer.ggml.bos_token_id',
  eos: 'tokenizer.ggml.eos_token_id',
  unk: 'tokenizer.ggml.unknown_token_id',
  sep: 'tokenizer.ggml.seperator_token_id',
  pad: 'tokenizer.ggml.padding_token_id',
  cls: 'tokenizer.ggml.cls_token_id',
  mask: 'tokenizer.ggml.mask_token_id',
};

/** The parts of tokenizer_config.json and tokenizer.json the special ids come from. */
export interface SpecialSources {
  /** tokenizer_config.json as parsed. */
  config?: Record<string, unknown>;
  /** The added tokens (tokenizer.json's `added_tokens`). */
  added: readonly AddedToken[];
  /** tokenizer.json's `post_processor`. */
  postProcessor?: unknown;
}

/** True for added tokens the converter types CONTROL although not marked special
 * (`does_token_look_special`). */
export function looksSpecial(t: string): boolean {
  return (
    ['<pad>', '<mask>', '<2mass>', '[@BOS@]'].includes(t) ||
    (t.startsWith('<|') && t.endsWith('|>')) ||
    (t.startsWith('<｜') && t.endsWith('｜>')) ||
    (t.startsWith('<unused') && t.endsWith('>'))
  );
}

/** The text of a config's `<kind>_token` entry (a string or `{content}`), if any. */
function configToken(config: Record<string, unknown> | undefined, kind: string): string | undefined {
  const e = config?.[`${kind}_token`];
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && typeof (e as { content?: unknown }).content === 'string')
    return (e as { content: string }).content;
  return undefined;
}

/** The special token of TemplateProcessing's single template at `at` (0 or -1), if it is one. */
function templateSpecial(postProcessor: unknown, at: 0 | -1): string | undefined {
  const p = postProcessor as { type?: string; processors?: unknown[] } | null | undefined;
  const all = p?.type === 'Sequence' ? (p.processors ?? []) : [p];
  for (const q of all as { type?: string; single?: { SpecialToken?: { id?: string } }[] }[]) {
    if (q?.type !== 'TemplateProcessing' || !q.single || q.single.length < 2) continue;
    return q.single.at(at)?.SpecialToken?.id;
  }
  return undefined;
}

/** Special ids and add flags as gguf-py's SpecialVocab finds them (tokenizer.json + config). */
export function specialTokens(src: SpecialSources): Pick<GgufVocab, 'special' | 'add'> {
  const special: GgufVocab['special'] = {};
  const add: GgufVocab['add'] = {};
  const bos = configToken(src.config, 'bos');
  const eos = configToken(src.config, 'eos');
  const first = templateSpecial(src.postProcessor, 0);
  const last = templateSpecial(src.postProcessor, -1);
  if (first !== undefined) add.bos = first === bos || first === configToken(src.config, 'cls');
  if (last !== undefined) add.eos = last === eos;
  for (const kind of ADD_KINDS) {
    const flag = src.config?.[`add_${kind}_token`];
    if (typeof flag === 'boolean') add[kind] = flag;
  }
  for (const kind of SPECIAL_KINDS) {
    const content = configToken(src.config, kind);
    const id = content === undefined ? undefined : src.added.find((t) => t.content === content)?.id;
    if (id !== undefined) special[kind] = id;
  }
  return { special, add };
}

/** The added tokens of a config's `added_tokens_decoder` ({"id": {content, special}}), by id. */
export function addedTokensOfConfig(config: Record<string, unknown> | undefined): AddedToken[] {
  const d = config?.added_tokens_decoder;
  if (!d || typeof d !== 'object') return [];
  return Object.entries(d as Record<string, { content?: unknown; special?: unknown }>)
    .filter(([, v]) => typeof v?.content === 'string')
    .map(([id, v]) => ({ id: Number(id), content: v.content as string, special: v.special === true }))
    .sort((a, b) => a.id - b.id);
}

/** Re-types an added token as the converter does: special (or special-looking) CONTROL, else
 * USER_DEFINED with its ▁ pre-normalised to spaces. */
function typeAdded(t: AddedToken): { text: string; type: number } {
  if (t.special || looksSpecial(t.content)) return { text: t.content, type: TokenType.CONTROL };
  return { text: t.content.replaceAll('\u2581', ' '), type: TokenType.USER_DEFINED };
}

/** Input of a SentencePiece vocabulary (tokenizer.model's pieces). */
export interface SentencePieceInput extends SpecialSources {
  /** The pieces by id, with the model's scores and types. */
  pieces: readonly Piece[];
  /** The model's normalizer adds a dummy prefix (add_dummy_prefix). */
  addSpacePrefix: boolean;
}

/** A vocabulary llama.cpp reads as SentencePiece ("llama"): tokens with scores and types. */
function llamaVocab(
  input: SpecialSources & { addSpacePrefix: boolean },
  tokens: string[],
  scores: number[],
  types: number[],
): GgufVocab {
  return {
    model: 'llama',
    pre: 'default',
    tokens,
    scores,
    types,
    ...specialTokens(input),
    ...(input.addSpacePrefix ? {} : { addSpacePrefix: false }),
    ...chatTemplate(input.config),
  };
}

/** A SentencePiece tokenizer.model as `_set_vocab_sentencepiece` writes it: the pieces' scores and
 * types (USER_DEFINED pieces of the model are NORMAL there), then the config's added tokens
 * re-typed with score -1000. */
export function sentencePieceVocab(input: SentencePieceInput): GgufVocab {
  const tokens = input.pieces.map((p) => p.piece);
  const scores = input.pieces.map((p) => p.score);
  const types: number[] = input.pieces.map((p) => (p.type === PieceType.USER_DEFINED ? TokenType.NORMAL : p.type));
  for (const t of addedTokensOfConfig(input.config)) {
    if (t.id >= tokens.length) continue; // the converter ignores ids past the vocabulary
    const { text, type } = typeAdded(t);
    tokens[t.id] = text;
    types[t.id] = type;
    scores[t.id] = ADDED_TOKEN_SCORE;
  }
  return llamaVocab(input, tokens, scores, types);
}

/** Input of a SentencePiece Unigram vocabulary: its pieces and the normaliser's settings. */
export interface UnigramInput extends SentencePieceInput {
  removeExtraWhitespaces: boolean;
  precompiledCharsmap?: Uint8Array;
}

/** A SentencePiece Unigram model as llama.cpp's Viterbi tokenizer ("t5", UGM) reads it: the pieces'
 * scores and types as they are (user-defined pieces stay USER_DEFINED: it matches them first), the
 * normaliser's prefix and whitespace rules said explicitly (its defaults are T5's), and the
 * charsmap. ("llama" would run SentencePiece BPE's merging over Unigram scores: measured, it
 * splits 47% of ja-eval-jglue lines otherwise than SentencePiece.) */
export function unigramVocab(input: UnigramInput): GgufVocab {
  return {
    model: 't5',
    pre: 'default',
    tokens: input.pieces.map((p) => p.piece),
    scores: input.pieces.map((p) => p.score),
    types: input.pieces.map((p) => p.type),
    ...specialTokens(input),
    addSpacePrefix: input.addSpacePrefix,
    removeExtraWhitespaces: input.removeExtraWhitespaces,
    ...(input.precompiledCharsmap?.length ? { precompiledCharsmap: input.precompiledCharsmap } : {}),
    ...chatTemplate(input.config),
  };
}

/** Input of a tokenizer.json vocabulary: tokens by id (model vocab and added tokens) and merges. */
export interface TokenizerJsonInput extends SpecialSources {
  /** Token texts by id, added tokens included; ids contiguous. */
  tokens: readonly string[];
  /** The merges by rank. */
  merges: readonly (readonly [string, string])[];
}

/** Types of the tokens by id: added ones re-typed, the rest `plain(text)`; texts as written. */
function typedTokens(
  input: TokenizerJsonInput,
  plain: (text: string) => number,
): { tokens: string[]; types: number[] } {
  const tokens = [...input.tokens];
  const types = tokens.map(plain);
  for (const t of input.added) {
    if (t.id >= tokens.length) throw new InvariantError(`added token ${t.id} past the ${tokens.length} tokens`);
    const { text, type } = typeAdded(t);
    tokens[t.id] = text;
    types[t.id] = type;
  }
  return { tokens, types };
}

/** A byte-level BPE tokenizer.json (Llama 3, Qwen3) as `_set_vocab_gpt2` writes it: model "gpt2",
 * the base's pre-tokenizer name `pre`, model tokens NORMAL, added tokens CONTROL or USER_DEFINED,
 * merges as "a b" (a space inside a part written as U+0120, as gguf-py does). */
export function byteLevelVocab(input: TokenizerJsonInput & { pre: string }): GgufVocab {
  const { tokens, types } = typedTokens(input, () => TokenType.NORMAL);
  const part = (s: string) => s.replaceAll(' ', '\u0120');
  return {
    model: 'gpt2',
    pre: input.pre,
    tokens,
    types,
    merges: input.merges.map(([l, r]) => `${part(l)} ${part(r)}`),
    ...specialTokens(input),
    ...chatTemplate(input.config),
  };
}

/** A SentencePiece-form tokenizer.json without a tokenizer.model (Gemma 3) as the converter writes
 * the model's tokenizer.model: "llama" with scores, no space prefix. A piece made by merge k scores
 * -k, any other piece below every merge; byte pieces BYTE, `<unk>` UNKNOWN. */
export function sentencePieceJsonVocab(input: TokenizerJsonInput & { addSpacePrefix: boolean }): GgufVocab {
  const rank = new Map<string, number>();
  input.merges.forEach(([l, r], k) => {
    if (!rank.has(l + r)) rank.set(l + r, k);
  });
  const plain = (t: string) =>
    /^<0x[0-9A-F]{2}>$/.test(t) ? TokenType.BYTE : t === '<unk>' ? TokenType.UNKNOWN : TokenType.NORMAL;
  const { tokens, types } = typedTokens(input, plain);
  const added = new Set(input.added.map((t) => t.id));
  const scores = input.tokens.map((t, id) =>
    added.has(id) ? ADDED_TOKEN_SCORE : types[id] !== TokenType.NORMAL ? 0 : -(rank.get(t) ?? input.merges.length + id),
  );
  return llamaVocab(input, tokens, scores, types);
}

/** The config's chat template, when it is a string. */
function chatTemplate(config: Record<string, unknown> | undefined): { chatTemplate?: string } {
  const t = config?.chat_template;
  return typeof t === 'string' ? { chatTemplate: t } : {};
}

/** What the `general.*` keys say: llama.cpp's architecture name and a display name. */
export interface GgufGeneral {
  /** general.architecture: an architecture llama.cpp knows ("llama", "qwen3", "gemma3", …). */
  architecture: string;
  /** general.name. */
  name: string;
}

/** The KVs of a vocab-only GGUF: general.architecture and general.name (all llama.cpp reads
 * before the vocabulary when loading with vocab_only), then the tokenizer.ggml.* keys. */
export function vocabKvs(general: GgufGeneral, v: GgufVocab): GgufKv[] {
  const n = v.tokens.length;
  const check = (what: string, len: number | undefined) => {
    if (len !== undefined && len !== n) throw new InvariantError(`GGUF vocab: ${len} ${what} for ${n} tokens`);
  };
  check('scores', v.scores?.length);
  check('types', v.types.length);
  const kvs: GgufKv[] = [
    { key: 'general.architecture', type: 'string', value: general.architecture },
    { key: 'general.name', type: 'string', value: general.name },
    { key: 'tokenizer.ggml.model', type: 'string', value: v.model },
    { key: 'tokenizer.ggml.pre', type: 'string', value: v.pre },
    { key: 'tokenizer.ggml.tokens', type: 'array', itemType: 'string', value: v.tokens },
  ];
  if (v.scores) kvs.push({ key: 'tokenizer.ggml.scores', type: 'array', itemType: 'float32', value: v.scores });
  kvs.push({ key: 'tokenizer.ggml.token_type', type: 'array', itemType: 'int32', value: v.types });
  if (v.merges) kvs.push({ key: 'tokenizer.ggml.merges', type: 'array', itemType: 'string', value: v.merges });
  for (const kind of SPECIAL_KINDS) {
    const id = v.special[kind];
    if (id !== undefined) kvs.push({ key: SPECIAL_KEY[kind], type: 'uint32', value: id });
  }
  for (const kind of ADD_KINDS) {
    const on = v.add[kind];
    if (on !== undefined) kvs.push({ key: `tokenizer.ggml.add_${kind}_token`, type: 'bool', value: on });
  }
  if (v.addSpacePrefix !== undefined)
    kvs.push({ key: 'tokenizer.ggml.add_space_prefix', type: 'bool', value: v.addSpacePrefix });
  if (v.removeExtraWhitespaces !== undefined)
    kvs.push({ key: 'tokenizer.ggml.remove_extra_whitespaces', type: 'bool', value: v.removeExtraWhitespaces });
  if (v.precompiledCharsmap !== undefined)
    kvs.push({
      key: 'tokenizer.ggml.precompiled_charsmap',
      type: 'array',
      itemType: 'uint8',
      value: [...v.precompiledCharsmap],
    });
  if (v.chatTemplate !== undefined) kvs.push({ key: 'tokenizer.chat_template', type: 'string', value: v.chatTemplate });
  return kvs;
}

/** `vocab` grown to `size` tokens as llama.cpp's converter fills a checkpoint's `vocab_size` beyond
 * the tokenizer's ids: `[PAD{id}]`, UNUSED, scored PAD_SLOT_SCORE where the model has scores. */
export function padVocab(vocab: GgufVocab, size: number): GgufVocab {
  const ids = Array.from({ length: Math.max(0, size - vocab.tokens.length) }, (_, i) => vocab.tokens.length + i);
  if (ids.length === 0) return vocab;
  return {
    ...vocab,
    tokens: [...vocab.tokens, ...ids.map((id) => `[PAD${id}]`)],
    types: [...vocab.types, ...ids.map(() => TokenType.UNUSED)],
    scores: vocab.scores && [...vocab.scores, ...ids.map(() => PAD_SLOT_SCORE)],
  };
}
