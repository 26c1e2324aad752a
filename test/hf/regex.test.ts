// onigRegex: Oniguruma patterns of HF tokenizers translated to JS, with Oniguruma's classes and
// case folding; tiny inputs, expectations worked out by hand from src/hf/onig-classes.ts.
import { describe, expect, it } from 'vitest';
import { onigRegex } from '../../src/hf/regex.js';

/** Every match of `pattern` in `s`, in order. */
const matches = (pattern: string, s: string) => [...s.matchAll(onigRegex(pattern))].map((m) => m[0]);

describe('onigRegex', () => {
  it('returns a global, unicode RegExp', () => {
    expect(onigRegex('a+').flags).toBe('gu');
  });

  it('(?i:…) folds ASCII letters as Oniguruma does: s also matches ſ (U+017F), k also matches the Kelvin sign', () => {
    expect(matches("(?i:'s|'k)", "'s 'S 'ſ 'k 'K '\u212a 't")).toEqual(["'s", "'S", "'ſ", "'k", "'K", "'\u212a"]);
    expect(matches("(?i:'re)", "'RE 'Re 'rE 're")).toEqual(["'RE", "'Re", "'rE", "'re"]);
    // outside the group, case matters again
    expect(matches("(?i:'s)x", "'Sx 'SX")).toEqual(["'Sx"]);
  });

  it("\\p{L} is Oniguruma's (Unicode 16): U+088F, a letter to V8 (Unicode 17), is not one", () => {
    expect(new RegExp('\\p{L}', 'u').test('\u088f')).toBe(true); // what V8 alone would say
    expect(matches('\\p{L}+', 'a\u088fb')).toEqual(['a', 'b']);
    expect(matches('[^\\p{L}]+', 'a\u088fb')).toEqual(['\u088f']); // negated class: U+088F is outside \p{L}
    expect(matches('[\\p{L}x]+', 'a\u088fb')).toEqual(['a', 'b']);
  });

  it("\\p{N} is Oniguruma's: U+11DE0 (a digit to V8) is not a number", () => {
    expect(new RegExp('\\p{N}', 'u').test('\u{11de0}')).toBe(true);
    expect(matches('\\p{N}+', '1\u{11de0}2')).toEqual(['1', '2']);
  });

  it("\\s is Oniguruma's: NEL (U+0085) is a space, U+FEFF is not; \\S is its complement", () => {
    expect(matches('\\s', 'a\u0085b\ufeffc\u3000d')).toEqual(['\u0085', '\u3000']);
    expect(matches('\\S+', 'a\u0085b\ufeffc')).toEqual(['a', 'b\ufeffc']);
    expect(matches('[\\s!]+', 'x!\u0085 y')).toEqual(['!\u0085 ']);
  });

  it('passes other escapes and lookaheads through', () => {
    expect(matches('\\s+(?!\\S)|\\s+', 'a   b')).toEqual(['  ', ' ']);
    expect(matches('[\\r\\n]+', 'a\r\n\nb')).toEqual(['\r\n\n']);
    expect(matches('\\p{N}{1,3}', '12345')).toEqual(['123', '45']);
  });

  it('refuses what it does not translate, naming the construct', () => {
    expect(() => onigRegex('\\d+')).toThrow('unsupported escape \\d');
    expect(() => onigRegex('\\w')).toThrow('unsupported escape \\w');
    expect(() => onigRegex('\\p{Lu}')).toThrow('unsupported escape \\p');
    expect(() => onigRegex('(?<name>a)')).toThrow('unsupported group (?<n');
    expect(() => onigRegex('(?i:(?i:a))')).toThrow('nested (?i:…)');
    expect(() => onigRegex('(?i:[a])')).toThrow('character class inside (?i:…)');
    expect(() => onigRegex('[\\S]')).toThrow('\\S inside a character class');
  });
});
