import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/stages/build.js';
import { defaultPadTo, defaultSpec } from '../../src/spec.js';
import { verifyDir } from '../../src/family/verify.js';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { rustEncodeAll } from '../../src/verify/runtimes.js';
import { BpeEncoder } from '../../src/bpe/encoder.js';
import { loadMistralFromPackage } from '../../src/base/sentencepiece.js';
import { loadBase } from '../../src/family/load.js';
import { CORPORA, HAS_SHARED, corpusLines, golden, tmpDir } from '../helpers.js';

const lines = corpusLines;

/** Verify on every line of ja-eval-jglue, en-tinyshakespeare and the golden set: all checks pass, parity on over 70,000 texts. */
async function verifyOnRealText(out: string) {
  const report = await verifyDir(out, {
    corpora: [path.join(CORPORA, 'ja-eval-jglue'), path.join(CORPORA, 'en-tinyshakespeare')],
    sample: 0,
    texts: golden().map((g) => g.text),
  });
  expect(report.text).not.toMatch(/FAIL/);
  expect(report.ok).toBe(true);
  const parity = report.checks.find((c) => c.name === 'parity')!;
  expect(Number(/agree on (\d+) texts/.exec(parity.detail)![1])).toBeGreaterThan(70000);
  return report;
}

describe.skipIf(!HAS_SHARED)('parity on real text: a build trained on ja-train-wikipedia', () => {
  const out = path.join(tmpDir(), 'wiki');
  let loaded: RustTokenizer | undefined;
  /** The build's tokenizer.json in the Rust binding (the runtime the two tests after the build read), loaded once. */
  const rust = () => (loaded ??= RustTokenizer.fromFile(path.join(out, 'tokenizer.json')));
  it('passes every invariant with all of ja-eval-jglue, en-tinyshakespeare and the golden set', async () => {
    const spec = {
      ...defaultSpec([{ path: path.join(CORPORA, 'ja-train-wikipedia'), weight: 1 }]),
      target: 44000,
      padTo: 44032,
    };
    const r = await build(spec, { out, force: false });
    expect(r.vocab.pieces.length).toBe(44032);
    await verifyOnRealText(out);
  });

  it('encodes English exactly as Mistral and Japanese in fewer tokens', async () => {
    const base = new BpeEncoder(loadMistralFromPackage().model.pieces);
    const en = (await lines(path.join(CORPORA, 'en-tinyshakespeare'))).slice(0, 5000);
    const ids = await rustEncodeAll(rust(), en);
    en.forEach((t, i) => expect(ids[i]).toEqual(base.encode(t)));
    const ja = await lines(path.join(CORPORA, 'ja-eval-jglue'));
    const jaIds = await rustEncodeAll(rust(), ja);
    const chars = ja.reduce((s, t) => s + Array.from(t).length, 0);
    const ours = jaIds.reduce((s, x) => s + x.length, 0);
    const theirs = ja.reduce((s, t) => s + base.encode(t).length, 0);
    expect(chars / theirs).toBeCloseTo(0.867, 2);
    expect(chars / ours).toBeGreaterThan(1.3);
  });

  const spmEncode = spawnSync('spm_encode', ['--help'], { encoding: 'utf8' });
  const hasSpm = spmEncode.error === undefined;
  if (!hasSpm)
    console.warn(
      'SKIPPING the C++ SentencePiece oracle: spm_encode not installed (apt-get install sentencepiece; .ci/run does)',
    );
  it.skipIf(!hasSpm)(
    'C++ SentencePiece (Debian spm_encode 0.1.97) gives the same ids as the Rust binding',
    async () => {
      const texts = [
        ...golden().map((g) => g.text),
        ...(await lines(path.join(CORPORA, 'ja-eval-jglue'))),
        ...(await lines(path.join(CORPORA, 'en-tinyshakespeare'))).slice(0, 5000),
      ].filter((t) => t.length > 0 && !/[\r\n]/.test(t) && !/<\/?s>|<unk>|<\|extra_/.test(t));
      const r = spawnSync('spm_encode', [`--model=${path.join(out, 'tokenizer.model')}`, '--output_format=id'], {
        input: texts.join('\n') + '\n',
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      expect(r.status).toBe(0);
      const spmIds = r.stdout
        .split('\n')
        .slice(0, texts.length)
        .map((l) => (l.trim() === '' ? [] : l.trim().split(' ').map(Number)));
      const rustIds = await rustEncodeAll(rust(), texts);
      let differ = 0;
      texts.forEach((_, i) => {
        if (JSON.stringify(spmIds[i]) !== JSON.stringify(rustIds[i])) differ++;
      });
      expect(texts.length).toBeGreaterThan(40000);
      expect(differ).toBe(0);
    },
  );
});

describe.skipIf(!HAS_SHARED).each(['qwen3', 'llama-3'])(
  'parity on real text: %s extended from ja-train-wikipedia',
  (name) => {
    const out = path.join(tmpDir(), name);
    it('passes every invariant with all of ja-eval-jglue, en-tinyshakespeare and the golden set, and English is unchanged', async () => {
      const base = loadBase(name);
      const target = base.size + 4000;
      const spec = {
        ...defaultSpec([{ path: path.join(CORPORA, 'ja-train-wikipedia'), weight: 1 }]),
        base: name,
        target,
        padTo: defaultPadTo(target),
      };
      await build(spec, { out, force: false, verify: false });
      const report = await verifyOnRealText(out);
      const preserved = report.checks.find((c) => c.name === 'base-language-preserved')!;
      expect(Number(/(\d+) texts without Japanese/.exec(preserved.detail)![1])).toBeGreaterThan(30000);
    });
  },
);
