import { describe, expect, it } from 'vitest';
import { chunkStrings, sentencePiecePretokenizer, splitChunks } from '../../src/corpus/pretokenize.js';
import { countTexts } from '../../src/corpus/count.js';
import { containsJapanese, isJapaneseCodePoint } from '../../src/corpus/unicode.js';

const chunks = (s: string, byScript = true) => {
  const out: string[] = [];
  splitChunks(s, (a, b) => out.push(s.slice(a, b)), byScript);
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
    expect(chunks('▁彼は「そうだ」と言った。それから、帰った。', false)).toEqual([
      '▁彼は',
      '「そうだ」',
      'と言った。',
      'それから、',
      '帰った。',
    ]);
  });
  it('counts chunks with the dummy prefix and weights', async () => {
    const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: true });
    expect(chunkStrings(sp, '猫 猫')).toEqual(['▁猫', '▁猫']);
    const set = await countTexts(sp, ['猫 猫'], 2);
    const got: [string, number][] = [];
    await set.forEach((c, n) => got.push([c, n]));
    expect(got).toEqual([['▁猫', 4]]);
    expect(set.distinct).toBe(1);
    expect(set.occurrences).toBe(4);
  });
  it('classifies Japanese characters', () => {
    for (const ch of ['あ', 'ア', '漢', '。', '「', 'ー', 'ｱ', '１', '　', '𠮷'])
      expect(isJapaneseCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of ['a', '1', '.', 'é', 'Я', '한', '😀'])
      expect(isJapaneseCodePoint(ch.codePointAt(0)!), ch).toBe(false);
    expect(containsJapanese('abc')).toBe(false);
    expect(containsJapanese('abcの')).toBe(true);
  });
});
