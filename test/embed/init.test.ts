import fs from 'node:fs';
import { writeToyInit } from './toy-init.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initEmbeddings } from '../../src/embed/grow.js';
import { bf16ToF32, f16ToF32, f32ToBf16, f32ToF16 } from '../../src/embed/dtype.js';
import { tmpDir } from '../helpers.js';
import { W, decode, matrix, readSafetensors, roundTo, writeSafetensors, type T } from './toy-checkpoint.js';

const BASE = 40;
const COLS = 6;
function initFile(dir: string, base = BASE) {
  const init = writeToyInit(dir, base);
  fs.writeFileSync(path.join(dir, 'tokenizer.json'), '{"toy": true}');
  return init;
}

describe('init-embeddings on synthetic checkpoints', () => {
  for (const dtype of ['BF16', 'F16', 'F32']) {
    for (const sharded of [false, true]) {
      it(`${dtype}, ${sharded ? 'sharded' : 'single file'}: base rows bit-for-bit, new rows the mean, padding zero in, the base mean out, rest unchanged, only matching files copied`, async () => {
        const dir = tmpDir();
        const model = path.join(dir, 'model');
        fs.mkdirSync(model);
        const emb = matrix(dtype, BASE, COLS, 1);
        const head = matrix(dtype, BASE, COLS, 2);
        const other = matrix(dtype, 3, 5, 3);
        const tEmb = { name: 'model.embed_tokens.weight', dtype, rows: BASE, cols: COLS, data: emb.data };
        const tHead = { name: 'lm_head.weight', dtype, rows: BASE, cols: COLS, data: head.data };
        const tOther = { name: 'model.norm.weight', dtype, rows: 3, cols: 5, data: other.data };
        if (sharded) {
          writeSafetensors(path.join(model, 'model-00001-of-00002.safetensors'), [tOther, tEmb]);
          writeSafetensors(path.join(model, 'model-00002-of-00002.safetensors'), [tHead]);
          fs.writeFileSync(
            path.join(model, 'model.safetensors.index.json'),
            JSON.stringify({
              metadata: { total_size: 1 },
              weight_map: {
                'model.embed_tokens.weight': 'model-00001-of-00002.safetensors',
                'model.norm.weight': 'model-00001-of-00002.safetensors',
                'lm_head.weight': 'model-00002-of-00002.safetensors',
              },
            }),
          );
        } else writeSafetensors(path.join(model, 'model.safetensors'), [tEmb, tOther, tHead]);
        fs.writeFileSync(
          path.join(model, 'config.json'),
          JSON.stringify({ vocab_size: BASE, tie_word_embeddings: false, hidden_size: COLS }),
        );
        for (const f of ['pytorch_model.bin', 'vocab.json', 'merges.txt', 'tokenizer_config.json'])
          fs.writeFileSync(path.join(model, f), "the base's");
        fs.writeFileSync(path.join(model, 'generation_config.json'), '{"do_sample": true}');
        fs.writeFileSync(path.join(model, 'README.md'), '# the base model card');
        fs.writeFileSync(path.join(model, 'stray.safetensors'), 'not in the checkpoint');
        const init = initFile(dir);
        fs.writeFileSync(path.join(dir, 'README.md'), "# the extension's card");
        const out = path.join(dir, 'out');
        const res = await initEmbeddings({
          model,
          init: init.file,
          out,
          rule: 'mean',
          embedName: 'model.embed_tokens.weight',
          headName: 'lm_head.weight',
          seed: 0,
          force: false,
        });
        // only what belongs with the grown checkpoint is carried over
        expect(res.leftBehind.map((f) => f.name)).toEqual([
          'README.md',
          'merges.txt',
          'pytorch_model.bin',
          'stray.safetensors',
          'tokenizer_config.json',
          'vocab.json',
        ]);
        expect(res.leftBehind[2]!.why).toMatch(/weights in another format, still of the old vocabulary size/);
        expect(res.leftBehind[0]!.why).toMatch(/the base model's card/);
        expect(res.leftBehind[3]!.why).toMatch(/not part of the checkpoint/);
        expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toBe("# the extension's card"); // the extension's card, not the base's
        expect(fs.existsSync(path.join(out, 'stray.safetensors'))).toBe(false);
        expect(fs.readFileSync(path.join(out, 'generation_config.json'), 'utf8')).toBe('{"do_sample": true}');
        for (const f of ['pytorch_model.bin', 'vocab.json', 'merges.txt', 'tokenizer_config.json'])
          expect(fs.existsSync(path.join(out, f)), f).toBe(false);
        expect(res.paddingRows).toEqual({ 'model.embed_tokens.weight': 'zero', 'lm_head.weight': 'mean' });
        expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).padding_rows).toEqual(
          res.paddingRows,
        );
        const tensors = new Map<string, { dtype: string; shape: number[]; data: Buffer }>();
        for (const f of fs.readdirSync(out).filter((n) => n.endsWith('.safetensors')))
          for (const [k, v] of readSafetensors(path.join(out, f))) tensors.set(k, v);
        for (const [name, src] of [
          ['model.embed_tokens.weight', emb],
          ['lm_head.weight', head],
        ] as const) {
          const t = tensors.get(name)!;
          expect(t.shape).toEqual([BASE + 6, COLS]);
          expect(t.data.subarray(0, BASE * COLS * W[dtype]!).equals(src.data)).toBe(true);
          init.rows.forEach((r, k) => {
            for (let c = 0; c < COLS; c++) {
              // padding: zero in the input embeddings, the mean of the base rows (rounded once) in the output layer
              const baseMean = roundTo(dtype, Math.fround(src.values.reduce((s, v) => s + v[c]!, 0) / BASE));
              const want = r.from.length
                ? r.from.reduce((s, f) => s + src.values[f]![c]!, 0) / r.from.length
                : name === 'lm_head.weight'
                  ? baseMean
                  : 0;
              expect(
                decode(dtype, t.data, ((BASE + k) * COLS + c) * W[dtype]!),
                `${name} row ${BASE + k} col ${c}`,
              ).toBe(want);
            }
          });
        }
        expect(tensors.get('model.norm.weight')!.data.equals(other.data)).toBe(true);
        expect(JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8')).vocab_size).toBe(BASE + 6);
        expect(fs.readFileSync(path.join(out, 'tokenizer.json'), 'utf8')).toBe('{"toy": true}');
        if (sharded) {
          const index = JSON.parse(fs.readFileSync(path.join(out, 'model.safetensors.index.json'), 'utf8'));
          const size = [...tensors.values()].reduce((s, t) => s + t.data.length, 0);
          expect(index.metadata.total_size).toBe(size);
          expect(index.weight_map['lm_head.weight']).toBe('model-00002-of-00002.safetensors');
        }
      });
    }
  }

  it('rounds once from float32 to the stored dtype (round to nearest even)', () => {
    expect(bf16ToF32(f32ToBf16(1 + 2 ** -8))).toBe(1); // tie -> even
    expect(bf16ToF32(f32ToBf16(1 + 3 * 2 ** -8))).toBe(1 + 2 ** -6);
    expect(f16ToF32(f32ToF16(1 + 2 ** -11))).toBe(1);
    expect(f16ToF32(f32ToF16(65504))).toBe(65504);
    expect(f16ToF32(f32ToF16(2 ** -24))).toBe(2 ** -24);
    expect(f16ToF32(f32ToF16(1e6))).toBe(Infinity);
  });

  it("hewitt draws every new row from the base rows' distribution, decompositions aside, seeded", async () => {
    const dir = tmpDir();
    const model = path.join(dir, 'model');
    fs.mkdirSync(model);
    const emb = matrix('F32', BASE, COLS, 4);
    writeSafetensors(path.join(model, 'model.safetensors'), [
      { name: 'model.embed_tokens.weight', dtype: 'F32', rows: BASE, cols: COLS, data: emb.data },
    ]);
    fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify({ vocab_size: BASE, tie_word_embeddings: true }));
    const init = initFile(dir); // every row but padding has a decomposition, as in tokext's own files
    const run = async (out: string, seed: number, rule: 'mean' | 'hewitt' = 'hewitt') => {
      await initEmbeddings({
        model,
        init: init.file,
        out: path.join(dir, out),
        rule,
        embedName: 'model.embed_tokens.weight',
        headName: 'lm_head.weight',
        seed,
        force: false,
      });
      return readSafetensors(path.join(dir, out, 'model.safetensors'))
        .get('model.embed_tokens.weight')!
        .data.subarray(BASE * COLS * 4, (BASE + 4) * COLS * 4);
    };
    const a = await run('o1', 7);
    expect(a.equals(await run('o2', 7))).toBe(true);
    expect(a.equals(await run('o3', 8))).toBe(false);
    expect(a.equals(await run('o4', 7, 'mean'))).toBe(false); // not the decomposition means
    for (let c = 0; c < COLS; c++) {
      const col = emb.values.map((v) => v[c]!);
      const mu = col.reduce((x, y) => x + y, 0) / BASE;
      const sd = Math.sqrt(col.reduce((x, y) => x + (y - mu) ** 2, 0) / BASE);
      for (let r = 0; r < 4; r++) expect(Math.abs(a.readFloatLE((r * COLS + c) * 4) - mu)).toBeLessThan(6 * sd);
    }
  });

  describe('bad input gives a clear error and writes nothing', () => {
    const setup = (tensors: T[], config: object = { vocab_size: BASE }) => {
      const dir = tmpDir();
      const model = path.join(dir, 'model');
      fs.mkdirSync(model);
      writeSafetensors(path.join(model, 'model.safetensors'), tensors);
      fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify(config));
      return { dir, model, out: path.join(dir, 'out') };
    };
    const go = (s: { dir: string; model: string; out: string }, init = initFile(s.dir).file) =>
      initEmbeddings({
        model: s.model,
        init,
        out: s.out,
        rule: 'mean',
        embedName: 'model.embed_tokens.weight',
        headName: 'lm_head.weight',
        seed: 0,
        force: false,
      });
    const m = (dtype: string, rows = BASE) => matrix(dtype, rows, COLS, 9).data;
    it('missing tensor', async () => {
      const s = setup([{ name: 'transformer.wte.weight', dtype: 'F32', rows: BASE, cols: COLS, data: m('F32') }]);
      await expect(go(s)).rejects.toThrow(/tensor 'model.embed_tokens.weight' not found.*transformer\.wte\.weight/s);
      expect(fs.existsSync(s.out)).toBe(false);
    });
    it('wrong row count for the base, or an init file from another base', async () => {
      const s = setup([
        { name: 'model.embed_tokens.weight', dtype: 'F32', rows: BASE + 1, cols: COLS, data: m('F32', BASE + 1) },
        { name: 'lm_head.weight', dtype: 'F32', rows: BASE + 1, cols: COLS, data: m('F32', BASE + 1) },
      ]);
      await expect(go(s)).rejects.toThrow(/has 41 rows but .* is for a base of 40/);
      expect(fs.existsSync(s.out)).toBe(false);
    });
    it('unsupported dtype', async () => {
      const s = setup([
        { name: 'model.embed_tokens.weight', dtype: 'I8', rows: BASE, cols: COLS, data: Buffer.alloc(BASE * COLS) },
        { name: 'lm_head.weight', dtype: 'I8', rows: BASE, cols: COLS, data: Buffer.alloc(BASE * COLS) },
      ]);
      await expect(go(s)).rejects.toThrow(/dtype I8; supported: BF16, F16, F32/);
      expect(fs.existsSync(s.out)).toBe(false);
    });
    it('truncated file', async () => {
      const s = setup([
        { name: 'model.embed_tokens.weight', dtype: 'F32', rows: BASE, cols: COLS, data: m('F32') },
        { name: 'lm_head.weight', dtype: 'F32', rows: BASE, cols: COLS, data: m('F32') },
      ]);
      const f = path.join(s.model, 'model.safetensors');
      fs.truncateSync(f, fs.statSync(f).size - 10);
      await expect(go(s)).rejects.toThrow(/truncated safetensors file/);
      expect(fs.existsSync(s.out)).toBe(false);
    });
  });
});
