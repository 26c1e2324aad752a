import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/eval.js';
import { renderReport } from '../../src/eval/report.js';
import { BpeEncoder } from '../../src/bpe/encoder.js';
import { loadMistralFromPackage } from '../../src/base/sentencepiece.js';
import { emptyStats, listCorpusFiles, readCorpusFile } from '../../src/corpus/read.js';
import { CORPORA, HAS_SHARED, MISTRAL, SAMPLE, SHARED, sampleBuild, tmpDir } from '../helpers.js';

const JGLUE = path.join(CORPORA, 'ja-eval-jglue');
const EN = path.join(CORPORA, 'en-tinyshakespeare');
const LLMJP = path.join(SHARED, 'tokenizers', 'llm-jp-tokenizer', 'llm-jp-tokenizer-100k.ver3.1.model');
const RINNA = path.join(SHARED, 'tokenizers', 'rinna-japanese-gpt2', 'google_sp.model');

async function lines(p: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of listCorpusFiles(p))
    await readCorpusFile(f, { textField: 'text', skipInvalid: false }, emptyStats(), (t) => {
      out.push(t);
    });
  return out;
}

describe.skipIf(!HAS_SHARED)('tokext eval on real tokenizers', () => {
  // One evaluation every test below reads (none depends on another test having run).
  let result: Awaited<ReturnType<typeof evaluate>>;
  beforeAll(async () => {
    result = await evaluate({
      tokenizers: [MISTRAL, LLMJP, RINNA],
      corpora: [JGLUE, EN],
      db: path.join(tmpDir(), 'none.db'),
    });
  });
  it('matches independent counts: Mistral 0.867 and llm-jp v3.1 2.022 chars/token on ja-eval-jglue', async () => {
    const row = (t: string, c: string) => result.rows.find((r) => r.tokenizer === t && r.corpus === c)!;
    const mistral = row('mistral-7b-v0.1', 'ja-eval-jglue');
    expect(mistral.chars_per_token).toBeCloseTo(0.867, 3);
    expect(row('llm-jp-tokenizer-100k.ver3.1', 'ja-eval-jglue').chars_per_token).toBeCloseTo(2.022, 3);
    // Independent count with tokext's own BPE encoder (a different engine from eval's SentencePiece).
    const enc = new BpeEncoder(loadMistralFromPackage().model.pieces);
    const ls = await lines(JGLUE);
    const chars = ls.reduce((s, l) => s + Array.from(l).length, 0);
    const tokens = ls.reduce((s, l) => s + enc.encode(l).length, 0);
    expect(mistral.tokens).toBe(tokens);
    expect(mistral.chars).toBe(chars);
    expect(mistral.chars_per_token_with_bos).toBeCloseTo(chars / (tokens + ls.length), 4);
    expect(mistral.roundtrip_exact).toBe(100);
    expect(mistral.byte_fallback_rate).toBeGreaterThan(0.1);
  });
  it('reports the unknown-token rate and lossy round trips of a tokenizer without byte fallback (rinna)', () => {
    const r = result.rows.find((x) => x.tokenizer === 'google_sp' && x.corpus === 'en-tinyshakespeare')!;
    expect(r.unknown_rate).toBeGreaterThan(0.01);
    expect(r.roundtrip_exact).toBeLessThan(100);
    expect(r.byte_fallback_rate).toBe(0);
  });
  it.skipIf(spawnSync('spm_encode', ['--help']).error !== undefined)(
    'C++ SentencePiece agrees on llm-jp v3.1 token counts (skipped where spm_encode is not installed)',
    () => {
      const file = path.join(JGLUE, 'yjcaptions_sentences.txt');
      const r = spawnSync('spm_encode', [`--model=${LLMJP}`, '--output_format=id'], {
        input: fs.readFileSync(file),
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      const cpp = r.stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .reduce((s, l) => s + l.trim().split(' ').length, 0);
      return evaluate({ tokenizers: [LLMJP], corpora: [file], db: 'none.db' }).then((e) =>
        expect(e.rows[0]!.tokens).toBe(cpp),
      );
    },
  );
  it('renders an HTML report with one chart per corpus whose numbers equal the JSON', () => {
    const html = renderReport(result, 'test');
    const charts = [...html.matchAll(/<svg class="chart" data-kind="corpus"/g)];
    expect(charts.length).toBe(2);
    for (const row of result.rows)
      expect(html).toContain(`data-label="${row.tokenizer}" data-value="${row.chars_per_token}"`);
  });
});

describe('tokext eval rejects bad input', () => {
  const dir = tmpDir();
  it('an unsupported tokenizer, a file that is not a model', async () => {
    const wp = path.join(dir, 'tokenizer.json');
    fs.writeFileSync(wp, JSON.stringify({ model: { type: 'WordPiece', vocab: { a: 0 } } }));
    const corpus = path.join(dir, 'c.txt');
    fs.writeFileSync(corpus, 'テスト\n');
    await expect(evaluate({ tokenizers: [wp], corpora: [corpus], db: 'x.db' })).rejects.toThrow(
      /not a BPE tokenizer\.json \(model\.type is WordPiece\)/,
    );
    const junk = path.join(dir, 'junk.model');
    fs.writeFileSync(junk, 'plain text, not a model');
    await expect(evaluate({ tokenizers: [junk], corpora: [corpus], db: 'x.db' })).rejects.toThrow(
      /not a tokenizer\.model/,
    );
  });
  it('an empty corpus, a binary file (the bundled Mistral base)', async () => {
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '\n\n');
    await expect(evaluate({ tokenizers: ['mistral-7b-v0.1'], corpora: [empty], db: 'x.db' })).rejects.toThrow(
      /corpus has no non-empty lines/,
    );
    const bin = path.join(dir, 'bin.txt');
    fs.writeFileSync(bin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x0a]));
    await expect(evaluate({ tokenizers: ['mistral-7b-v0.1'], corpora: [bin], db: 'x.db' })).rejects.toThrow(
      /bin\.txt:1: NUL byte/,
    );
  });
});

