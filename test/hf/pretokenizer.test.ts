// Training chunks and encoding of an HF base (src/hf/pretokenizer.ts) on a tiny byte-level
// tokenizer.json with Qwen3's normalizer and pre-tokenizer: chunks worked out by hand, ids checked
// by hand and against the HF tokenizers Rust binding loading the same JSON.
import { describe, expect, it } from 'vitest';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { bpeJson } from './bpe-json.js';
import { readHfBpe, encoderOf } from '../../src/hf/model.js';
import { hfEncoder, hfPretokenizer } from '../../src/hf/pretokenizer.js';
import { BYTE_CHAR } from '../../src/vocab/bytelevel.js';

const QWEN3_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const MERGES: [string, string][] = [
  ['h', 'i'],
  ['Ġ', 'hi'],
  ['ã', 'ģ'],
  ['ãģ', 'Ĥ'],
]; // hi, Ġhi, ãģ, ãģĤ (あ = E3 81 82)
const vocab: Record<string, number> = Object.fromEntries(BYTE_CHAR.map((c, b) => [c, b]));
MERGES.forEach(([l, r], k) => {
  vocab[l + r] = 256 + k;
}); // hi 256, Ġhi 257, ãģ 258, ãģĤ 259
const IM_START = 260;
const JSON_ = bpeJson({
  added: [
    {
      id: IM_START,
      content: '<|im_start|>',
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    },
  ],
  normalizer: { type: 'NFC' },
  pre: {
    type: 'Sequence',
    pretokenizers: [
      { type: 'Split', pattern: { Regex: QWEN3_PATTERN }, behavior: 'Isolated', invert: false },
      { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
    ],
  },
  vocab,
  merges: MERGES.map(([l, r]) => `${l} ${r}`),
});
const base = readHfBpe(JSON_, 'tiny.json');

/** The chunks of `text`, as strings. */
const chunks = (text: string, byScript = true) => {
  const out: string[] = [];
  hfPretokenizer(base, byScript).chunks(text, (s, a, b) => out.push(s.slice(a, b)));
  return out;
};

describe('hfPretokenizer', () => {
  it("Qwen3's pretokens (one digit each), then split where the script changes; a space leads its word", () => {
    // pretokens: "日本語abc" (letters), " " (a space before a digit), "1", "2", " テスト"
    expect(chunks('日本語abc 12 テスト')).toEqual(['日本語', 'abc', ' ', '1', '2', ' テスト']);
    expect(chunks('日本語abc 12', false)).toEqual(['日本語abc', ' ', '1', '2']); // without the script rule
    expect(chunks('e\u0301')).toEqual(['é']); // NFC first
  });

  it('an added token is cut out and never part of a chunk', () => {
    expect(chunks('a<|im_start|>b')).toEqual(['a', 'b']);
  });

  it('the id names the pipeline and the script rule', () => {
    expect(hfPretokenizer(base, true).id).toMatch(/^hf:[0-9a-f]{16}:split-by-script=true$/);
    expect(hfPretokenizer(base, false).id).toBe(hfPretokenizer(base, true).id.replace('=true', '=false'));
    const other = readHfBpe({ ...JSON_, normalizer: { type: 'NFKC' } }, 'other.json');
    expect(hfPretokenizer(other, true).id).not.toBe(hfPretokenizer(base, true).id);
  });
});

describe('hfEncoder', () => {
  const encode = hfEncoder(base, encoderOf(base));
  it("worked by hand: merges within pretokens, bytes elsewhere, the added token's id", () => {
    expect(encode('hi hi')).toEqual([256, 257]); // "hi", " hi"
    // あい = E3 81 82 E3 81 84 = ãģĤãģĄ: ã+ģ at both places, then ãģ+Ĥ; Ą (0x84) stays a byte
    expect(encode('あい')).toEqual([259, 258, 0x84]);
    expect(encode('<|im_start|>hi')).toEqual([IM_START, 256]);
    expect(encode('')).toEqual([]);
  });

  it('agrees with the Rust binding on the same tokenizer.json', async () => {
    const rust = RustTokenizer.fromString(JSON.stringify(JSON_));
    for (const t of ['hi hi', 'あい', '<|im_start|>hi<|im_start|>', "I'M 12 𠮷 hi\n\n", 'e\u0301 ｱ']) {
      expect(encode(t), JSON.stringify(t)).toEqual((await rust.encode(t, null, { addSpecialTokens: false })).getIds());
    }
  });
});
