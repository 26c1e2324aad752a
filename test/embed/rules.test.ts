// init-embeddings' rules beyond the plain mean: hewitt's noise scale (a factor on the base rows'
// variance) and norm-mean (the decomposition's mean rescaled to the median norm of its script's rows).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initEmbeddings, type InitEmbeddingsOptions } from '../../src/embed/grow.js';
import { NO_SCRIPT, median, pieceText, textScript } from '../../src/embed/norm-mean.js';
import { SCRIPTS } from '../../src/corpus/unicode.js';
import { InputError, UsageError } from '../../src/errors.js';
import { bytesToToken } from '../../src/vocab/bytelevel.js';
import { cli, tmpDir } from '../helpers.js';
import { matrix, readSafetensors, writeSafetensors } from './toy-checkpoint.js';
import { writeToyInit } from './toy-init.js';

const EMBED = 'model.embed_tokens.weight';

/** A tied F32 checkpoint of `values` rows in a fresh directory. */
function tiedCheckpoint(values: number[][]) {
  const dir = tmpDir();
  const model = path.join(dir, 'model');
  fs.mkdirSync(model);
  const cols = values[0]!.length;
  const data = Buffer.alloc(values.length * cols * 4);
  values.flat().forEach((x, i) => data.writeFloatLE(x, i * 4));
  writeSafetensors(path.join(model, 'model.safetensors'), [
    { name: EMBED, dtype: 'F32', rows: values.length, cols, data },
  ]);
  const config = { vocab_size: values.length, tie_word_embeddings: true };
  fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify(config));
  return { dir, model };
}

/** The F32 rows `from`..`to` (exclusive) of the output's embeddings. */
function rowsOf(out: string, from: number, to: number, cols: number): number[][] {
  const data = readSafetensors(path.join(out, 'model.safetensors')).get(EMBED)!.data;
  const rows: number[][] = [];
  for (let r = from; r < to; r++) rows.push([...Array(cols).keys()].map((c) => data.readFloatLE((r * cols + c) * 4)));
  return rows;
}

describe('hewitt: the noise scale is a factor on the variance', () => {
  const BASE = 40;
  const COLS = 6;
  const setup = () => {
    const values = matrix('F32', BASE, COLS, 4).values;
    const c = tiedCheckpoint(values);
    const init = writeToyInit(c.dir, BASE).file;
    const mu = [...Array(COLS).keys()].map((col) => values.reduce((s, v) => s + v[col]!, 0) / BASE);
    const sd = mu.map((m, col) => Math.sqrt(values.reduce((s, v) => s + (v[col]! - m) ** 2, 0) / BASE));
    const run = async (out: string, extra: Partial<InitEmbeddingsOptions>) => {
      await initEmbeddings({ model: c.model, init, out: path.join(c.dir, out), rule: 'hewitt', seed: 3, ...extra });
      return rowsOf(path.join(c.dir, out), BASE, BASE + 4, COLS); // the 4 pieces (padding aside)
    };
    return { c, mu, sd, run };
  };

  it('0 gives the base mean in every new row; 1/4 gives half the deviation of 1 (same seed)', async () => {
    const { mu, run } = setup();
    for (const row of await run('zero', { noiseScale: 0 })) expect(row).toEqual(mu.map((m) => Math.fround(m)));
    const full = await run('full', { noiseScale: 1 });
    const quarter = await run('quarter', { noiseScale: 0.25 });
    full.forEach((row, r) =>
      row.forEach((x, col) => {
        const m = Math.fround(mu[col]!);
        expect(x).not.toBe(m);
        expect(Math.abs(quarter[r]![col]! - m - (x - m) / 2)).toBeLessThan(1e-6);
      }),
    );
  });

  it("the default is 1e-5 (Hewitt's code): near the mean, not on it, recorded in the manifest", async () => {
    const { c, mu, sd, run } = setup();
    const dflt = await run('default', {});
    expect(dflt).toEqual(await run('explicit', { noiseScale: 1e-5 }));
    dflt.forEach((row) =>
      row.forEach((x, col) => {
        expect(Math.abs(x - mu[col]!)).toBeLessThan(6 * Math.sqrt(1e-5) * sd[col]! + 1e-6);
      }),
    );
    expect(dflt.flat().some((x, i) => x !== Math.fround(mu[i % COLS]!))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(c.dir, 'default', 'manifest.json'), 'utf8'));
    expect(manifest.noise_scale).toBe(1e-5);
  });

  it('out of [0, 1] is a UsageError naming --noise-scale; the CLI exits 2', async () => {
    const { c } = setup();
    const init = path.join(c.dir, 'embedding-init.json');
    const opts = { model: c.model, init, out: path.join(c.dir, 'o') };
    await expect(initEmbeddings({ ...opts, noiseScale: 2 })).rejects.toThrow(UsageError);
    await expect(initEmbeddings({ ...opts, noiseScale: -1 })).rejects.toThrow(/noiseScale \(--noise-scale\)/);
    const r = await cli([
      'init-embeddings',
      '--model',
      c.model,
      '--init',
      init,
      '--out',
      opts.out,
      '--noise-scale',
      '3',
    ]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--noise-scale/);
  });
});

