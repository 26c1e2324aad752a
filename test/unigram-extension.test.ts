// Extending SentencePiece Unigram bases (llm-jp v3.1, rinna): base pieces keep ids, types and
// scores; new pieces come after them with EM-estimated scores, each reachable; the build's own
// verify passes (three runtimes agree, text without Japanese encodes as the base); and the rest
// of the pipeline follows the family: store and export, diff, curve, eval, init-embeddings.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelProto } from '../src/spm/modelproto.js';
import { loadSpm } from '../src/spm/runtime.js';
import { llamaCpp } from '../src/verify/llamacpp-runtime.js';
import { initEmbeddings } from '../src/embed/grow.js';
import { startServer } from '../src/serve/server.js';
import { UnigramEncoder } from '../src/unigram/lattice.js';
import { matrix, readSafetensors, writeSafetensors } from './embed/toy-checkpoint.js';
import { PieceType } from '../src/vocab/model.js';
import { CORPORA, HAS_SHARED, SAMPLE, SHARED, cli, corpusLines, tmpDir } from './helpers.js';

const LLM_JP = path.join(SHARED, 'tokenizers', 'llm-jp-tokenizer', 'llm-jp-tokenizer-100k.ver3.1.model');
const RINNA = path.join(SHARED, 'tokenizers', 'rinna-japanese-gpt2', 'google_sp.model');
const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));
if (!HAS_SHARED) console.warn('SKIPPING the Unigram extension tests: ../shared/data is not there');

