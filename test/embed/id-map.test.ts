// init-embeddings following an id-map.json (a build that freed base ids): kept rows move bit for bit
// to their new ids, replaced and new ids get the mean of their (old) decomposition rows, removed rows
// appear nowhere, a trim gives a smaller matrix; a bad map is an InputError naming the file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initEmbeddings } from '../../src/embed/grow.js';
import { InputError } from '../../src/errors.js';
import type { IdMap, IdSource } from '../../src/io/id-map-format.js';
import { cli, tmpDir } from '../helpers.js';
import { W, decode, matrix, readSafetensors, roundTo, writeSafetensors, type T } from './toy-checkpoint.js';

const S = 40; // ids of the toy base (the checkpoint's rows)
const COLS = 6;
const EMBED = 'model.embed_tokens.weight';
const HEAD = 'lm_head.weight';

type Row = { id: number; piece: string; init: 'mean' | 'zero'; from: number[] };

/** A map freeing `removed` base ids: replace refills them in place, trim renumbers the kept ids compactly;
 * then `fresh` new pieces (their decompositions) and `pad` padding ids. */
function toyMap(mode: 'replace' | 'trim', removed: number[], fresh: number[][], pad: number) {
  const old_to_new: number[] = [];
  const new_to_old: number[] = [];
  const source: IdSource[] = [];
  const rows: Row[] = [];
  const add = (old: number, s: IdSource) => {
    new_to_old.push(old);
    source.push(s);
  };
  for (let o = 0; o < S; o++) {
    const gone = removed.includes(o);
    old_to_new.push(gone ? -1 : new_to_old.length);
    if (!gone) add(o, 'kept');
    else if (mode === 'replace') add(-1, 'replaced');
  }
  const refills = source.flatMap((s, n) => (s === 'replaced' ? [n] : []));
  const decomps = [...fresh];
  for (const id of refills) rows.push({ id, piece: `r${id}`, init: 'mean', from: decomps.shift()! });
  for (const from of decomps) {
    rows.push({ id: new_to_old.length, piece: `n${new_to_old.length}`, init: 'mean', from });
    add(-1, 'new');
  }
  const vocab = new_to_old.length;
  for (let k = 0; k < pad; k++) {
    rows.push({ id: new_to_old.length, piece: `<|extra_${k}|>`, init: 'zero', from: [] });
    add(-1, 'padding');
  }
  const map: IdMap = {
    format: 'tokext.id-map/1',
    mode,
    base: { name: 'toy', vocab_size: S },
    vocab_size: vocab,
    padded_vocab_size: new_to_old.length,
    old_to_new,
    new_to_old,
    source,
    removed: removed.map((id) => ({ id, piece: `old${id}` })),
  };
  return { map, rows };
}

const DECOMPS = [[5], [7, 9], [3, 4, 10, 11], [12, 39], [1, 2]];
const REPLACE = () => toyMap('replace', [30, 31, 35], DECOMPS, 2); // 30, 31, 35 refilled; 40, 41 new; 42, 43 padding
const TRIM = () => toyMap('trim', [3, 8, 15, 16, 17, 20, 25, 33, 34, 38], [[0, 1], [39]], 1); // 30 kept, 2 new, 1 pad

/** Writes the init file (naming id-map.json) and the map into `dir`; returns the init file's path. */
function writeInit(dir: string, t: { map: IdMap; rows: Row[] }, edit: (i: Record<string, unknown>) => void = () => {}) {
  const init: Record<string, unknown> = {
    format: 'tokext.embedding-init/1',
    base: { name: 'toy', vocab_size: S },
    vocab_size: t.map.vocab_size,
    padded_vocab_size: t.map.padded_vocab_size,
    id_map: 'id-map.json',
    rows: t.rows,
  };
  edit(init);
  fs.writeFileSync(path.join(dir, 'id-map.json'), JSON.stringify(t.map));
  fs.writeFileSync(path.join(dir, 'tokenizer.json'), '{"toy": true}');
  const file = path.join(dir, 'embedding-init.json');
  fs.writeFileSync(file, JSON.stringify(init));
  return file;
}

