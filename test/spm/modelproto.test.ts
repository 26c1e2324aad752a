// SentencePiece ModelProto (src/spm/modelproto.ts): a 10-piece model written and read back field by
// field, the wire form SentencePiece writes (NORMAL type left out), the real Mistral tokenizer.model
// read and written back byte for byte, and bad bytes refused with the file named.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ModelType, readModelProto, writeModelProto } from '../../src/spm/modelproto.js';
import { PieceType } from '../../src/vocab/model.js';
import { TINY } from './tiny-model.js';
import { HAS_SHARED, MISTRAL } from '../helpers.js';

describe('ModelProto round trip', () => {
  it('a 10-piece model reads back as written, field by field', () => {
    const back = readModelProto(writeModelProto(TINY));
    expect(back.pieces).toEqual(TINY.pieces);
    expect(back.trainerSpec).toEqual(TINY.trainerSpec);
    expect(back.normalizerSpec).toEqual(TINY.normalizerSpec);
  });

  it('vocab_size is written as the number of pieces, whatever the spec said', () => {
    const back = readModelProto(writeModelProto({ ...TINY, trainerSpec: { ...TINY.trainerSpec, vocab_size: 99 } }));
    expect(back.trainerSpec.vocab_size).toBe(10);
  });

  it('writes each piece as SentencePiece does: piece (1), score (2, float32), type (3) only when not NORMAL', () => {
    const bytes = Buffer.from(writeModelProto(TINY));
    // pieces[8] 'a' -5.25: field 1 (0x0a) of 9 bytes = 0a 01 'a', 15 + float32 LE of -5.25 (0xc0a80000); no type
    expect(bytes.includes(Buffer.from([0x0a, 0x08, 0x0a, 0x01, 0x61, 0x15, 0x00, 0x00, 0xa8, 0xc0, 0x0a]))).toBe(true);
    // pieces[1] '<s>' CONTROL: 0a 03 '<s>', 15 00 00 00 00, 18 03
    expect(
      bytes.includes(Buffer.from([0x0a, 0x0c, 0x0a, 0x03, 0x3c, 0x73, 0x3e, 0x15, 0x00, 0x00, 0x00, 0x00, 0x18, 0x03])),
    ).toBe(true);
    expect(bytes[0]).toBe(0x0a); // the pieces come first
  });

  it('refuses bytes that are not a ModelProto, and a ModelProto without pieces, naming the file', () => {
    const e = (() => {
      try {
        readModelProto(Buffer.from('hello, not a model'), 'x.model');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/^x\.model: not a SentencePiece ModelProto \(/);
    expect(() => readModelProto(new Uint8Array(0), 'empty.model')).toThrow('empty.model: ModelProto has no pieces');
  });
});

describe.skipIf(!HAS_SHARED)('the real Mistral tokenizer.model', () => {
  it('reads 32,000 pieces and its specs, and writes them back byte for byte', () => {
    const bytes = fs.readFileSync(path.join(MISTRAL, 'tokenizer.model'));
    const m = readModelProto(bytes);
    expect(m.pieces.length).toBe(32000);
    expect(m.pieces.slice(0, 4)).toEqual([
      { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
      { piece: '<s>', score: 0, type: PieceType.CONTROL },
      { piece: '</s>', score: 0, type: PieceType.CONTROL },
      { piece: '<0x00>', score: 0, type: PieceType.BYTE },
    ]);
    expect(m.trainerSpec).toMatchObject({
      model_type: ModelType.BPE,
      vocab_size: 32000,
      byte_fallback: true,
      model_prefix: 'tok_v0',
    });
    expect(m.normalizerSpec).toMatchObject({
      name: 'identity',
      add_dummy_prefix: true,
      remove_extra_whitespaces: false,
    });
    expect(Buffer.from(writeModelProto({ ...m, paddingIds: [] })).equals(bytes)).toBe(true);
  });
});
