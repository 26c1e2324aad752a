import { describe, expect, it } from 'vitest';
import { splitChunks, ChunkCounter } from '../../src/corpus/pretokenize.js';
import { containsJapanese, isJapaneseCodePoint } from '../../src/corpus/unicode.js';

const chunks = (s: string) => {
  const out: string[] = [];
  splitChunks(s, (c) => out.push(c));
  return out;
};

describe('pretokenization', () => {
  it('splits at ▁, script changes and single digits; Han/Hiragana/Katakana/ー are one script', () => {
    expect(chunks('▁東京タワーは高い。▁Hello▁world')).toEqual(['▁東京タワーは高い', '。', '▁Hello', '▁world']);
    expect(chunks('▁2024年')).toEqual(['▁', '2', '0', '2', '4', '年']);
    expect(chunks('▁「コーヒー」')).toEqual(['▁「', 'コーヒー', '」']);
    expect(chunks('▁ＡＢＣ漢字')).toEqual(['▁ＡＢＣ', '漢字']);
    expect(chunks('▁▁a')).toEqual(['▁', '▁a']);
  });
  it('without the script rule, lets a run keep the punctuation that closes it, but never cross it', () => {
    const out: string[] = [];
    splitChunks('▁彼は「そうだ」と言った。それから、帰った。', (c) => out.push(c), false);
    expect(out).toEqual(['▁彼は', '「そうだ」', 'と言った。', 'それから、', '帰った。']);
  });
  it('counts chunks with the dummy prefix and weights', () => {
    const c = new ChunkCounter();
    c.add('猫 猫', 2);
    expect([...c.counts]).toEqual([['▁猫', 4]]);
  });
  it('classifies Japanese characters', () => {
    for (const ch of ['あ', 'ア', '漢', '。', '「', 'ー', 'ｱ', '１', '　', '𠮷']) expect(isJapaneseCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of ['a', '1', '.', 'é', 'Я', '한', '😀']) expect(isJapaneseCodePoint(ch.codePointAt(0)!), ch).toBe(false);
    expect(containsJapanese('abc')).toBe(false);
    expect(containsJapanese('abcの')).toBe(true);
  });
});