/** A toy checkpoint of S rows: the embeddings and (untied) the head, in one file or two shards. */
function checkpoint(dtype: string, tied: boolean, sharded: boolean) {
  const dir = tmpDir();
  const model = path.join(dir, 'model');
  fs.mkdirSync(model);
  const emb = matrix(dtype, S, COLS, 1);
  const head = matrix(dtype, S, COLS, 2);
  const norm = matrix(dtype, 3, 5, 3);
  const tEmb: T = { name: EMBED, dtype, rows: S, cols: COLS, data: emb.data };
  const tHead: T = { name: HEAD, dtype, rows: S, cols: COLS, data: head.data };
  const tNorm: T = { name: 'model.norm.weight', dtype, rows: 3, cols: 5, data: norm.data };
  if (sharded) {
    const [a, b] = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];
    const second = tied ? { ...tNorm, name: 'model.extra.weight' } : tHead;
    writeSafetensors(path.join(model, a), [tNorm, tEmb]);
    writeSafetensors(path.join(model, b), [second]);
    const weight_map = { [tNorm.name]: a, [EMBED]: a, [second.name]: b };
    fs.writeFileSync(
      path.join(model, 'model.safetensors.index.json'),
      JSON.stringify({ metadata: { total_size: 1 }, weight_map }),
    );
  } else writeSafetensors(path.join(model, 'model.safetensors'), tied ? [tNorm, tEmb] : [tNorm, tEmb, tHead]);
  fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify({ vocab_size: S, tie_word_embeddings: tied }));
  return { dir, model, out: path.join(dir, 'out'), sources: tied ? { [EMBED]: emb } : { [EMBED]: emb, [HEAD]: head } };
}

/** Every tensor of an output directory, from all its shards. */
function tensorsOf(out: string) {
  const all = new Map<string, { dtype: string; shape: number[]; data: Buffer }>();
  for (const f of fs.readdirSync(out).filter((n) => n.endsWith('.safetensors')))
    for (const [k, v] of readSafetensors(path.join(out, f))) all.set(k, v);
  return all;
}

const VARIANTS: [string, boolean, boolean][] = [
  ['BF16', false, false],
  ['F32', false, true],
  ['F32', true, false],
  ['BF16', true, true],
];

describe('init-embeddings follows id-map.json', () => {
  for (const [kind, make, rows] of [
    ['replace', REPLACE, 44],
    ['trim', TRIM, 33],
  ] as const)
    for (const [dtype, tied, sharded] of VARIANTS)
      it(`${kind}, ${dtype}, ${tied ? 'tied' : 'untied'}, ${sharded ? 'sharded' : 'one file'}: kept rows moved bit for bit, the others the mean of their old rows, removed rows nowhere, ${rows} rows`, async () => {
        const c = checkpoint(dtype, tied, sharded);
        const t = make();
        const res = await initEmbeddings({ model: c.model, init: writeInit(c.dir, t), out: c.out });
        expect(res.padTo).toBe(rows);
        const counts = { kept: 0, replaced: 0, new: 0, padding: 0 } as Record<IdSource, number>;
        t.map.source.forEach((s) => counts[s]++);
        expect(res.idMap).toEqual({
          file: path.join(c.dir, 'id-map.json'),
          mode: kind,
          rows: { ...counts, removed: t.map.removed.length },
        });
        expect(counts).toEqual(
          kind === 'replace'
            ? { kept: 37, replaced: 3, new: 2, padding: 2 }
            : { kept: 30, replaced: 0, new: 2, padding: 1 },
        );
        const manifest = JSON.parse(fs.readFileSync(path.join(c.out, 'manifest.json'), 'utf8'));
        expect(manifest.id_map).toEqual(res.idMap);
        expect(JSON.parse(fs.readFileSync(path.join(c.out, 'id-map.json'), 'utf8'))).toEqual(t.map);
        expect(JSON.parse(fs.readFileSync(path.join(c.out, 'config.json'), 'utf8')).vocab_size).toBe(rows);
        const out = tensorsOf(c.out);
        const w = W[dtype]! * COLS;
        for (const [name, src] of Object.entries(c.sources)) {
          const m = out.get(name)!;
          expect(m.shape).toEqual([rows, COLS]);
          const row = (n: number) => m.data.subarray(n * w, (n + 1) * w);
          const kept = t.map.old_to_new.flatMap((n, o) => (n >= 0 ? [o] : []));
          for (let n = 0; n < rows; n++) {
            const old = t.map.new_to_old[n]!;
            if (old >= 0) {
              expect(row(n).equals(src.data.subarray(old * w, (old + 1) * w)), `${name} row ${n} = old ${old}`).toBe(
                true,
              );
              continue;
            }
            const r = t.rows.find((x) => x.id === n)!;
            for (let col = 0; col < COLS; col++) {
              const mean = (ids: number[]) => ids.reduce((s, f) => s + src.values[f]![col]!, 0) / ids.length;
              // padding: zero in untied input embeddings, the mean of the KEPT base rows in the head or a tied matrix
              const want =
                r.init === 'mean' ? mean(r.from) : name === HEAD || tied ? roundTo(dtype, Math.fround(mean(kept))) : 0;
              expect(decode(dtype, m.data, n * w + col * W[dtype]!), `${name} row ${n} col ${col}`).toBe(want);
            }
          }
          for (const { id } of t.map.removed) {
            const gone = src.data.subarray(id * w, (id + 1) * w);
            for (let n = 0; n < rows; n++) expect(row(n).equals(gone), `old row ${id} at ${n}`).toBe(false);
          }
        }
        expect(out.get('model.norm.weight')!.shape).toEqual([3, 5]);
      });

  it('--pad-to beyond the map adds padding rows; below its ids it is refused naming the sources', async () => {
    const c = checkpoint('F32', false, false);
    const init = writeInit(c.dir, REPLACE());
    await expect(initEmbeddings({ model: c.model, init, out: c.out, padTo: 43 })).rejects.toThrow(
      /--pad-to 43 is below the tokenizer's 44 ids \(ids 0 to 43: 37 kept, 3 replaced, 2 new, 2 padding\)/,
    );
    const res = await initEmbeddings({ model: c.model, init, out: c.out, padTo: 46 });
    expect(res.idMap!.rows).toEqual({ kept: 37, replaced: 3, new: 2, padding: 4, removed: 3 });
    const m = tensorsOf(c.out).get(EMBED)!;
    expect(m.shape).toEqual([46, COLS]);
    expect(m.data.subarray(42 * COLS * 4).equals(Buffer.alloc(4 * COLS * 4))).toBe(true); // input padding: zero
  });

  it('the CLI reports the map it followed', async () => {
    const c = checkpoint('F32', true, false);
    const init = writeInit(c.dir, TRIM());
    const r = await cli(['init-embeddings', '--model', c.model, '--init', init, '--out', c.out, '--progress', 'none']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /resized from 40 to 33 rows following .*id-map\.json \(30 kept, 0 replaced, 2 new, 1 padding; 10 removed\)/,
    );
  });
});

