// The Unigram encoder against SentencePiece itself (sentencepiece-js) on the real Unigram bases:
// llm-jp v3.1 (identity normalizer, byte fallback) on every JGLUE line, Shakespeare and tricky
// strings; rinna (nmt_nfkc, no byte fallback) on the lines its normalizer leaves as they are.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelProto } from '../../src/spm/modelproto.js';
import { loadSpm } from '../../src/spm/runtime.js';
import { UnigramEncoder } from '../../src/unigram/lattice.js';
import { CORPORA, SHARED } from '../helpers.js';

const LLM_JP = path.join(SHARED, 'tokenizers', 'llm-jp-tokenizer', 'llm-jp-tokenizer-100k.ver3.1.model');
const RINNA = path.join(SHARED, 'tokenizers', 'rinna-japanese-gpt2', 'google_sp.model');
const JGLUE = ['yjcaptions_sentences.txt', 'jcommonsenseqa_questions.txt'].map((f) =>
  path.join(CORPORA, 'ja-eval-jglue', f),
);
const SHAKESPEARE = path.join(CORPORA, 'en-tinyshakespeare', 'tinyshakespeare.txt');
const HAS_DATA = [LLM_JP, RINNA, ...JGLUE, SHAKESPEARE].every((f) => fs.existsSync(f));
if (!HAS_DATA) console.warn(`SKIPPING the Unigram oracle tests: the models or corpora under ${SHARED} are missing`);

const TRICKY = [
  '',
  ' ',
  '   ',
  'a  b',
  ' leading',
  'trailing ',
  '\n',
  'two\nlines\n\n',
  '0123456789 ２０２４年',
  '😀👍🏽 emoji and 𠮷野家',
  '\t tab',
  '▁▁ already escaped',
  ' '.repeat(40),
  '<unk><s></s> <0x41>',
  '鬱鬱鬱ꙮꙮ',
];

/** Lines of `file` (the last, empty after the final newline, dropped). */
const lines = (file: string, limit = Infinity) =>
  fs.readFileSync(file, 'utf8').split('\n').slice(0, -1).slice(0, limit);

/** Texts whose ids differ between SentencePiece and ours (at most 5, for the message). */
function mismatches(
  sp: { encodeIds(t: string): number[] },
  enc: UnigramEncoder,
  texts: string[],
  norm: (t: string) => string,
) {
  const bad: string[] = [];
  for (const t of texts) {
    const want = sp.encodeIds(t);
    const got = enc.encode(norm(t));
    if (want.length !== got.length || want.some((id, i) => id !== got[i])) bad.push(t);
  }
  return { count: bad.length, first: bad.slice(0, 5) };
}

describe('UnigramEncoder equals SentencePiece on real Unigram models', () => {
  it.skipIf(!HAS_DATA)('llm-jp v3.1: every JGLUE line, 3,000 Shakespeare lines, tricky strings', async () => {
    const model = readModelProto(fs.readFileSync(LLM_JP));
    // identity normalizer, remove_extra_whitespaces false, add_dummy_prefix unset (true)
    expect(model.normalizerSpec.name).toBe('identity');
    expect(model.normalizerSpec.remove_extra_whitespaces).toBe(false);
    expect(model.normalizerSpec.add_dummy_prefix).toBeUndefined();
    const enc = new UnigramEncoder(model.pieces);
    expect(enc.byteFallback).toBe(true);
    const texts = [...JGLUE.flatMap((f) => lines(f)), ...lines(SHAKESPEARE, 3000), ...TRICKY];
    expect(texts.length).toBeGreaterThan(42_000);
    const norm = (t: string) => (t === '' ? '' : '▁' + t.replaceAll(' ', '▁'));
    expect(mismatches(await loadSpm(LLM_JP), enc, texts, norm)).toEqual({ count: 0, first: [] });
  });

  it.skipIf(!HAS_DATA)('rinna: the lines nmt_nfkc leaves unchanged (NFKC-stable, single inner spaces)', async () => {
    const model = readModelProto(fs.readFileSync(RINNA));
    const enc = new UnigramEncoder(model.pieces);
    expect(enc.byteFallback).toBe(false); // unknown characters are <unk>, a run of them one <unk>
    const stable = (t: string) => t !== '' && t.normalize('NFKC') === t && !/^\s|\s$|\s\s|[^\S ]|\p{Cc}/u.test(t);
    const texts = [...JGLUE.flatMap((f) => lines(f)), ...lines(SHAKESPEARE, 3000), '鬱鬱鬱ꙮꙮ 𠮷野家'].filter(stable);
    expect(texts.length).toBeGreaterThan(29_000);
    const norm = (t: string) => '▁' + t.replaceAll(' ', '▁');
    expect(mismatches(await loadSpm(RINNA), enc, texts, norm)).toEqual({ count: 0, first: [] });
  });
});
