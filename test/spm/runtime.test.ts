// SentencePiece itself as a runtime (src/spm/runtime.ts): the real Mistral model against the golden
// encodings, and a 10-piece in-memory model on strings whose BPE segmentation is worked out by hand.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadSpm, loadSpmModel } from '../../src/spm/runtime.js';
import { HAS_SHARED, MISTRAL, golden, tmpDir } from '../helpers.js';
import { TINY } from './tiny-model.js';
import { PieceType } from '../../src/vocab/model.js';

describe('loadSpmModel on a 10-piece model', () => {
  it('BPE by piece score, worked by hand; no BOS; unknown characters as <unk>', async () => {
    const sp = await loadSpmModel(TINY);
    // "ab" → ▁ a b: ▁a (-1) beats ab (-2); then ▁a b → ▁ab (-3)
    expect(sp.encodeIds('ab')).toEqual([6]);
    // "ba" → ▁ b a: neither ▁b nor ba is a piece
    expect(sp.encodeIds('ba')).toEqual([7, 9, 8]);
    // "a ab" → ▁a ▁ab; "c" is no piece (and no byte fallback): ▁ then <unk>
    expect(sp.encodeIds('a ab')).toEqual([4, 6]);
    expect(sp.encodeIds('c')).toEqual([7, 0]);
    expect(sp.encodeIds('')).toEqual([]);
    expect(sp.decodeIds([4, 6])).toBe('a ab');
  });

  it('leaves no temporary file behind', async () => {
    // in a temporary directory of its own (other test workers load models at the same time)
    const own = tmpDir();
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = own;
    try {
      await loadSpmModel(TINY);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect(fs.readdirSync(own)).toEqual([]);
  });

  it('a missing file: an InputError naming it', async () => {
    const f = path.join(tmpDir(), 'missing.model');
    const err = await loadSpm(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(new RegExp(`^${f}: SentencePiece cannot load this model \\(ENOENT`));
  });

  // sentencepiece-js ignores the status of Load (dist/index.js: load_status.delete()): a model
  // SentencePiece rejects (a BYTE piece, byte_fallback false) would load and encode every text to [].
  it('a model SentencePiece refuses (a BYTE piece without byte_fallback) is an InputError', async () => {
    const refused = {
      ...TINY,
      pieces: TINY.pieces.map((p, id) => (id === 3 ? { piece: '<0x41>', score: 0, type: PieceType.BYTE } : p)),
    };
    const err = await loadSpmModel(refused).catch((e: unknown) => e);
    expect(err instanceof InputError).toBe(true); // (not toBeInstanceOf: printing the WASM processor takes minutes)
  });
});

describe.skipIf(!HAS_SHARED)('loadSpm on the real Mistral model', () => {
  it('encodes and decodes the golden texts exactly', async () => {
    const sp = await loadSpm(path.join(MISTRAL, 'tokenizer.model'));
    const g = golden();
    expect(g.length).toBe(117);
    for (const { text, ids, decoded } of g) {
      expect(sp.encodeIds(text), text).toEqual(ids);
      expect(sp.decodeIds(ids), text).toBe(decoded);
    }
  });
});