describe.skipIf(!HAS_SHARED)('extending llm-jp v3.1 (SentencePiece Unigram)', () => {
  const dir = tmpDir();
  const out = path.join(dir, 'out');
  const db = path.join(dir, 'tokext.db');
  const base = () => readModelProto(fs.readFileSync(LLM_JP));
  const target = 98452 + 300;

  it('builds: base pieces, types and scores kept, new pieces scored after them, every check passed', async () => {
    const r = await cli([
      'build',
      '--base',
      LLM_JP,
      '--corpus',
      SAMPLE,
      '--target',
      String(target),
      '--pad-to',
      String(target + 12),
      '--out',
      out,
      '--db',
      db,
      '--label',
      'ja-unigram',
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const m = read(path.join(out, 'manifest.json'));
    expect(m.verify.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    expect(m.verify.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['base-preserved', 'reachable', 'parity', 'base-language-preserved', 'embedding-init']),
    );
    const b = base();
    const built = readModelProto(fs.readFileSync(path.join(out, 'tokenizer.model')));
    expect(built.pieces).toHaveLength(target + 12);
    expect(built.pieces.slice(0, b.pieces.length)).toEqual(b.pieces);
    expect(built.trainerSpec.model_type).toBe(b.trainerSpec.model_type);
    const fresh = built.pieces.slice(b.pieces.length, target);
    expect(fresh.every((p) => p.type === PieceType.NORMAL && p.score < 0)).toBe(true);
    expect(built.pieces.slice(target).map((p) => [p.piece, p.type])).toEqual(
      Array.from({ length: 12 }, (_, i) => [`<|extra_${i}|>`, PieceType.CONTROL]),
    );
    const json = read(path.join(out, 'tokenizer.json'));
    expect(json.model.type).toBe('Unigram');
    expect(json.model.vocab.slice(b.pieces.length, target).map((v: [string, number]) => v[0])).toEqual(
      fresh.map((p) => p.piece),
    );
  });

  it('encodes English as the base does on every line, and Japanese in fewer tokens', async () => {
    const [ext, orig] = await Promise.all([loadSpm(path.join(out, 'tokenizer.model')), loadSpm(LLM_JP)]);
    const en = (await corpusLines(path.join(CORPORA, 'en-tinyshakespeare'))).slice(0, 5000);
    const differ = en.filter((l) => JSON.stringify(ext.encodeIds(l)) !== JSON.stringify(orig.encodeIds(l)));
    expect(differ).toEqual([]);
    const ja = (await corpusLines(path.join(CORPORA, 'ja-eval-jglue'))).slice(0, 2000);
    const count = (t: typeof ext) => ja.reduce((n, l) => n + t.encodeIds(l).length, 0);
    expect(count(ext)).toBeLessThan(count(orig));
  });

  it('is stored and exported as written; diff shows additions only, base scores unchanged', async () => {
    const exp = path.join(dir, 'exported');
    const e = await cli(['export', 'ja-unigram', '--out', exp, '--db', db]);
    expect(e.status, e.stderr).toBe(0);
    for (const f of ['tokenizer.model', 'tokenizer.json', 'embedding-init.json'])
      expect(fs.readFileSync(path.join(exp, f)).equals(fs.readFileSync(path.join(out, f))), f).toBe(true);
    const d = await cli(['diff', LLM_JP, 'ja-unigram', '--db', db, '--json']);
    expect(d.status, d.stderr).toBe(0);
    const diff = JSON.parse(d.stdout);
    expect(diff.added).toHaveLength(300);
    expect(diff.added_padding).toHaveLength(12);
    expect(diff.removed).toEqual([]);
    expect(diff.renumbered).toEqual([]);
    expect(diff.changed).toEqual([]);
  });

  it('has a size curve whose last point is what eval measures', async () => {
    const c = await cli(['curve', 'ja-unigram', '--db', db, '--corpus', SAMPLE, '--points', '3', '--json']);
    expect(c.status, c.stderr).toBe(0);
    const points = JSON.parse(c.stdout) as { size: number; chars_per_token: number }[];
    expect(points.map((p) => p.size)).toEqual(expect.arrayContaining([98452, target]));
    const ev = await cli(['eval', '--tokenizer', out, '--tokenizer', LLM_JP, '--corpus', SAMPLE, '--json']);
    expect(ev.status, ev.stderr).toBe(0);
    const rows = JSON.parse(ev.stdout) as { chars_per_token: number }[];
    expect(points.find((p) => p.size === target)!.chars_per_token).toBe(rows[0]!.chars_per_token);
    expect(points.find((p) => p.size === 98452)!.chars_per_token).toBe(rows[1]!.chars_per_token);
    expect(rows[0]!.chars_per_token).toBeGreaterThan(rows[1]!.chars_per_token);
  });

  it('writes a "t5" GGUF (llama.cpp\'s Viterbi tokenizer) that llama.cpp agrees with, bytes aside', async () => {
    const file = path.join(dir, 'vocab.gguf');
    const g = await cli(['gguf', out, '--out', file, '--architecture', 'llama']);
    expect(g.status, g.stderr).toBe(0);
    expect(g.stdout).toMatch(/tokenizer\.ggml\.model t5/);
    const rt = await llamaCpp();
    if ('skipped' in rt) return console.warn(`SKIPPING llama.cpp on a Unigram GGUF: ${rt.skipped}`);
    const v = await cli(['verify', out, '--base', LLM_JP, '--json']);
    expect(v.status, v.stderr).toBe(0);
    const checks = JSON.parse(v.stdout).checks as { name: string; ok: boolean }[];
    expect(checks.find((c) => c.name === 'llama-cpp')?.ok).toBe(true);
    const vocab = await rt.llama.loadModel({ modelPath: file, vocabOnly: true });
    const spm = await loadSpm(path.join(out, 'tokenizer.model'));
    const bytes = new Set(
      readModelProto(fs.readFileSync(path.join(out, 'tokenizer.model'))).pieces.flatMap((p, id) =>
        p.type === PieceType.BYTE ? [id] : [],
      ),
    );
    const ja = (await corpusLines(path.join(CORPORA, 'ja-eval-jglue'))).slice(0, 3000);
    const differ = ja.filter((l) => {
      const want = spm.encodeIds(l);
      return (
        !want.some((id) => bytes.has(id)) && JSON.stringify([...vocab.tokenize(l, false)]) !== JSON.stringify(want)
      );
    });
    await vocab.dispose();
    expect(differ).toEqual([]);
  });

  it('grows a checkpoint: base rows bit for bit, each new row the mean of its base Viterbi decomposition', async () => {
    const model = path.join(dir, 'ckpt');
    fs.mkdirSync(model);
    const cols = 4;
    const m = matrix('F32', 98452, cols, 7);
    writeSafetensors(path.join(model, 'model.safetensors'), [
      { name: 'model.embed_tokens.weight', dtype: 'F32', rows: 98452, cols, data: m.data },
    ]);
    fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify({ vocab_size: 98452, tie_word_embeddings: true }));
    const grown = path.join(dir, 'grown');
    const r = await initEmbeddings({
      model,
      init: path.join(out, 'embedding-init.json'),
      out: grown,
      rule: 'mean',
      embedName: 'model.embed_tokens.weight',
      headName: 'lm_head.weight',
      seed: 0,
      force: false,
    });
    expect(r.padTo).toBe(target + 12);
    const t = readSafetensors(path.join(grown, 'model.safetensors')).get('model.embed_tokens.weight')!;
    expect(t.shape).toEqual([target + 12, cols]);
    expect(t.data.subarray(0, m.data.length).equals(m.data)).toBe(true);
    const rows = read(path.join(out, 'embedding-init.json')).rows as { id: number; from: number[] }[];
    const enc = new UnigramEncoder(base().pieces);
    const built = readModelProto(fs.readFileSync(path.join(out, 'tokenizer.model'))).pieces;
    for (const row of rows.slice(0, 50)) {
      const piece = built[row.id]!.piece;
      expect(row.from).toEqual(enc.encode(piece));
      for (let c = 0; c < cols; c++) {
        const mean = row.from.reduce((a, f) => a + m.values[f]![c]!, 0) / row.from.length;
        expect(t.data.readFloatLE((row.id * cols + c) * 4)).toBe(Math.fround(mean));
      }
    }
  });

  it("the workbench decomposes each new piece by the base's Viterbi", async () => {
    const server = await startServer({ db, dirs: [], port: 0 });
    try {
      const r = (await (await fetch(new URL('/api/version?ref=ja-unigram&limit=40', server.url))).json()) as {
        pieces: { rows: { piece: string; decomposition: string[] }[] };
      };
      const enc = new UnigramEncoder(base().pieces);
      const pieces = base().pieces;
      expect(r.pieces.rows).toHaveLength(40);
      for (const row of r.pieces.rows)
        expect(row.decomposition).toEqual(enc.encode(row.piece).map((id) => pieces[id]!.piece));
    } finally {
      await server.close();
    }
  });

  it('refuses what only BPE bases do, saying why', async () => {
    for (const flag of [
      ['--replace', '100'],
      ['--prune', '0.1'],
    ]) {
      const r = await cli([
        'build',
        '--base',
        LLM_JP,
        '--corpus',
        SAMPLE,
        '--out',
        path.join(dir, 'x'),
        '--no-db',
        ...flag,
      ]);
      expect(r.status, flag[0]).not.toBe(0);
      expect(r.stderr).toMatch(/Unigram/);
    }
  });
});

describe.skipIf(!HAS_SHARED)('extending rinna japanese-gpt2 (Unigram, NFKC, no byte fallback)', () => {
  it('builds and passes every check', async () => {
    const out = path.join(tmpDir(), 'rinna');
    const r = await cli([
      'build',
      '--base',
      RINNA,
      '--corpus',
      SAMPLE,
      '--target',
      '32200',
      '--out',
      out,
      '--no-db',
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const m = read(path.join(out, 'manifest.json'));
    expect(m.verify.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    expect(m.vocab.size).toBe(32200);
  });
});
