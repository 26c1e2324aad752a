// Extending HF BPE bases (Llama 3, Qwen3, Gemma 3): the same guarantees as for Mistral, everything
// but vocabulary, merges and added tokens carried over as data, and the whole downstream (store,
// diff, export, eval, init-embeddings) working on the output.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from 'tokenizers';
import { HfFamily } from '../src/family/hf.js';
import { loadBase } from '../src/family/load.js';
import { sha256File } from '../src/io/atomic.js';
import { HF_ARTEFACTS } from '../src/io/manifest-format.js';
import { verifyDir } from '../src/family/verify.js';
import { initEmbeddings } from '../src/embed/grow.js';
import { CORPORA, HAS_SHARED, SAMPLE, cli, sampleBuild, sampleBuildChecks, tmpDir } from './helpers.js';

const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));
const without = (o: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

describe.each(['qwen3', 'llama-3', 'gemma-3'] as const)('extending %s', (name) => {
  let out = '';
  let base: HfFamily;

  it('builds, passes every verify check, and carries the base over as data', () => {
    base = loadBase(name) as HfFamily;
    out = sampleBuild(name); // the shared sample build: 300 new ids, default padding
    const target = base.hf.size + 300;
    const checks = sampleBuildChecks(name); // the build's own verify, as its manifest records it
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'base-preserved',
        'reachable',
        'parity',
        'base-language-preserved',
        'added-tokens',
        'embedding-init',
      ]),
    );
    expect(fs.existsSync(path.join(out, 'tokenizer.model'))).toBe(false);
    const json = read(path.join(out, 'tokenizer.json'));
    const b = base.hf.json as unknown as Record<string, unknown>;
    for (const k of ['normalizer', 'pre_tokenizer', 'post_processor', 'decoder', 'truncation', 'padding', 'version'])
      expect(json[k], k).toEqual(b[k]);
    expect(without(json.model, 'vocab', 'merges')).toEqual(
      without(b.model as Record<string, unknown>, 'vocab', 'merges'),
    );
    expect(json.added_tokens.slice(0, base.hf.json.added_tokens.length)).toEqual(base.hf.json.added_tokens);
    const pads = json.added_tokens.slice(base.hf.json.added_tokens.length);
    expect(pads.map((t: { id: number }) => t.id)).toEqual(Array.from({ length: pads.length }, (_, i) => target + i));
    expect(json.model.merges.slice(0, base.hf.merges.length)).toEqual((b.model as { merges: unknown[] }).merges);
    // every existing token keeps its id; new ones start after the highest, added tokens included
    const vocab = json.model.vocab as Record<string, number>;
    for (const [t, id] of Object.entries((b.model as { vocab: Record<string, number> }).vocab))
      if (vocab[t] !== id) throw new Error(`${t} moved from ${id} to ${vocab[t]}`);
    const old = new Set([
      ...Object.values((b.model as { vocab: Record<string, number> }).vocab),
      ...base.hf.json.added_tokens.map((t) => t.id),
    ]);
    expect(Math.min(...Object.values(vocab).filter((id) => !old.has(id)))).toBe(base.hf.size);
    const cfg = read(path.join(out, 'tokenizer_config.json'));
    const bcfg = base.config!;
    expect(without(cfg, 'added_tokens_decoder', 'additional_special_tokens')).toEqual(
      without(bcfg, 'added_tokens_decoder', 'additional_special_tokens'),
    );
    for (const [id, t] of Object.entries(bcfg.added_tokens_decoder as Record<string, unknown>))
      expect(cfg.added_tokens_decoder[id]).toEqual(t);
    if (bcfg.chat_template !== undefined) expect(cfg.chat_template).toBe(bcfg.chat_template);
  });

  it.skipIf(!HAS_SHARED)('encodes English exactly as the base, and Japanese in fewer tokens', async () => {
    const ext = Tokenizer.fromFile(path.join(out, 'tokenizer.json'));
    const orig = Tokenizer.fromString(JSON.stringify(base.hf.json));
    const en = fs
      .readFileSync(path.join(CORPORA, 'en-tinyshakespeare', 'tinyshakespeare.txt'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .slice(0, 3000);
    const ids = async (t: Tokenizer, ls: string[]) =>
      (await t.encodeBatch(ls, { addSpecialTokens: false })).map((e) => e.getIds());
    expect(await ids(ext, en)).toEqual(await ids(orig, en));
    const ja = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').split('\n').filter(Boolean).slice(0, 500);
    const count = (x: number[][]) => x.reduce((s, a) => s + a.length, 0);
    expect(count(await ids(ext, ja))).toBeLessThan(count(await ids(orig, ja)));
  });
});