describe('norm-mean: the mean rescaled to the median norm of the base rows of its script', () => {
  // Base rows (2 columns): 0 <s> (a special token) and 1 a byte piece count in no script; Hiragana norms 10, 2, 4
  // (median 4); Latin 50, 10 (median 30); other (、) 1; all rows with a script: 1 2 4 10 10 50 (median 7).
  const base: [string, number[]][] = [
    ['<s>', [100, 0]],
    ['', [50, 0]], // the byte piece: <0xE3>, or the byte-level token of the lone byte E3
    ['あ', [6, 8]],
    ['い', [0, 2]],
    ['う', [0, -4]],
    ['▁the', [30, 40]],
    ['x', [0, 10]],
    ['、', [1, 0]],
  ];
  const fresh: [string, number[], number[]][] = [
    ['ああ', [2, 2], [2.4, 3.2]], // mean (6, 8), norm 10 → Hiragana's 4
    ['▁the▁the', [5, 5], [18, 24]], // mean (30, 40), norm 50 → Latin's 30
    ['、、', [7], [1, 0]], // other's 1: unchanged
    ['ア', [3], [0, 7]], // no Katakana row: the median of all, 7
  ];
  const write = (dir: string, byteLevel: boolean) => {
    const form = (p: string) => (byteLevel ? bytesToToken(Buffer.from(p.replaceAll('▁', ' '))) : p);
    const vocab: Record<string, number> = {};
    base.forEach(
      ([p], id) => (vocab[id === 1 ? (byteLevel ? bytesToToken(Buffer.from([0xe3])) : '<0xE3>') : form(p)] = id),
    );
    fresh.forEach(([p], k) => (vocab[form(p)] = base.length + k));
    const pre = byteLevel ? { type: 'ByteLevel' } : { type: 'Metaspace', replacement: '▁' };
    const added = [{ id: 0, content: '<s>', special: true }];
    const tok = { model: { type: 'BPE', vocab, merges: [] }, pre_tokenizer: pre, added_tokens: added };
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tok));
    const rows = fresh.map(([p, from], k) => ({ id: base.length + k, piece: form(p), init: 'mean', from }));
    rows.push({ id: base.length + fresh.length, piece: '<pad>', init: 'zero', from: [] });
    const n = base.length;
    const init = { base: { name: 'toy', vocab_size: n }, vocab_size: n + 4, padded_vocab_size: n + 5, rows };
    fs.writeFileSync(path.join(dir, 'embedding-init.json'), JSON.stringify(init));
    return path.join(dir, 'embedding-init.json');
  };

  for (const byteLevel of [false, true])
    it(`${byteLevel ? 'byte-level' : 'SentencePiece'} pieces: worked values, padding as before`, async () => {
      const c = tiedCheckpoint(base.map(([, v]) => v));
      const init = write(c.dir, byteLevel);
      const out = path.join(c.dir, 'out');
      await initEmbeddings({ model: c.model, init, out, rule: 'norm-mean' });
      const got = rowsOf(out, base.length, base.length + 5, 2);
      expect(got.slice(0, 4)).toEqual(fresh.map(([, , want]) => want.map((x) => Math.fround(x))));
      expect(got[4]).toEqual([Math.fround(187 / 8), 7]); // padding (tied): the base mean
      const mean = await initEmbeddings({ model: c.model, init, out: path.join(c.dir, 'mean'), rule: 'mean' });
      expect(mean.padTo).toBe(13);
      expect(rowsOf(path.join(c.dir, 'mean'), 8, 9, 2)).toEqual([[6, 8]]); // the plain mean, not rescaled
    });

  it('following a trim map: base pieces found at their new ids, removed rows in no median', async () => {
    const c = tiedCheckpoint(base.map(([, v]) => v));
    // old 6 ('x', Latin, norm 10) removed: old 7 becomes 6, the new pieces 7 to 10, padding 11
    const old_to_new = [0, 1, 2, 3, 4, 5, -1, 6];
    const new_to_old = [0, 1, 2, 3, 4, 5, 7, -1, -1, -1, -1, -1];
    const source = [...Array(7).fill('kept'), 'new', 'new', 'new', 'new', 'padding'];
    const removed = [{ id: 6, piece: 'x' }];
    const map = { format: 'tokext.id-map/1', mode: 'trim', base: { name: 'toy', vocab_size: 8 } };
    Object.assign(map, { vocab_size: 11, padded_vocab_size: 12, old_to_new, new_to_old, source, removed });
    fs.writeFileSync(path.join(c.dir, 'id-map.json'), JSON.stringify(map));
    const vocab: Record<string, number> = { '<s>': 0, '<0xE3>': 1, あ: 2, い: 3, う: 4, '▁the': 5, '、': 6 };
    fresh.forEach(([p], k) => (vocab[p] = 7 + k));
    const added = [{ id: 0, content: '<s>', special: true }];
    fs.writeFileSync(path.join(c.dir, 'tokenizer.json'), JSON.stringify({ model: { vocab }, added_tokens: added }));
    const rows = fresh.map(([p, from], k) => ({ id: 7 + k, piece: p, init: 'mean', from }));
    rows.push({ id: 11, piece: '<pad>', init: 'zero', from: [] });
    const init = path.join(c.dir, 'embedding-init.json');
    const file = { base: { name: 'toy', vocab_size: 8 }, vocab_size: 11, padded_vocab_size: 12, id_map: 'id-map.json' };
    fs.writeFileSync(init, JSON.stringify({ ...file, rows }));
    const out = path.join(c.dir, 'out');
    const r = await initEmbeddings({ model: c.model, init, out, rule: 'norm-mean' });
    expect(r.padTo).toBe(12);
    // Hiragana still 4; Latin now 50 alone (▁the▁the unchanged); other 1; all: 1 2 4 10 50, median 4
    expect(rowsOf(out, 6, 11, 2)).toEqual([[1, 0], [2.4, 3.2].map(Math.fround), [30, 40], [1, 0], [0, 4]]);
  });

  it("without the extension's tokenizer.json: an InputError naming it", async () => {
    const c = tiedCheckpoint(base.map(([, v]) => v));
    const init = write(c.dir, false);
    fs.rmSync(path.join(c.dir, 'tokenizer.json'));
    const e: unknown = await initEmbeddings({
      model: c.model,
      init,
      out: path.join(c.dir, 'o'),
      rule: 'norm-mean',
    }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).file).toBe(path.join(c.dir, 'tokenizer.json'));
  });

  it('the script of a piece: its first letter or digit; byte pieces and broken bytes have none', () => {
    const of = (p: string, bl = false) => textScript(pieceText(p, bl));
    expect(SCRIPTS[of('▁Tokyo')]).toBe('Latin');
    expect(SCRIPTS[of('「です')]).toBe('Hiragana');
    expect(SCRIPTS[of('カタ')]).toBe('Katakana');
    expect(SCRIPTS[of('東京')]).toBe('Han');
    expect(SCRIPTS[of('2026')]).toBe('digits');
    expect(SCRIPTS[of('。」')]).toBe('other');
    expect(of('<0xE3>')).toBe(NO_SCRIPT);
    expect(SCRIPTS[of(bytesToToken(Buffer.from(' 東京')), true)]).toBe('Han');
    expect(of(bytesToToken(Buffer.from([0xe6, 0x9d])), true)).toBe(NO_SCRIPT); // two bytes of 東
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, NaN]);
  });
});
