// The HF normalizers and pre-tokenizers tokext reimplements (src/hf/pipeline.ts): the split
// regexes of Llama 3, Qwen3 and GPT-2 on a few strings, pieces worked out by hand, then the same
// strings checked against the HF tokenizers Rust binding (the runtime they must agree with).
import { describe, expect, it } from 'vitest';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { bpeJson } from './bpe-json.js';
import {
  isByteLevel,
  normalizerOf,
  preTokenizerOf,
  UnsupportedPipeline,
  type PipelineSpec,
} from '../../src/hf/pipeline.js';
import { bytesToToken } from '../../src/vocab/bytelevel.js';
import { LLAMA3_PATTERN } from '../../src/base/bundled.js';

const QWEN3_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const split = (Regex: string): PipelineSpec => ({
  type: 'Split',
  pattern: { Regex },
  behavior: 'Isolated',
  invert: false,
});
const withBytes = (first: PipelineSpec): PipelineSpec => ({
  type: 'Sequence',
  pretokenizers: [first, { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false }],
});
const LLAMA3 = withBytes(split(LLAMA3_PATTERN));
const QWEN3 = withBytes(split(QWEN3_PATTERN));
const GPT2: PipelineSpec = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };

/** The pretokens the Rust library makes of `text` with `pre` (byte-level strings when `pre` is byte-level). */
function rustPretokens(pre: PipelineSpec, text: string): string[] {
  const json = bpeJson({ pre });
  return RustTokenizer.fromString(JSON.stringify(json))
    .getPreTokenizer()!
    .preTokenizeString(text)
    .map(([s]) => s);
}

/** Ours in the Rust library's form. */
const ours = (pre: PipelineSpec, text: string) =>
  preTokenizerOf(pre)(text).map((p) => (isByteLevel(pre) ? bytesToToken(Buffer.from(p, 'utf8')) : p));

const TEXT = "Hello world's 12345 日本語!!\n\n  x";

describe('pre-tokenizers, worked by hand', () => {
  it('Llama 3: letters with one leading non-letter, digits by threes, punctuation with its newlines, spaces before a word kept apart', () => {
    expect(preTokenizerOf(LLAMA3)(TEXT)).toEqual([
      'Hello',
      ' world',
      "'s",
      ' ',
      '123',
      '45',
      ' 日本語',
      '!!\n\n',
      ' ',
      ' x',
    ]);
    expect(preTokenizerOf(LLAMA3)("I'M DON'T")).toEqual(['I', "'M", ' DON', "'T"]); // contractions in any case
    expect(preTokenizerOf(LLAMA3)('a\u088fb')).toEqual(['a', '\u088fb']); // U+088F is no letter to Oniguruma: it leads the next word
  });

  it('Qwen3: as Llama 3 but one digit per pretoken', () => {
    expect(preTokenizerOf(QWEN3)(TEXT)).toEqual([
      'Hello',
      ' world',
      "'s",
      ' ',
      '1',
      '2',
      '3',
      '4',
      '5',
      ' 日本語',
      '!!\n\n',
      ' ',
      ' x',
    ]);
  });

  it('GPT-2 (ByteLevel with its regex): a space joins the next run, contractions in lower case only', () => {
    expect(preTokenizerOf(GPT2)(TEXT)).toEqual(['Hello', ' world', "'s", ' 12345', ' 日本語', '!!', '\n\n ', ' x']);
    expect(preTokenizerOf(GPT2)("I'M")).toEqual(['I', "'", 'M']);
    expect(preTokenizerOf(GPT2)('!\u0085!\ufeff')).toEqual(['!', '\u0085', '!\ufeff']); // NEL is a space to Oniguruma, U+FEFF is not
    expect(preTokenizerOf({ ...GPT2, add_prefix_space: true })('hi  there')).toEqual([' hi', ' ', ' there']);
    expect(preTokenizerOf({ ...GPT2, add_prefix_space: true })(' hi')).toEqual([' hi']); // no second space
  });

  it("Metaspace without split, as in Mistral's tokenizer.metaspace.json: spaces become ▁, one ▁ in front", () => {
    expect(
      preTokenizerOf({ type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: false })('Hello  world'),
    ).toEqual(['▁Hello▁▁world']);
    expect(
      preTokenizerOf({ type: 'Metaspace', replacement: '▁', prepend_scheme: 'never', split: false })('a b'),
    ).toEqual(['a▁b']);
    expect(
      preTokenizerOf({ type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true })('a b'),
    ).toEqual(['▁a', '▁b']);
  });

  it('Split behaviours on single delimiters', () => {
    const by = (behavior: string, s: string) =>
      preTokenizerOf({ type: 'Split', pattern: { String: ' ' }, behavior, invert: false })(s);
    expect(by('Isolated', 'a b c')).toEqual(['a', ' ', 'b', ' ', 'c']);
    expect(by('Removed', 'a b  c')).toEqual(['a', 'b', 'c']);
    expect(by('MergedWithPrevious', 'a b c')).toEqual(['a ', 'b ', 'c']);
    expect(by('MergedWithNext', 'a b c')).toEqual(['a', ' b', ' c']);
    expect(by('Contiguous', 'a b  c')).toEqual(['a', ' ', 'b', '  ', 'c']);
    // invert: the matches are what is kept apart from the rest
    expect(
      preTokenizerOf({ type: 'Split', pattern: { Regex: '\\p{N}+' }, behavior: 'Removed', invert: true })('ab12cd3'),
    ).toEqual(['12', '3']);
  });

  it('an empty text has no pretokens; no pre-tokenizer keeps the text whole', () => {
    expect(preTokenizerOf(LLAMA3)('')).toEqual([]);
    expect(preTokenizerOf(null)('a b')).toEqual(['a b']);
    expect(preTokenizerOf(null)('')).toEqual([]);
  });
});