describe('downstream on an HF extension (Qwen3)', () => {
  const dir = tmpDir();
  const out = path.join(dir, 'q');
  const db = path.join(dir, 'v.db');

  it('records, lists, diffs against the base, exports byte-identically, and evaluates', async () => {
    const b = await cli([
      'build',
      '--base',
      'qwen3',
      '--corpus',
      SAMPLE,
      '--target',
      '151969',
      '--db',
      db,
      '--label',
      'q300',
      '--out',
      out,
      '--progress',
      'none',
    ]);
    expect(b.status, b.stderr).toBe(0);
    expect((await cli(['versions', '--db', db])).stdout).toMatch(/q300\tbuild\tBPE\t151969\t152000/);
    const d = JSON.parse((await cli(['diff', 'qwen3', 'q300', '--db', db, '--json'])).stdout);
    expect(d.added.length).toBe(300);
    expect(d.added_padding.length).toBe(31);
    expect(d.removed).toEqual([]);
    expect(d.renumbered).toEqual([]);
    expect(d.merges).toMatchObject({ kept: 151387, reordered: 0, removed: 0, added: 300 });
    const e = path.join(dir, 'exported');
    expect((await cli(['export', 'q300', '--db', db, '--out', e])).status).toBe(0);
    for (const f of [...HF_ARTEFACTS, 'manifest.json', 'README.md'])
      expect(sha256File(path.join(e, f)), f).toBe(sha256File(path.join(out, f)));
    const tokenizers = ['--tokenizer', out, '--tokenizer', 'q300', '--tokenizer', 'qwen3'];
    const evaluated = await cli([
      'eval',
      ...tokenizers,
      '--corpus',
      SAMPLE,
      '--db',
      db,
      '--json',
      '--progress',
      'none',
    ]);
    const ev = JSON.parse(evaluated.stdout);
    expect(ev[0].chars_per_token).toBe(ev[1].chars_per_token);
    expect(ev[0].chars_per_token).toBeGreaterThan(ev[2].chars_per_token);
    expect(ev[0].roundtrip_exact).toBe(100);
  });

  it('verify names a tokenizer.json whose added tokens moved', async () => {
    const broken = path.join(dir, 'broken');
    fs.cpSync(out, broken, { recursive: true });
    const j = read(path.join(broken, 'tokenizer.json'));
    for (const t of j.added_tokens.slice(0, 26)) delete j.model.vocab[t.content]; // as a naive writer would leave them
    fs.writeFileSync(path.join(broken, 'tokenizer.json'), JSON.stringify(j));
    const report = await verifyDir(broken);
    expect(report.ok).toBe(false);
    expect(report.text).toMatch(/FAIL added-tokens/);
  });

  it.each([
    ['untied', false],
    ['tied', true],
  ] as const)('init-embeddings grows a %s Qwen3-shaped checkpoint with more rows than ids', async (_n, tied) => {
    const model = path.join(dir, `model-${_n}`);
    fs.mkdirSync(model);
    const rows = 151936; // as Qwen3's released checkpoints
    const cols = 4;
    const mat = (seed: number) => {
      const b = Buffer.alloc(rows * cols * 4);
      for (let i = 0; i < rows * cols; i++) b.writeFloatLE(((i * seed) % 97) / 8, 4 * i);
      return b;
    };
    const tensors: [string, Buffer][] = [
      ['model.embed_tokens.weight', mat(3)],
      ...(tied ? [] : [['lm_head.weight', mat(5)] as [string, Buffer]]),
    ];
    const header: Record<string, unknown> = {};
    let at = 0;
    for (const [name, data] of tensors) {
      header[name] = { dtype: 'F32', shape: [rows, cols], data_offsets: [at, at + data.length] };
      at += data.length;
    }
    const h = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(h.length));
    fs.writeFileSync(path.join(model, 'model.safetensors'), Buffer.concat([len, h, ...tensors.map(([, d]) => d)]));
    fs.writeFileSync(
      path.join(model, 'config.json'),
      JSON.stringify({ model_type: 'qwen3', vocab_size: rows, tie_word_embeddings: tied }),
    );
    const r = await initEmbeddings({
      model,
      init: path.join(out, 'embedding-init.json'),
      out: path.join(dir, `grown-${_n}`),
      rule: 'mean',
      embedName: 'model.embed_tokens.weight',
      headName: 'lm_head.weight',
      seed: 0,
      force: false,
    });
    expect(r.checkpointRows).toBe(rows);
    expect(r.padTo).toBe(152000); // the larger of the tokenizer's 152,000 ids and the checkpoint's rows
    expect(r.resized).toEqual(tied ? ['model.embed_tokens.weight'] : ['model.embed_tokens.weight', 'lm_head.weight']);
    const grown = fs.readFileSync(path.join(dir, `grown-${_n}`, 'model.safetensors'));
    const n = Number(grown.readBigUInt64LE(0));
    const hdr = JSON.parse(grown.subarray(8, 8 + n).toString());
    expect(hdr['model.embed_tokens.weight'].shape).toEqual([152000, cols]);
    const start = 8 + n + hdr['model.embed_tokens.weight'].data_offsets[0];
    const orig = mat(3);
    expect(grown.subarray(start, start + 151669 * cols * 4).equals(orig.subarray(0, 151669 * cols * 4))).toBe(true); // base rows bit for bit
    expect(read(path.join(dir, `grown-${_n}`, 'config.json')).vocab_size).toBe(152000);
  });
});