describe('a bad id map is an InputError naming the file, and nothing is written', () => {
  const cases: [string, (t: { map: IdMap; rows: Row[] }, i: Record<string, unknown>) => void, string, RegExp][] = [
    [
      'inconsistent (old 5 maps to 6, new 6 keeps old 6)',
      (t) => (t.map.old_to_new[5] = 6),
      'id-map.json',
      /not a consistent id map: old id 5 maps to 6 but new id 6 keeps 6/,
    ],
    [
      'a decomposition naming a removed id',
      (t) => (t.rows[1]!.from = [7, 31]),
      'embedding-init.json',
      /row 31 \("r31"\) decomposes into old id 31, which id-map.json removes/,
    ],
    [
      "the map's base size differs from the init file's",
      (t) => {
        t.map.base.vocab_size = 41;
        t.map.old_to_new.push(-1);
        t.map.removed.push({ id: 40, piece: 'x' });
      },
      'id-map.json',
      /base.vocab_size is 41 but 40 in embedding-init.json/,
    ],
    [
      'rows other than the ids the map does not keep',
      (t) => t.rows.splice(1, 1),
      'embedding-init.json',
      /row 1 has id 35, expected id 31 \(the ids id-map.json does not keep\)/,
    ],
    [
      'a padding id initialised as a mean',
      (t) => Object.assign(t.rows[5]!, { init: 'mean', from: [1] }),
      'embedding-init.json',
      /row 42 has init 'mean' but is padding in id-map.json/,
    ],
    ['no id-map.json', (_t, i) => (i.id_map = 'missing.json'), 'missing.json', /file not found/],
  ];
  it.each(cases)('%s', async (_name, spoil, file, message) => {
    const c = checkpoint('F32', false, false);
    const t = REPLACE();
    const init = writeInit(c.dir, t, (i) => spoil(t, i)); // the map is written after the edit
    const e = await initEmbeddings({ model: c.model, init, out: c.out }).catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).file).toBe(path.join(c.dir, file));
    expect((e as Error).message).toMatch(message);
    expect(fs.existsSync(c.out)).toBe(false);
  });

  it("a map and init file for another base than the checkpoint's rows: the tensor's file named", async () => {
    const c = checkpoint('F32', false, false);
    const t = toyMap('replace', [30], [[5]], 0);
    t.map.base.vocab_size = 41; // old id 40 kept as new id 40
    t.map.old_to_new.push(40);
    t.map.new_to_old.push(40);
    t.map.source.push('kept');
    t.map.padded_vocab_size = t.map.vocab_size = 41;
    const init = writeInit(c.dir, t, (i) => (i.base = { name: 'toy', vocab_size: 41 }));
    const e = await initEmbeddings({ model: c.model, init, out: c.out }).catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(
      /model.safetensors: tensor 'model.embed_tokens.weight' has 40 rows but .* is for a base of 41 ids/,
    );
    expect(fs.existsSync(c.out)).toBe(false);
  });
});
