import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/stages/build.js';
import { defaultSpec } from '../src/spec.js';
import { verifyDir } from '../src/family/verify.js';
import { sha256File } from '../src/io/atomic.js';
import { ARTEFACTS } from '../src/io/manifest-format.js';
import { ModelType, readModelProto, writeModelProto } from '../src/spm/modelproto.js';
import { HAS_SHARED, ROOT, SHARED, tmpDir } from './helpers.js';

const SAMPLE = path.join(ROOT, 'corpora', 'sample');
const spec = (target: number, padTo: number) => ({ ...defaultSpec([{ path: SAMPLE, weight: 1 }]), target, padTo });
const ALL = [...ARTEFACTS, 'manifest.json', 'README.md'];

describe('build on the bundled sample corpus', () => {
  const dir = tmpDir();
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');

  it('writes every artefact, passes verify, and is byte-identical run to run', async () => {
    const r = await build(spec(32600, 32640), { out: a, force: false });
    expect(r.verify?.ok).toBe(true);
    for (const f of ALL) expect(fs.existsSync(path.join(a, f)), f).toBe(true);
    await build(spec(32600, 32640), { out: b, force: false });
    for (const f of ALL) expect(sha256File(path.join(a, f)), f).toBe(sha256File(path.join(b, f)));
    const manifest = JSON.parse(fs.readFileSync(path.join(a, 'manifest.json'), 'utf8'));
    expect(manifest.vocab).toMatchObject({ size: 32600, padded_size: 32640 });
    expect(manifest.spec.policy).toBe('japanese-only');
    const corpusFile = path.join(SAMPLE, 'sample.txt');
    const bytes = fs.readFileSync(corpusFile);
    expect(manifest.inputs).toEqual([
      {
        path: corpusFile,
        bytes: bytes.length,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        weight: 1,
      },
    ]);
    const init = JSON.parse(fs.readFileSync(path.join(a, 'embedding-init.json'), 'utf8'));
    expect(init.rows.length).toBe(640);
    expect(init.rows.at(-1)).toEqual({ id: 32639, piece: '<|extra_39|>', init: 'zero', from: [] });
    const cfg = JSON.parse(fs.readFileSync(path.join(a, 'tokenizer_config.json'), 'utf8'));
    expect(cfg.added_tokens_decoder['32600'].content).toBe('<|extra_0|>');
  });

  it('writes a README.md from the manifest: base, sizes, what verify checked, how to load it', () => {
    const readme = fs.readFileSync(path.join(a, 'README.md'), 'utf8');
    const manifest = JSON.parse(fs.readFileSync(path.join(a, 'manifest.json'), 'utf8'));
    expect(readme).toContain('`mistral-7b-v0.1` (32,000 ids)');
    expect(readme).toContain('32,600 ids (600 new), padded to 32,640');
    for (const c of manifest.verify.checks) expect(readme).toContain(`- ok ${c.name}: ${c.detail}`);
    expect(readme).toContain(`${manifest.verify.efficiency.chars_per_token} characters per token`);
    expect(readme).toMatch(/AutoTokenizer\.from_pretrained/);
    expect(readme).toMatch(/tokenizer\.model/);
  });

  it.skipIf(!HAS_SHARED)('writes the real Mistral configs, changed only where loading the extension needs it', () => {
    const real = (f: string) => JSON.parse(fs.readFileSync(path.join(SHARED, 'mistral-7b-v0.1', f), 'utf8'));
    const ours = (f: string) => JSON.parse(fs.readFileSync(path.join(a, f), 'utf8'));
    const pads = Array.from({ length: 40 }, (_, i) => `<|extra_${i}|>`);
    const cfg = ours('tokenizer_config.json');
    const base = real('tokenizer_config.json');
    // transformers 4 and 5 load tokenizer.json as it is (no LlamaTokenizer rebuild, no regex "fix")
    expect(cfg.tokenizer_class).toBe('PreTrainedTokenizerFast');
    expect(cfg.fix_mistral_regex).toBe(false);
    expect(cfg).not.toHaveProperty('add_prefix_space');
    expect(cfg.additional_special_tokens).toEqual(pads);
    for (const [id, t] of Object.entries(base.added_tokens_decoder)) expect(cfg.added_tokens_decoder[id]).toEqual(t);
    pads.forEach((p, i) =>
      expect(cfg.added_tokens_decoder[String(32600 + i)]).toEqual({ ...base.added_tokens_decoder['1'], content: p }),
    );
    const rest = (o: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(o).filter(
          ([k]) =>
            !['tokenizer_class', 'fix_mistral_regex', 'added_tokens_decoder', 'additional_special_tokens'].includes(k),
        ),
      );
    expect(rest(cfg)).toEqual(rest(base));
    const map = ours('special_tokens_map.json');
    expect({ ...map, additional_special_tokens: undefined }).toEqual({
      ...real('special_tokens_map.json'),
      additional_special_tokens: undefined,
    });
    expect(map.additional_special_tokens).toEqual(
      pads.map((content) => ({ ...real('special_tokens_map.json').bos_token, content })),
    );
  });

  it('refuses an existing output directory unless --force, and keeps it intact', async () => {
    const before = sha256File(path.join(a, 'tokenizer.json'));
    await expect(build(spec(32600, 32640), { out: a, force: false })).rejects.toThrow(/output directory exists/);
    expect(sha256File(path.join(a, 'tokenizer.json'))).toBe(before);
  });

  it('stops with a clear error when the corpus cannot supply the target, leaving nothing', async () => {
    const out = path.join(dir, 'toolarge');
    await expect(build(spec(200000, 200064), { out, force: false })).rejects.toThrow(
      /the corpus supplied \d+ usable new pieces but --target 200000 needs 168000/,
    );
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('rejects --target not above the base and --pad-to below --target', async () => {
    await expect(build(spec(32000, 32064), { out: path.join(dir, 'x'), force: false })).rejects.toThrow(
      /--target 32000 must be an integer above the base size 32000/,
    );
    await expect(build(spec(33000, 32999), { out: path.join(dir, 'x'), force: false })).rejects.toThrow(
      /spec.padTo \(32999\) is below the target \(33000\)/,
    );
  });

  it('leaves no partial output when interrupted', async () => {
    const ctl = new AbortController();
    const out = path.join(dir, 'interrupted');
    const p = build(spec(32600, 32640), { out, force: false, signal: ctl.signal, onProgress: () => ctl.abort() });
    await expect(p).rejects.toThrow(/interrupted/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it.skipIf(!HAS_SHARED)('rejects a SentencePiece base that is neither BPE nor Unigram', async () => {
    const rinna = path.join(SHARED, 'tokenizers', 'rinna-japanese-gpt2', 'google_sp.model');
    const m = readModelProto(fs.readFileSync(rinna));
    const word = path.join(dir, 'word.model');
    fs.writeFileSync(
      word,
      writeModelProto({ ...m, trainerSpec: { ...m.trainerSpec, model_type: ModelType.WORD }, paddingIds: [] }),
    );
    await expect(
      build({ ...spec(32600, 32640), base: word }, { out: path.join(dir, 'y'), force: false }),
    ).rejects.toThrow(/must be a SentencePiece BPE or Unigram model, this one is WORD/);
  });

  it('verify fails with a readable report when an invariant is broken', async () => {
    const c = path.join(dir, 'broken');
    fs.cpSync(a, c, { recursive: true });
    const init = JSON.parse(fs.readFileSync(path.join(c, 'embedding-init.json'), 'utf8'));
    init.rows[0].from = [1, ...init.rows[0].from];
    fs.writeFileSync(path.join(c, 'embedding-init.json'), JSON.stringify(init));
    const report = await verifyDir(c);
    expect(report.ok).toBe(false);
    expect(report.text).toMatch(/FAIL embedding-init/);
    expect(report.text).toMatch(/FAIL artefact-hashes/);
  });
});
