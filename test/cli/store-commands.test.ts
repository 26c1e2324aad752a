// The store commands end to end: two builds recorded in a store, then `versions`, `diff` and
// `export` checked against the built files read directly, and their refusals. Exit codes as
// src/errors.ts EXIT: 0 ok, 1 bad input (InputError), 2 usage (UsageError, commander errors).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE, cli, temporaries, tmpDir } from '../helpers.js';

const dir = tmpDir();
const db = path.join(dir, 'v.db');
const out = (name: string) => path.join(dir, name);
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
/** Relative path → sha256 of every file under `d`, recursively. */
const tree = (d: string): Record<string, string> =>
  Object.fromEntries(
    (fs.readdirSync(d, { recursive: true }) as string[])
      .sort()
      .filter((f) => fs.statSync(path.join(d, f)).isFile())
      .map((f) => [f, sha(path.join(d, f))]),
  );
const n = (x: number) => x.toLocaleString('en-US');

/** A built directory as its tokenizer.json says: pieces by id, padding ids, merges. */
function readBuilt(d: string) {
  const j = JSON.parse(fs.readFileSync(path.join(d, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number>; merges: (string | string[])[] };
    added_tokens: { id: number; content: string }[];
  };
  const byId: string[] = [];
  for (const [piece, id] of Object.entries(j.model.vocab)) byId[id] = piece;
  const padding = new Set(j.added_tokens.filter((t) => /^<\|extra_\d+\|>$/.test(t.content)).map((t) => t.id));
  const merges = j.model.merges.map((m) => (Array.isArray(m) ? m.join(' ') : m));
  return { byId, padding, merges };
}

/** What `diff a b` must report, computed from the two tokenizer.json files. */
function expectedDiff(a: ReturnType<typeof readBuilt>, b: ReturnType<typeof readBuilt>) {
  const idA = new Map(a.byId.map((p, i) => [p, i]));
  const idB = new Map(b.byId.map((p, i) => [p, i]));
  const e = {
    added: [] as { id: number; piece: string }[],
    added_padding: [] as { id: number; piece: string }[],
    removed: [] as { id: number; piece: string }[],
    renumbered: [] as { piece: string; from: number; to: number }[],
    replaced: [] as { id: number; piece: string; was: string }[],
  };
  b.byId.forEach((piece, id) => {
    const old = idA.get(piece);
    const was = a.byId[id];
    if (old === undefined) {
      (b.padding.has(id) ? e.added_padding : e.added).push({ id, piece });
      if (!b.padding.has(id) && was !== undefined && !idB.has(was)) e.replaced.push({ id, piece, was });
    } else if (old !== id) e.renumbered.push({ piece, from: old, to: id });
  });
  a.byId.forEach((piece, id) => {
    if (!idB.has(piece)) e.removed.push({ id, piece });
  });
  const inB = new Set(b.merges);
  const inA = new Set(a.merges);
  const kept = a.merges.filter((m) => inB.has(m)).length;
  return {
    ...e,
    merges: {
      a: a.merges.length,
      b: b.merges.length,
      kept,
      removed: a.merges.length - kept,
      added: b.merges.filter((m) => !inA.has(m)).length,
    },
  };
}

/** A digest of every row of every table, to show that read commands leave the store as it was. */
function storeRows(): string {
  const s = new Database(db, { readonly: true });
  try {
    const tables = (
      s.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    const h = crypto.createHash('sha256');
    for (const t of tables)
      for (const row of s.prepare(`SELECT * FROM "${t}"`).raw().all())
        h.update(JSON.stringify([t, row], (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    return h.digest('hex');
  } finally {
    s.close();
  }
}

let built: Record<string, Record<string, string>> = {}; // label → the sha256 of each file as built

beforeAll(async () => {
  // alpha: the default rules; beta: SentencePiece's script rule and a larger target, so pieces
  // are added, removed and renumbered, and the padding grows (32320 → 32384: 20 → 34 tokens).
  const a = await cli([
    'build',
    '--corpus',
    SAMPLE,
    '--target',
    '32300',
    '--db',
    db,
    '--label',
    'alpha',
    '--out',
    out('alpha'),
    '--progress',
    'none',
  ]);
  expect(a.status, a.stderr).toBe(0);
  const b = await cli([
    'build',
    '--corpus',
    SAMPLE,
    '--target',
    '32350',
    '--split-by-script',
    '--no-verify',
    '--db',
    db,
    '--label',
    'beta',
    '--out',
    out('beta'),
    '--progress',
    'none',
  ]);
  expect(b.status, b.stderr).toBe(0);
  built = { alpha: tree(out('alpha')), beta: tree(out('beta')) };
});

describe('tokext versions', () => {
  it('lists both builds, as text and as JSON, with sizes the built files have', async () => {
    const j = await cli(['versions', '--db', db, '--json']);
    expect(j.status, j.stderr).toBe(0);
    const rows = JSON.parse(j.stdout) as Record<string, unknown>[];
    const files = { alpha: readBuilt(out('alpha')), beta: readBuilt(out('beta')) };
    expect(files.alpha.byId.length - files.alpha.padding.size).toBe(32300);
    expect(files.beta.byId.length - files.beta.padding.size).toBe(32350);
    expect(rows).toEqual([
      {
        id: 1,
        label: 'alpha',
        origin: 'build',
        source: out('alpha'),
        created_at: expect.any(String),
        model_type: 'BPE',
        base_name: 'mistral-7b-v0.1',
        vocab_size: 32300,
        padded_size: files.alpha.byId.length,
      },
      {
        id: 2,
        label: 'beta',
        origin: 'build',
        source: out('beta'),
        created_at: expect.any(String),
        model_type: 'BPE',
        base_name: 'mistral-7b-v0.1',
        vocab_size: 32350,
        padded_size: files.beta.byId.length,
      },
    ]);
    expect(rows.map((r) => r.padded_size)).toEqual([32320, 32384]);
    for (const r of rows) expect(Number.isNaN(Date.parse(r.created_at as string))).toBe(false);
    const t = await cli(['versions', '--db', db]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout.trimEnd().split('\n')).toEqual([
      'id\tlabel\torigin\ttype\tsize\tpadded\tcreated',
      `1\talpha\tbuild\tBPE\t32300\t32320\t${String(rows[0]!.created_at)}`,
      `2\tbeta\tbuild\tBPE\t32350\t32384\t${String(rows[1]!.created_at)}`,
    ]);
  });
});

describe('tokext diff', () => {
  it('reports exactly the added, removed and renumbered pieces the two tokenizer.json files differ by', async () => {
    const before = storeRows();
    const a = readBuilt(out('alpha'));
    const b = readBuilt(out('beta'));
    const e = expectedDiff(a, b);
    // the builds really differ in every way the diff reports
    expect(e.added.length).toBeGreaterThan(0);
    expect(e.removed.length).toBeGreaterThan(0);
    expect(e.renumbered.length).toBeGreaterThan(0);
    expect(e.added_padding.map((p) => p.piece)).toEqual(Array.from({ length: 14 }, (_, i) => `<|extra_${20 + i}|>`));

    const r = await cli(['diff', 'alpha', 'beta', '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.a).toEqual({ label: 'alpha', model_type: 'BPE', size: 32300, padded_size: 32320, padding: 20 });
    expect(d.b).toEqual({ label: 'beta', model_type: 'BPE', size: 32350, padded_size: 32384, padding: 34 });
    expect(d.same).toBe(false);
    expect(d.added).toEqual(e.added);
    expect(d.added_padding).toEqual(e.added_padding);
    expect(d.removed).toEqual(e.removed);
    expect(d.renumbered).toEqual(e.renumbered);
    expect(d.replaced).toEqual(e.replaced);
    expect(d.merges).toMatchObject(e.merges);
    expect(d.special).toEqual({ added: [], removed: [] });
    expect(d.efficiency).toBeNull();

    // the text report: the same numbers, then the first examples of each section
    const t = await cli(['diff', 'alpha', 'beta', '--db', db, '--examples', '3']);
    expect(t.status, t.stderr).toBe(0);
    const lines = t.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'A alpha: 32,300 entries + 20 padding (BPE)',
      'B beta: 32,350 entries + 34 padding (BPE)',
      `added ${n(e.added.length)} pieces + 14 padding tokens, removed ${n(e.removed.length)}, renumbered ${n(e.renumbered.length)}, score/type changed ${n(d.changed.length)}`,
      `merges: A ${n(e.merges.a)}, B ${n(e.merges.b)}; ${n(e.merges.kept)} of A kept, ${n(d.merges.reordered)} reordered, ${n(e.merges.removed)} removed, ${n(e.merges.added)} added`,
    ]);
    const section = (title: string, rows: string[]) => {
      const at = lines.indexOf(`${title}:`);
      expect(at, title).toBeGreaterThan(0);
      expect(lines.slice(at + 1, at + 1 + rows.length)).toEqual(rows);
    };
    section('added', [
      ...e.added.slice(0, 3).map((x) => `  ${x.id} ${JSON.stringify(x.piece)}`),
      `  … ${n(e.added.length - 3)} more`,
    ]);
    section('added padding', [...e.added_padding.slice(0, 3).map((x) => `  ${x.id} ${x.piece}`), '  … 11 more']);
    section('removed', [
      ...e.removed.slice(0, 3).map((x) => `  ${x.id} ${JSON.stringify(x.piece)}`),
      `  … ${n(e.removed.length - 3)} more`,
    ]);
    section('renumbered', [
      ...e.renumbered.slice(0, 3).map((x) => `  ${JSON.stringify(x.piece)} ${x.from} -> ${x.to}`),
      `  … ${n(e.renumbered.length - 3)} more`,
    ]);
    expect(storeRows()).toBe(before);
  });

  it('B→A mirrors A→B, and the built directories given as paths diff like their stored versions', async () => {
    const ab = JSON.parse((await cli(['diff', 'alpha', 'beta', '--db', db, '--json'])).stdout);
    const ba = JSON.parse((await cli(['diff', 'beta', 'alpha', '--db', db, '--json'])).stdout);
    expect(ba.added.map((x: { piece: string }) => x.piece)).toEqual(ab.removed.map((x: { piece: string }) => x.piece));
    expect(ba.removed.map((x: { piece: string }) => x.piece).sort()).toEqual(
      [...ab.added, ...ab.added_padding].map((x: { piece: string }) => x.piece).sort(),
    );
    const byPath = await cli(['diff', out('alpha'), out('beta'), '--db', db, '--json']);
    expect(byPath.status, byPath.stderr).toBe(0);
    const p = JSON.parse(byPath.stdout);
    for (const k of ['added', 'added_padding', 'removed', 'renumbered', 'changed', 'merges', 'special'] as const)
      expect(p[k], k).toEqual(ab[k]);
    const same = JSON.parse((await cli(['diff', 'alpha', out('alpha'), '--db', db, '--json'])).stdout);
    expect(same.same).toBe(true);
  });

  it('--corpus adds the efficiency on that text, the same in text and JSON', async () => {
    const corpus = path.join(dir, 'eff.txt');
    const texts = fs
      .readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .slice(0, 40);
    fs.writeFileSync(corpus, texts.join('\n') + '\n');
    const chars = texts.reduce((s, t) => s + Array.from(t).length, 0);
    const j = await cli(['diff', 'alpha', 'beta', '--db', db, '--corpus', corpus, '--json']);
    expect(j.status, j.stderr).toBe(0);
    const eff = JSON.parse(j.stdout).efficiency;
    expect(eff.lines).toBe(40);
    expect(eff.chars).toBe(chars);
    expect(eff.tokens_saved).toBe(eff.a.tokens - eff.b.tokens);
    // tokens counted by another engine: the HF tokenizers Rust binding on each built tokenizer.json, no BOS
    const tokensOf = async (d: string) =>
      (
        await RustTokenizer.fromFile(path.join(d, 'tokenizer.json')).encodeBatch(texts, { addSpecialTokens: false })
      ).reduce((s, e) => s + e.getIds().length, 0);
    const [ta, tb] = [await tokensOf(out('alpha')), await tokensOf(out('beta'))];
    expect([eff.a.tokens, eff.b.tokens]).toEqual([ta, tb]);
    expect(eff.tokens_saved).toBe(ta - tb);
    expect(eff.a.chars_per_token).toBe(Number((chars / ta).toFixed(4)));
    expect(eff.b.chars_per_token).toBe(Number((chars / tb).toFixed(4)));
    const t = await cli(['diff', 'alpha', 'beta', '--db', db, '--corpus', corpus]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toContain(
      `efficiency on 40 lines: A ${eff.a.chars_per_token} chars/token, B ${eff.b.chars_per_token} chars/token, ${eff.tokens_saved} tokens saved`,
    );
  });
});

describe('tokext export', () => {
  it('reproduces the built directory byte for byte, and the export verifies', async () => {
    const before = storeRows();
    const e = out('alpha-export');
    const r = await cli(['export', 'alpha', '--db', db, '--out', e]);
    expect(r.status, r.stderr).toBe(0);
    expect(Object.keys(built.alpha!).length).toBeGreaterThanOrEqual(7);
    expect(tree(e)).toEqual(built.alpha);
    const j = await cli(['export', 'alpha', '--db', db, '--out', out('alpha-export-json'), '--json']);
    expect(j.status, j.stderr).toBe(0);
    const files = JSON.parse(j.stdout) as { out: string; files: string[] };
    expect(files.out).toBe(out('alpha-export-json'));
    expect([...files.files].sort()).toEqual(Object.keys(built.alpha!));
    expect(r.stdout.trim()).toBe(`wrote ${e}: ${files.files.join(', ')}`);
    expect(tree(out('alpha-export-json'))).toEqual(built.alpha);
    const v = await cli(['verify', e, '--json', '--progress', 'none']);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(JSON.parse(v.stdout).ok).toBe(true);
    // beta was built without verify: its export is still its own bytes
    expect((await cli(['export', '2', '--db', db, '--out', out('beta-export')])).status).toBe(0); // by id
    expect(tree(out('beta-export'))).toEqual(built.beta);
    expect(storeRows()).toBe(before);
    expect(temporaries(dir)).toEqual([]);
  });

  it('--force replaces an earlier export (a directory tokext wrote)', async () => {
    const e = out('replaced');
    expect((await cli(['export', 'alpha', '--db', db, '--out', e])).status).toBe(0);
    const r = await cli(['export', 'beta', '--db', db, '--out', e, '--force']);
    expect(r.status, r.stderr).toBe(0);
    expect(tree(e)).toEqual(built.beta);
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('refusals', () => {
  it('an unknown label: exit 1, naming the label and the store, nothing written', async () => {
    const x = out('never');
    const e = await cli(['export', 'nope', '--db', db, '--out', x]);
    expect(e.status).toBe(1);
    expect(e.stderr).toContain(`tokext: error: ${db}: no version 'nope' in the store`);
    expect(fs.existsSync(x)).toBe(false);
    const j = await cli(['export', 'nope', '--db', db, '--out', x, '--json']);
    expect(j.status).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_INPUT', message: `${db}: no version 'nope' in the store`, file: db },
    });
    const d = await cli(['diff', 'alpha', 'nope', '--db', db]);
    expect(d.status).toBe(1);
    expect(d.stdout).toBe('');
    expect(d.stderr).toContain("no version 'nope'");
    expect(temporaries(dir)).toEqual([]);
  });

  it('a missing store: exit 1, and it is not created', async () => {
    const missing = path.join(dir, 'missing.db');
    const v = await cli(['versions', '--db', missing]);
    expect(v.status).toBe(1);
    expect(v.stderr).toContain(`${missing}: no store here yet`);
    const d = await cli(['diff', 'alpha', 'beta', '--db', missing]);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/^tokext: error: .*\balpha\b/m); // names the version it could not find…
    expect(d.stderr).toContain(missing); // …and the store it looked in
    expect((await cli(['export', 'alpha', '--db', missing, '--out', out('never2')])).status).toBe(1);
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.existsSync(out('never2'))).toBe(false);
  });

  it('export onto an existing non-empty directory: refused without --force (exit 2), and --force refuses one tokext did not write; nothing lost', async () => {
    const mine = out('mine');
    fs.mkdirSync(path.join(mine, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(mine, 'notes.txt'), 'my notes\n');
    fs.writeFileSync(path.join(mine, 'tokenizer.json'), '{"mine": true}\n');
    fs.writeFileSync(path.join(mine, 'sub', 'data.bin'), Buffer.from([1, 2, 3]));
    const before = tree(mine);
    expect(Object.keys(before)).toEqual(['notes.txt', 'sub/data.bin', 'tokenizer.json']);
    const r = await cli(['export', 'alpha', '--db', db, '--out', mine]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`output directory exists: ${mine}`);
    const f = await cli(['export', 'alpha', '--db', db, '--out', mine, '--force']);
    expect(f.status).toBe(2);
    expect(f.stderr).toContain(`--force refuses to replace ${mine}: it has no tokext manifest.json`);
    expect(tree(mine)).toEqual(before);
    expect(temporaries(dir)).toEqual([]);
  });

  it('usage errors exit 2: a missing --out, a missing argument, an unknown option', async () => {
    expect((await cli(['export', 'alpha', '--db', db])).status).toBe(2);
    expect((await cli(['diff', 'alpha', '--db', db])).status).toBe(2);
    const u = await cli(['versions', '--db', db, '--bogus']);
    expect(u.status).toBe(2);
    expect(u.stderr).toContain("unknown option '--bogus'");
  });
});
