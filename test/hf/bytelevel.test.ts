// GPT-2's byte ↔ character table (src/hf/bytelevel.ts), worked by hand and checked against the
// alphabet of the HF tokenizers Rust binding.
import { describe, expect, it } from 'vitest';
import { byteLevelAlphabet } from 'tokenizers';
import { BYTE_CHAR, bytesToToken, tokenToBytes } from '../../src/vocab/bytelevel.js';

describe('byte-level alphabet', () => {
  it('printable bytes stand for themselves; the others take U+0100 on, in byte order', () => {
    expect(BYTE_CHAR.length).toBe(256);
    expect(BYTE_CHAR[0x21]).toBe('!');
    expect(BYTE_CHAR[0x41]).toBe('A');
    expect(BYTE_CHAR[0x7e]).toBe('~');
    expect(BYTE_CHAR[0xe3]).toBe('ã');
    expect(BYTE_CHAR[0x00]).toBe('\u0100'); // Ā: the first non-printable byte
    expect(BYTE_CHAR[0x0a]).toBe('Ċ'); // newline: 256 + 10
    expect(BYTE_CHAR[0x20]).toBe('Ġ'); // space: 256 + 32
    expect(BYTE_CHAR[0x7f]).toBe('ġ'); // DEL: the 34th non-printable byte, 256 + 33
    expect(BYTE_CHAR[0x80]).toBe('Ģ'); // 256 + 34
    expect(BYTE_CHAR[0xa0]).toBe('ł'); // 256 + 66 (non-breaking space)
    expect(BYTE_CHAR[0xad]).toBe('Ń'); // 256 + 67 (soft hyphen), the last one
    expect(new Set(BYTE_CHAR).size).toBe(256);
  });

  it('is the alphabet of the HF tokenizers Rust binding', () => {
    expect([...BYTE_CHAR].sort()).toEqual([...byteLevelAlphabet()].sort());
  });

  it('maps text bytes to token strings and back', () => {
    expect(bytesToToken(Buffer.from(' hi\n', 'utf8'))).toBe('ĠhiĊ');
    expect(bytesToToken(Buffer.from('あ', 'utf8'))).toBe('ãģĤ'); // E3 81 82
    expect(bytesToToken(new Uint8Array([]))).toBe('');
    expect([...tokenToBytes('ĠhiĊ')!]).toEqual([0x20, 0x68, 0x69, 0x0a]);
    expect(tokenToBytes('ãģĤ')!.toString('utf8')).toBe('あ');
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    expect([...tokenToBytes(bytesToToken(all))!]).toEqual([...all]);
  });

  it('tokenToBytes: undefined for a character outside the alphabet (a raw space, あ, ▁)', () => {
    expect(tokenToBytes(' ')).toBeUndefined();
    expect(tokenToBytes('aあ')).toBeUndefined();
    expect(tokenToBytes('▁a')).toBeUndefined();
  });
});
