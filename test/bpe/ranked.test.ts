// The byte-level encoder's own UTF-8 (no Buffer per pretoken) gives Buffer's bytes, lone
// surrogates included; the whole-token shortcut of ignore_merges still finds every token.
import { describe, expect, it } from 'vitest';
import { RankedBpe } from '../../src/bpe/ranked.js';
import { BYTE_CHAR, bytesToToken } from '../../src/vocab/bytelevel.js';

const vocab = [
  ...BYTE_CHAR,
  bytesToToken(Buffer.from('日本')),
  bytesToToken(Buffer.from('ab')),
  bytesToToken(Buffer.from('\ufffd')),
];
const enc = new RankedBpe({
  vocab,
  merges: [
    [BYTE_CHAR[0x61]!, BYTE_CHAR[0x62]!], // a b -> ab
  ],
  byteLevel: true,
  ignoreMerges: true,
  byteFallback: false,
});

describe('RankedBpe (byte-level)', () => {
  it("gives a pretoken's UTF-8 bytes as Buffer does, lone surrogates as U+FFFD", () => {
    for (const s of ['abc', 'é', '日本語', '𠮷野家', '😀x', 'a\ud800b', '\udc00', 'x\ud83d', '\u07ff\u0800\uffff'])
      expect(enc.symbols(s)).toEqual(Array.from(Buffer.from(s, 'utf8'), (b) => enc.byteIds[b]));
  });
  it('emits a pretoken that is a token whole, and merges the rest', () => {
    expect(enc.encodePretoken('日本')).toEqual([256]);
    expect(enc.encodePretoken('ab')).toEqual([257]);
    expect(enc.encodePretoken('日本語')).toEqual(enc.symbols('日本語')); // longer than any token: merged
    expect(enc.encodePretoken('abab')).toEqual([257, 257]);
    expect(enc.encodePretoken('本日')).toEqual(enc.symbols('本日')); // a token's length, not its bytes
    expect(enc.encodePretoken('\ud800')).toEqual([258]); // a lone surrogate is U+FFFD's bytes, as in Buffer
  });
  it('finds a token added by a merge whole, and leaves the others to the merges', () => {
    const grown = new RankedBpe(enc.spec);
    const ja = grown.addMerge(256, grown.byteIds[0xe8]!); // 日本 + the first byte of 語: no character
    const go = grown.addMerge(ja, grown.byteIds[0xaa]!);
    const word = grown.addMerge(go, grown.byteIds[0x9e]!); // 日本語
    expect(grown.encodePretoken('日本語')).toEqual([word]);
    expect(grown.whole('日本語')).toBe(word);
    expect(grown.whole('日本人')).toBeUndefined();
  });
});
