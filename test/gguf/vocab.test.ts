// The vocabulary metadata of a vocab-only GGUF (src/gguf/vocab.ts, src/gguf/of-tokenizer.ts): the
// converter's rules on small worked cases, then real sample builds of the three shapes written,
// parsed back by @huggingface/gguf and compared with the tokenizer tokext reads.
import fs from 'node:fs';
import path from 'node:path';
import { gguf } from '@huggingface/gguf';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer, type LoadedTokenizer } from '../../src/family/load.js';
import { addsSpacePrefix, ggufVocabOf } from '../../src/gguf/of-tokenizer.js';
import {
  ADDED_TOKEN_SCORE,
  TokenType,
  byteLevelVocab,
  looksSpecial,
  sentencePieceJsonVocab,
  sentencePieceVocab,
  specialTokens,
  vocabKvs,
} from '../../src/gguf/vocab.js';
import { writeGguf } from '../../src/gguf/writer.js';
import { PieceType } from '../../src/vocab/model.js';
import { sampleBuild } from '../helpers.js';

const N = PieceType.NORMAL;

describe('the converter rules on small cases', () => {
  it('types a SentencePiece model as _create_vocab_sentencepiece: USER_DEFINED pieces NORMAL, config added tokens re-typed at -1000', () => {
    const v = sentencePieceVocab({
      pieces: [
        { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
        { piece: '<s>', score: 0, type: PieceType.CONTROL },
        { piece: '<0x41>', score: 0, type: PieceType.BYTE },
        { piece: '▁a', score: -1, type: N },
        { piece: 'ud', score: 0, type: PieceType.USER_DEFINED },
        { piece: '<|extra_0|>', score: 0, type: PieceType.CONTROL },
        { piece: '▁▁x', score: -2, type: N },
      ],
      addSpacePrefix: true,
      config: {
        bos_token: '<s>',
        unk_token: { content: '<unk>' },
        added_tokens_decoder: {
          '1': { content: '<s>', special: true },
          '5': { content: '<|extra_0|>', special: false }, // looks special: CONTROL
          '6': { content: '▁▁x', special: false }, // user-defined: ▁ pre-normalised to spaces
        },
      },
      added: [
        { id: 0, content: '<unk>', special: true },
        { id: 1, content: '<s>', special: true },
      ],
    });
    expect(v.model).toBe('llama');
    expect(v.pre).toBe('default');
    expect(v.tokens).toEqual(['<unk>', '<s>', '<0x41>', '▁a', 'ud', '<|extra_0|>', '  x']);
    expect(v.types).toEqual([2, 3, 6, 1, 1, 3, 4]);
    expect(v.scores).toEqual([0, ADDED_TOKEN_SCORE, 0, -1, 0, ADDED_TOKEN_SCORE, ADDED_TOKEN_SCORE]);
    expect(v.special).toEqual({ bos: 1, unk: 0 });
    expect(v.addSpacePrefix).toBeUndefined(); // llama.cpp's default for "llama" is true
  });

  it('looks special as does_token_look_special', () => {
    for (const t of ['<|im_start|>', '<｜x｜>', '<unused12>', '<pad>', '<mask>', '<2mass>', '[@BOS@]'])
      expect(looksSpecial(t), t).toBe(true);
    for (const t of ['<s>', '</s>', '<think>', '<|x', 'pad']) expect(looksSpecial(t), t).toBe(false);
  });

  it('finds special ids among the added tokens and add flags as SpecialVocab does (config wins over the template)', () => {
    const added = [
      { id: 5, content: '<bos>', special: true },
      { id: 6, content: '<eos>', special: true },
      { id: 7, content: '<pad>', special: true },
    ];
    const template = {
      type: 'Sequence',
      processors: [
        { type: 'ByteLevel' },
        { type: 'TemplateProcessing', single: [{ SpecialToken: { id: '<bos>' } }, { Sequence: { id: 'A' } }] },
      ],
    };
    const config = { bos_token: '<bos>', eos_token: { content: '<eos>' }, pad_token: '<pad>', unk_token: null };
    expect(specialTokens({ config, added, postProcessor: template })).toEqual({
      special: { bos: 5, eos: 6, pad: 7 },
      add: { bos: true },
    });
    expect(
      specialTokens({
        config: { ...config, add_bos_token: false, add_eos_token: true },
        added,
        postProcessor: template,
      }),
    ).toEqual({ special: { bos: 5, eos: 6, pad: 7 }, add: { bos: false, eos: true } });
    expect(specialTokens({ config: { eos_token: 'missing' }, added })).toEqual({ special: {}, add: {} });
  });

  it('writes a byte-level vocabulary as "gpt2": merges as "a b", added tokens CONTROL / USER_DEFINED', () => {
    const v = byteLevelVocab({
      tokens: ['a', 'b', 'ab', 'Ġ', '<|eot|>', '<think>'],
      merges: [['a', 'b']],
      added: [
        { id: 4, content: '<|eot|>', special: true },
        { id: 5, content: '<think>', special: false },
      ],
      pre: 'qwen2',
      config: { eos_token: '<|eot|>', add_bos_token: false },
    });
    expect(v).toMatchObject({ model: 'gpt2', pre: 'qwen2', merges: ['a b'], special: { eos: 4 }, add: { bos: false } });
    expect(v.types).toEqual([1, 1, 1, 1, 3, 4]);
    expect(v.scores).toBeUndefined();
  });

  it('scores a SentencePiece-form tokenizer.json by merge rank (piece of merge k scores -k), bytes BYTE, no space prefix', () => {
    const v = sentencePieceJsonVocab({
      tokens: ['<pad>', '<unk>', '<0x20>', 'a', 'b', '▁', 'ab', '▁ab', 'zz', '▁▁'],
      merges: [
        ['a', 'b'],
        ['▁', 'ab'],
      ],
      added: [
        { id: 0, content: '<pad>', special: true },
        { id: 9, content: '▁▁', special: false },
      ],
      addSpacePrefix: false,
    });
    expect(v.model).toBe('llama');
    expect(v.tokens).toEqual(['<pad>', '<unk>', '<0x20>', 'a', 'b', '▁', 'ab', '▁ab', 'zz', '  ']);
    expect(v.types).toEqual([3, 2, 6, 1, 1, 1, 1, 1, 1, 4]);
    expect(v.scores).toEqual([-1000, 0, 0, -5, -6, -7, -0, -1, -10, -1000]);
    expect(v.addSpacePrefix).toBe(false);
  });

  it('reads add_space_prefix off a tokenizer.json: a ▁ Prepend or a prepending Metaspace (Mistral yes, Gemma 3 no)', () => {
    const replace = { type: 'Replace', pattern: { String: ' ' }, content: '▁' };
    const mistral = { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }, replace] };
    expect(addsSpacePrefix({ normalizer: mistral })).toBe(true);
    expect(addsSpacePrefix({ normalizer: replace, pre_tokenizer: { type: 'Split' } })).toBe(false); // Gemma 3
    const meta = (o: object) => ({ pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Metaspace', ...o }] } });
    expect(addsSpacePrefix(meta({ prepend_scheme: 'always' }))).toBe(true);
    expect(addsSpacePrefix(meta({}))).toBe(true);
    expect(addsSpacePrefix(meta({ prepend_scheme: 'never' }))).toBe(false);
    expect(addsSpacePrefix(meta({ add_prefix_space: false }))).toBe(false);
  });

  it('puts general.* first and refuses score or type arrays of another length', () => {
    const v = byteLevelVocab({ tokens: ['a'], merges: [], added: [], pre: 'llama-bpe' });
    const kvs = vocabKvs({ architecture: 'llama', name: 'x' }, v);
    expect(kvs.map((k) => k.key)).toEqual([
      'general.architecture',
      'general.name',
      'tokenizer.ggml.model',
      'tokenizer.ggml.pre',
      'tokenizer.ggml.tokens',
      'tokenizer.ggml.token_type',
      'tokenizer.ggml.merges',
    ]);
    expect(() => vocabKvs({ architecture: 'llama', name: 'x' }, { ...v, types: [] })).toThrow(/0 types for 1 tokens/);
  });
});

const readJson = (f: string) =>
  fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>) : undefined;

