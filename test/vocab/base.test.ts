import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMistralFromPackage } from '../../src/base/sentencepiece.js';
import { loadBase } from '../../src/family/load.js';
import { UnigramFamily } from '../../src/family/unigram.js';
import { deriveMerges } from '../../src/bpe/derive.js';
import { writeModelProto, readModelProto } from '../../src/spm/modelproto.js';
import { tokenizerJson } from '../../src/hf/tokenizer-json.js';
import { HAS_SHARED, MISTRAL, SHARED } from '../helpers.js';

describe.skipIf(!HAS_SHARED)('base reconstructed from mistral-tokenizer-js equals the real Mistral files', () => {
  const base = loadMistralFromPackage();
  // Read in beforeAll: a skipped describe still runs its body, and CI-less clones lack the file.
  let real: ReturnType<typeof readModelProto>;
  beforeAll(() => {
    real = readModelProto(fs.readFileSync(path.join(MISTRAL, 'tokenizer.model')));
  });

  it('has the same pieces, scores and types as tokenizer.model and pieces.jsonl', () => {
    expect(base.model.pieces).toEqual(real.pieces);
    const jsonl = fs
      .readFileSync(path.join(MISTRAL, 'pieces.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(jsonl.length).toBe(32000);
    const typeNames: Record<string, number> = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 };
    jsonl.forEach((row: { id: number; piece: string; score: number; type: string | number }) => {
      const p = base.model.pieces[row.id]!;
      expect(p.piece).toBe(row.piece);
      expect(p.score).toBe(row.score);
      expect(p.type).toBe(typeof row.type === 'number' ? row.type : typeNames[row.type]);
    });
  });

  it('regenerates a byte-identical tokenizer.model', () => {
    expect(
      Buffer.from(writeModelProto(base.model)).equals(fs.readFileSync(path.join(MISTRAL, 'tokenizer.model'))),
    ).toBe(true);
  });

  it('derives exactly the 58,980 merges of tokenizer.json, in order', () => {
    const json = JSON.parse(fs.readFileSync(path.join(MISTRAL, 'tokenizer.json'), 'utf8'));
    const derived = deriveMerges(base.model.pieces).map(([l, r]) => `${l} ${r}`);
    expect(derived.length).toBe(58980);
    expect(derived).toEqual(json.model.merges);
    expect(base.merges!.map(([l, r]) => `${l} ${r}`)).toEqual(json.model.merges);
  });

  it('writes a tokenizer.json equal to the real one as data', () => {
    const ours = JSON.parse(tokenizerJson(base.model));
    const theirs = JSON.parse(fs.readFileSync(path.join(MISTRAL, 'tokenizer.json'), 'utf8'));
    expect(ours).toEqual(theirs);
  });

  it('loads a base from a .model path, a tokenizer.json and a directory', () => {
    for (const p of [path.join(MISTRAL, 'tokenizer.model'), MISTRAL]) {
      const b = loadBase(p);
      expect(b.asModel().model.pieces).toEqual(real.pieces);
    }
    const fromJson = loadBase(path.join(MISTRAL, 'tokenizer.json'));
    expect(fromJson.asModel().model.pieces.map((p) => p.piece)).toEqual(real.pieces.map((p) => p.piece));
    expect(deriveMerges(fromJson.asModel().model.pieces).length).toBeGreaterThanOrEqual(58980);
  });

  it('loads a Unigram model as a base of the Unigram family, its pieces as they are', () => {
    const file = path.join(SHARED, 'tokenizers', 'rinna-japanese-gpt2', 'google_sp.model');
    const b = loadBase(file);
    expect(b).toBeInstanceOf(UnigramFamily);
    expect(b.size).toBe(32000);
    expect(b.asModel().merges).toEqual([]);
    expect(() => b.freed([5], false)).toThrow(/not supported for a SentencePiece Unigram base/);
  });
});