describe('Rényi efficiency and new-piece token rate', () => {
  it('worked by hand: 1 for a uniform distribution, 0.632 for 3:1, 0 for one token', async () => {
    const { renyiEfficiency } = await import('../../src/eval/metrics.js');
    expect(renyiEfficiency([1, 1, 0])).toBeCloseTo(1, 10);
    // p = (3/4, 1/4): (1 / (1 - 2.5)) * ln(0.75^2.5 + 0.25^2.5) / ln 2
    expect(renyiEfficiency([3, 1])).toBeCloseTo(Math.log(0.75 ** 2.5 + 0.25 ** 2.5) / -1.5 / Math.log(2), 10);
    expect(renyiEfficiency([3, 1])).toBeCloseTo(0.632, 3);
    expect(renyiEfficiency([5])).toBe(0);
  });
  it('an extension reports the share of its tokens that are new pieces; a plain tokenizer null', async () => {
    const dir = tmpDir();
    const out = sampleBuild(); // the shared sample build: a Mistral extension trained on SAMPLE (read only)
    const r = await evaluate({
      tokenizers: [out, 'mistral-7b-v0.1'],
      corpora: [SAMPLE],
      db: path.join(dir, 'none.db'),
    });
    const [ext, base] = r.rows;
    expect(ext!.new_token_rate).toBeGreaterThan(0.1);
    expect(ext!.new_token_rate).toBeLessThanOrEqual(1);
    expect(base!.new_token_rate).toBeNull();
    expect(ext!.renyi_efficiency).toBeGreaterThan(0);
    expect(ext!.renyi_efficiency).toBeLessThan(1);
  });
});

describe('chars/token by script', () => {
  it('worked by hand: characters from the text, each token split over the scripts of its bytes', async () => {
    const { MetricsAccumulator } = await import('../../src/eval/metrics.js');
    const { pieceBytes } = await import('../../src/eval/engine.js');
    const { PieceType } = await import('../../src/vocab/model.js');
    const pieces = [
      { piece: '<s>', score: 0, type: PieceType.CONTROL },
      { piece: '▁今日', score: 0, type: PieceType.NORMAL }, // a space byte and six Han bytes
      { piece: 'は', score: 0, type: PieceType.NORMAL },
      { piece: '<0xE3>', score: 0, type: PieceType.BYTE }, // ア = E3 82 A2, in three byte pieces
      { piece: '<0x82>', score: 0, type: PieceType.BYTE },
      { piece: '<0xA2>', score: 0, type: PieceType.BYTE },
    ];
    const acc = new MetricsAccumulator(pieces, pieceBytes(pieces, false));
    acc.add('今日はア', [0, 1, 2, 3, 4, 5], '今日はア');
    const s = acc.row('t', 'c', null).by_script!;
    expect(s.Han).toEqual({ chars: 2, tokens: 0.86, chars_per_token: Number((2 / (6 / 7)).toFixed(4)) });
    expect(s.Hiragana).toEqual({ chars: 1, tokens: 1, chars_per_token: 1 });
    expect(s.Katakana).toEqual({ chars: 1, tokens: 3, chars_per_token: 0.3333 });
    expect(s.other).toEqual({ chars: 0, tokens: 0.14, chars_per_token: 0 });
    expect(s.Latin.chars + s.digits.chars).toBe(0);
  });
  it('byte-level tokens are read through the byte alphabet (Qwen3: Ġ is a space)', async () => {
    const { pieceBytes } = await import('../../src/eval/engine.js');
    const { PieceType } = await import('../../src/vocab/model.js');
    const bytes = pieceBytes([{ piece: 'Ġæĺ¥', score: 0, type: PieceType.NORMAL }], true)(0);
    expect(Buffer.from(bytes).toString('utf8')).toBe(' 春');
  });
});