/** The GGUF of a built directory, parsed back, with the tokenizer tokext reads from it. */
async function ggufOf(dir: string, architecture: string, pre?: string) {
  const t = loadTokenizer(dir);
  const json = readJson(path.join(dir, 'tokenizer.json')) as Parameters<typeof ggufVocabOf>[0]['tokenizerJson'];
  const config = readJson(path.join(dir, 'tokenizer_config.json'));
  const file = path.join(dir, 'vocab.gguf');
  writeGguf(file, vocabKvs({ architecture, name: t.name }, ggufVocabOf({ ...t, tokenizerJson: json, config }, pre)));
  const { metadata } = await gguf(file, { allowLocalFile: true });
  const m = metadata as unknown as Record<string, unknown>;
  const rows = (readJson(path.join(dir, 'embedding-init.json')) as { padded_vocab_size: number }).padded_vocab_size;
  return {
    t,
    m,
    rows,
    tokens: m['tokenizer.ggml.tokens'] as string[],
    types: m['tokenizer.ggml.token_type'] as number[],
  };
}

/** A token as @huggingface/gguf reads it back: its TextDecoder drops a leading U+FEFF (Mistral has a
 * piece that is only a BOM); the bytes written hold it (test/gguf/writer.test.ts checks). */
const asParsed = (s: string) => s.replace(/^\uFEFF/, '');