describe('pre-tokenizers agree with the HF tokenizers Rust binding', () => {
  const texts = [
    TEXT,
    "I'M DON'T we'll",
    'a\u088fb',
    '!\u0085!\ufeff',
    '𠮷野家で𩸽を食べた 2024年',
    '  leading\tand trailing  ',
    'line\r\n\r\nnext',
    "'ſ 'Ś",
  ];
  it.each([
    ['Llama 3', LLAMA3],
    ['Qwen3', QWEN3],
    ['GPT-2', GPT2],
    ['GPT-2 with a prefix space', { ...GPT2, add_prefix_space: true }],
    ['Split Isolated', { type: 'Split', pattern: { String: ' ' }, behavior: 'Isolated', invert: false }],
    ['Split Removed', { type: 'Split', pattern: { String: ' ' }, behavior: 'Removed', invert: false }],
    ['Split Contiguous', { type: 'Split', pattern: { String: ' ' }, behavior: 'Contiguous', invert: false }],
    ['Metaspace (no split)', { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: false }],
  ] as [string, PipelineSpec][])('%s', (_, pre) => {
    for (const t of texts) expect(ours(pre, t), JSON.stringify(t)).toEqual(rustPretokens(pre, t));
  });

  // HF merges only the first of consecutive delimiters into the neighbour ("a b  c" MergedWithPrevious
  // → "a ", "b ", " ", "c"; Metaspace split "Hello  world" → "▁Hello", "▁", "▁world").
  it.each([
    [
      'MergedWithPrevious',
      { type: 'Split', pattern: { String: ' ' }, behavior: 'MergedWithPrevious', invert: false },
      'a b  c',
    ],
    [
      'MergedWithNext',
      { type: 'Split', pattern: { String: ' ' }, behavior: 'MergedWithNext', invert: false },
      'a b  c',
    ],
    [
      'Metaspace with split',
      { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
      'Hello  world',
    ],
  ] as [string, PipelineSpec, string][])('%s on repeated delimiters', (_, pre, t) => {
    expect(ours(pre, t)).toEqual(rustPretokens(pre, t));
  });
});

describe('normalizers', () => {
  it('Mistral\'s Prepend ▁ then Replace " " → ▁ (nothing prepended to an empty text)', () => {
    const n = normalizerOf({
      type: 'Sequence',
      normalizers: [
        { type: 'Prepend', prepend: '▁' },
        { type: 'Replace', pattern: { String: ' ' }, content: '▁' },
      ],
    });
    expect(n('Hello  world')).toBe('▁Hello▁▁world');
    expect(n('')).toBe('');
  });

  it('NFC, NFKC, Lowercase, Replace by regex', () => {
    expect(normalizerOf({ type: 'NFC' })('e\u0301')).toBe('é');
    expect(normalizerOf({ type: 'NFKC' })('ｱＡ１')).toBe('アA1');
    expect(normalizerOf({ type: 'Lowercase' })('ÀB')).toBe('àb');
    expect(normalizerOf({ type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' })('a \t\u0085b')).toBe('a b');
    expect(normalizerOf(null)('x')).toBe('x');
  });

  it('refuses what it does not implement, naming it', () => {
    expect(() => normalizerOf({ type: 'BertNormalizer' })).toThrow(UnsupportedPipeline);
    expect(() => normalizerOf({ type: 'BertNormalizer' })).toThrow('normalizer BertNormalizer');
    expect(() => preTokenizerOf({ type: 'Whitespace' })).toThrow('pre-tokenizer Whitespace');
    expect(() =>
      preTokenizerOf({ type: 'Split', pattern: { String: ' ' }, behavior: 'Sideways', invert: false }),
    ).toThrow('Split behavior Sideways');
    expect(() => preTokenizerOf({ type: 'Metaspace', prepend_scheme: 'first', split: true })).toThrow(
      'Metaspace prepend_scheme first',
    );
  });

  it('isByteLevel: a ByteLevel step anywhere in the pre-tokenizer', () => {
    expect([LLAMA3, QWEN3, GPT2, split('a'), null].map(isByteLevel)).toEqual([true, true, true, false, false]);
  });
});