describe('bases tokext cannot extend are refused before any work', () => {
  const dir = tmpDir();
  const qwen = loadBase('qwen3') as HfFamily;
  const write = (name: string, edit: (j: Record<string, any>) => void) => {
    const j = JSON.parse(
      JSON.stringify({
        ...qwen.hf.json,
        model: { ...qwen.hf.json.model, vocab: { a: 0, b: 1, ab: 2 }, merges: ['a b'] },
      }),
    );
    edit(j);
    const f = path.join(dir, `${name}.json`);
    fs.writeFileSync(f, JSON.stringify(j));
    return f;
  };
  it.each([
    [
      'unigram',
      (j: Record<string, any>) => {
        j.model = { type: 'Unigram', vocab: [['a', 0]] };
      },
      /a Unigram tokenizer\.json: tokext extends a Unigram model from its tokenizer\.model/,
    ],
    [
      'wordpiece',
      (j: Record<string, any>) => {
        j.model = { type: 'WordPiece', vocab: { a: 0 } };
      },
      /not a BPE tokenizer\.json \(model\.type is WordPiece\)/,
    ],
    [
      'bert-normalizer',
      (j: Record<string, any>) => {
        j.normalizer = { type: 'BertNormalizer' };
      },
      /its normalizer is not one tokext implements \(normalizer BertNormalizer\)/,
    ],
    [
      'digits',
      (j: Record<string, any>) => {
        j.pre_tokenizer = { type: 'Digits', individual_digits: true };
      },
      /its pre-tokenizer is not one tokext implements \(pre-tokenizer Digits\)/,
    ],
    [
      'disagree',
      (j: Record<string, any>) => {
        j.model.merges = ['a c'];
      },
      /merges and vocabulary disagree: merge "a c"/,
    ],
  ])('%s', async (name, edit, msg) => {
    const f = write(name, edit);
    const out = path.join(dir, `out-${name}`);
    const r = await cli([
      'build',
      '--no-db',
      '--base',
      f,
      '--corpus',
      SAMPLE,
      '--target',
      '200000',
      '--out',
      out,
      '--progress',
      'json',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/"stage"/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