/** The type the converter gives an HF piece: added non-special tokens that look special are CONTROL. */
const convertedType = (p: { piece: string; type: number }) =>
  p.type === PieceType.USER_DEFINED && looksSpecial(p.piece) ? TokenType.CONTROL : p.type;

const idOf = (t: LoadedTokenizer, piece: string) => t.model.pieces.findIndex((p) => p.piece === piece);

describe('the GGUF vocabulary of real sample builds, parsed back', () => {
  const dirs = { mistral: '', qwen3: '', gemma3: '' };
  beforeAll(() => {
    [dirs.mistral, dirs.qwen3, dirs.gemma3] = [
      sampleBuild('mistral-7b-v0.1'),
      sampleBuild('qwen3'),
      sampleBuild('gemma-3'),
    ];
  });

  it('Mistral (tokenizer.model): "llama", the model pieces, scores and types, padding CONTROL, one token per embedding row', async () => {
    const { t, m, rows, tokens, types } = await ggufOf(dirs.mistral, 'llama');
    expect(m['general.architecture']).toBe('llama');
    expect(m['tokenizer.ggml.model']).toBe('llama');
    expect(tokens).toEqual(t.model.pieces.map((p) => asParsed(p.piece)));
    expect(tokens.length).toBe(rows);
    // the config's added tokens (<unk>, <s>, </s>, the padding) are special: CONTROL at -1000, as the converter types them
    const control = new Set(t.model.pieces.flatMap((p, i) => (p.type === PieceType.CONTROL || i === 0 ? [i] : [])));
    expect(types).toEqual(t.model.pieces.map((p, i) => (control.has(i) ? TokenType.CONTROL : p.type)));
    const scores = m['tokenizer.ggml.scores'] as number[];
    scores.forEach((s, i) =>
      expect(s, tokens[i]).toBe(control.has(i) ? ADDED_TOKEN_SCORE : Math.fround(t.model.pieces[i]!.score)),
    );
    for (const id of t.model.paddingIds) expect(types[id]).toBe(TokenType.CONTROL);
    expect(t.model.paddingIds.length).toBeGreaterThan(0);
    expect(m['tokenizer.ggml.merges']).toBeUndefined();
    expect([
      m['tokenizer.ggml.bos_token_id'],
      m['tokenizer.ggml.eos_token_id'],
      m['tokenizer.ggml.unknown_token_id'],
    ]).toEqual([1, 2, 0]);
    expect(m['tokenizer.ggml.add_bos_token']).toBe(true);
  });

  it('Qwen3 (byte-level): "gpt2", tokens, types and merges as tokext reads them, eos/pad from the config', async () => {
    const { t, m, rows, tokens, types } = await ggufOf(dirs.qwen3, 'qwen3', 'qwen2');
    expect([m['tokenizer.ggml.model'], m['tokenizer.ggml.pre']]).toEqual(['gpt2', 'qwen2']);
    expect(tokens).toEqual(t.model.pieces.map((p) => p.piece));
    expect(tokens.length).toBe(rows);
    expect(types).toEqual(t.model.pieces.map(convertedType)); // NORMAL, CONTROL (special or <|…|>), USER_DEFINED (<think>…)
    expect(types.filter((x) => x === TokenType.USER_DEFINED).length).toBeGreaterThan(0);
    expect(m['tokenizer.ggml.merges']).toEqual(t.merges!.map(([l, r]) => `${l} ${r}`));
    expect(m['tokenizer.ggml.scores']).toBeUndefined();
    expect(m['tokenizer.ggml.eos_token_id']).toBe(idOf(t, '<|im_end|>'));
    expect(m['tokenizer.ggml.padding_token_id']).toBe(idOf(t, '<|endoftext|>'));
    expect(m['tokenizer.ggml.add_bos_token']).toBe(false);
  });

  it('Gemma 3 (SentencePiece-form tokenizer.json): "llama" with merge-rank scores, bytes BYTE, user-defined ▁ as spaces', async () => {
    const { t, m, rows, tokens, types } = await ggufOf(dirs.gemma3, 'gemma3');
    expect(m['tokenizer.ggml.model']).toBe('llama');
    expect(m['tokenizer.ggml.add_space_prefix']).toBe(false);
    expect(tokens.length).toBe(rows);
    const rank = new Map<string, number>();
    t.merges!.forEach(([l, r], k) => {
      if (!rank.has(l + r)) rank.set(l + r, k);
    });
    const scores = m['tokenizer.ggml.scores'] as number[];
    // what each of the 262k entries holds and what it should hold, compared in one assertion
    const got: unknown[][] = [];
    const want: unknown[][] = [];
    const entry = (i: number, ...expected: unknown[]) => {
      got.push([i, ...[tokens[i], types[i], scores[i]].slice(0, expected.length)]);
      want.push([i, ...expected]);
    };
    t.model.pieces.forEach((p, i) => {
      if (convertedType(p) === PieceType.USER_DEFINED)
        entry(i, asParsed(p.piece).replaceAll('▁', ' '), TokenType.USER_DEFINED, -1000);
      else if (p.type !== PieceType.NORMAL) entry(i, asParsed(p.piece), TokenType.CONTROL, -1000);
      else if (/^<0x[0-9A-F]{2}>$/.test(p.piece)) entry(i, asParsed(p.piece), TokenType.BYTE);
      else if (rank.has(p.piece)) entry(i, asParsed(p.piece), TokenType.NORMAL, -rank.get(p.piece)!);
    });
    expect(got).toEqual(want);
    expect(tokens).toContain('  '); // Gemma's "▁▁" user-defined piece
    expect(m['tokenizer.ggml.bos_token_id']).toBe(idOf(t, '<bos>'));
    expect(m['tokenizer.ggml.padding_token_id']).toBe(idOf(t, '<pad>'));
  });
});
