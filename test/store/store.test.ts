import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/stages/build.js';
import { defaultSpec } from '../../src/spec.js';
import { openStore } from '../../src/store/db.js';
import { MIGRATIONS, READABLE_FROM } from '../../src/store/migrations.js';
import { loadCurves } from '../../src/store/curves.js';
import { listVersions, loadVersion } from '../../src/store/versions.js';
import { importTokenizer, openRecorder } from '../../src/store/record.js';
import { exportVersion } from '../../src/store/export.js';
import { resolveSide } from '../../src/diff/side.js';
import { diffVocab } from '../../src/diff/diff.js';
import { verifyDir } from '../../src/family/verify.js';
import { sha256File } from '../../src/io/atomic.js';
import { BpeEncoder } from '../../src/bpe/encoder.js';
import { loadMistralFromPackage } from '../../src/base/sentencepiece.js';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { HAS_SHARED, MISTRAL, ROOT, SHARED, tmpDir } from '../helpers.js';

const SAMPLE = path.join(ROOT, 'corpora', 'sample');

/** A digest of every row of every table of a store, for "left as it was" checks (the file's own
 * bytes change with WAL checkpoints). */
function contents(s: ReturnType<typeof openStore>): Record<string, string> {
  const tables = (
    s.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((t) => t.name);
  return Object.fromEntries(
    tables.map((t) => {
      const rows = s
        .prepare(`SELECT * FROM "${t}"`)
        .all()
        .map((row) => JSON.stringify(row, (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
        .sort();
      return [t, crypto.createHash('sha256').update(rows.join('\n')).digest('hex')];
    }),
  );
}

/** Lines of each corpus file the build's own verify samples (src/pipeline.ts BUILD_VERIFY_SAMPLE). */
const BUILD_VERIFY_SAMPLE = 500;

/** The efficiency verify must record for a build on `corpusFile`, counted independently: its first
 * BUILD_VERIFY_SAMPLE non-empty lines, code points counted here, tokens by the HF tokenizers Rust
 * binding on the built tokenizer.json (no BOS); and the base's on the same lines (tokext's BPE encoder). */
async function sampleEfficiency(dir: string, corpusFile: string) {
  const lines = fs
    .readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .slice(0, BUILD_VERIFY_SAMPLE);
  const chars = lines.reduce((s, l) => s + Array.from(l).length, 0);
  const rust = RustTokenizer.fromFile(path.join(dir, 'tokenizer.json'));
  const tokens = (await rust.encodeBatch(lines, { addSpecialTokens: false })).reduce(
    (s, e) => s + e.getIds().length,
    0,
  );
  const base = new BpeEncoder(loadMistralFromPackage().model.pieces);
  const baseTokens = lines.reduce((s, l) => s + base.encode(l).length, 0);
  const cpt = (t: number) => Number((chars / t).toFixed(4));
  return {
    built: { texts: lines.length, chars, tokens, chars_per_token: cpt(tokens) },
    base: { tokens: baseTokens, chars_per_token: cpt(baseTokens) },
  };
}

describe('version store', () => {
  const dir = tmpDir();
  const db = path.join(dir, 'v.db');
  const out = path.join(dir, 'b');

  it('records a build and exports it byte-identically, twice, and the export verifies', async () => {
    const spec = { ...defaultSpec([{ path: SAMPLE, weight: 1 }]), target: 32500, padTo: 32512 };
    const rec = openRecorder(db, 'demo', spec);
    const r = await build(spec, { out, force: false, record: rec.record, inputs: [db] });
    rec.close();
    expect(r.recorded!.label).toBe('demo');
    for (const name of ['e1', 'e2']) {
      const store = openStore(db);
      const files = await exportVersion(loadVersion(store, db, 'demo'), path.join(dir, name), { force: false });
      store.close();
      expect(files.sort()).toEqual(fs.readdirSync(out).sort());
      for (const f of files) expect(sha256File(path.join(dir, name, f)), f).toBe(sha256File(path.join(out, f)));
    }
    expect((await verifyDir(path.join(dir, 'e1'))).ok).toBe(true);
    const s = openStore(db);
    const stored = loadVersion(s, db, 'demo');
    expect(stored.kinds.filter((k) => k === 'padding').length).toBe(12);
    const corpusFile = path.join(SAMPLE, 'sample.txt');
    expect(stored.inputs!.map((i) => [path.resolve(i.path), i.sha256])).toEqual([
      [corpusFile, crypto.createHash('sha256').update(fs.readFileSync(corpusFile)).digest('hex')],
    ]);
    // efficiency as verify recorded it in the manifest, and as counted here with another engine
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(stored.efficiency).toEqual(manifest.verify.efficiency);
    const expected = await sampleEfficiency(out, corpusFile);
    expect(stored.efficiency).toEqual(expected.built);
    expect(expected.built.chars_per_token).toBeGreaterThan(expected.base.chars_per_token); // the extension shortens Japanese
    expect(s.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(s.pragma('journal_mode', { simple: true })).toBe('wal');
    s.close();
  });

  it.skipIf(!HAS_SHARED)('imports BPE and Unigram models; diff base→build shows only additions', async () => {
    importTokenizer(db, path.join(MISTRAL, 'tokenizer.model'), 'mistral-base');
    const u = importTokenizer(db, path.join(SHARED, 'tokenizers', 'rinna-japanese-gpt2', 'google_sp.model'), 'rinna');
    expect(u.modelType).toBe('UNIGRAM');
    const d = diffVocab(resolveSide('mistral-base', db), resolveSide('demo', db));
    expect(d.added.length).toBe(500);
    expect(d.added_padding.length).toBe(12);
    expect(d.removed).toEqual([]);
    expect(d.renumbered).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.merges!.reordered).toBe(0);
    expect(d.merges!.kept).toBe(58980);
    expect(diffVocab(resolveSide('rinna', db), resolveSide('rinna', db)).same).toBe(true);
    const s = openStore(db);
    expect(listVersions(s, db).map((v) => v.label)).toEqual(['demo', 'mistral-base', 'rinna']);
    // an imported version exports with a manifest and a README that say what it is
    const out = path.join(dir, 'rinna-export');
    await exportVersion(loadVersion(s, db, 'rinna'), out, { force: false });
    s.close();
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({
      kind: 'imported',
      imported: { label: 'rinna', model_type: 'UNIGRAM' },
      vocab: { size: 32000 },
    });
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toMatch(
      /^# rinna\n\n32,000 entries, SentencePiece UNIGRAM, imported into a tokext store from `[^`]*google_sp\.model`/,
    );
    expect(readme).not.toMatch(/extended with Japanese|transformers/);
  });

  it('refuses a duplicate label, an unknown version and a wrong file type', () => {
    expect(() => importTokenizer(db, path.join(out, 'tokenizer.model'), 'demo')).toThrow(/already exists/);
    const s = openStore(db);
    expect(() => loadVersion(s, db, 'nope')).toThrow(/no version 'nope'/);
    s.close();
    const junk = path.join(dir, 'junk.model');
    fs.writeFileSync(junk, 'hello, not a model');
    expect(() => importTokenizer(db, junk, 'junk')).toThrow(/not a tokenizer\.model/);
  });

  it('refuses a newer, a corrupt and a locked database with clear messages', () => {
    const newer = path.join(dir, 'newer.db');
    const n = new Database(newer);
    n.pragma('user_version = 99');
    n.close();
    expect(() => openStore(newer)).toThrow(/written by a newer tokext \(schema 99/);
    const corrupt = path.join(dir, 'corrupt.db');
    fs.writeFileSync(corrupt, Buffer.alloc(8192, 0x41));
    expect(() => openStore(corrupt)).toThrow(/not a tokext store, or the file is corrupt/);
    const locked = path.join(dir, 'locked.db');
    openStore(locked, { create: true }).close();
    const holder = new Database(locked);
    holder.exec('BEGIN EXCLUSIVE');
    expect(() => {
      const s = openStore(locked, { busyMs: 200 });
      try {
        importTokenizer(locked, path.join(out, 'tokenizer.model'), 'x');
      } finally {
        s.close();
      }
    }).toThrow(/locked by another process/);
    holder.exec('ROLLBACK');
    holder.close();
  });

  it('reads a store of the previous schema as it is (no curves), and migrates it on the first write', () => {
    const old = path.join(dir, 'schema2.db');
    const o = new Database(old);
    for (const m of MIGRATIONS.slice(0, READABLE_FROM)) o.exec(m);
    o.pragma(`user_version = ${READABLE_FROM}`);
    o.close();
    const r = openStore(old, { readonly: true });
    expect(listVersions(r, old)).toEqual([]);
    expect(loadCurves(r, old, 1)).toEqual([]);
    r.close();
    importTokenizer(old, path.join(out, 'tokenizer.model'), 'v');
    const w = openStore(old, { readonly: true });
    expect(w.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(loadCurves(w, old, loadVersion(w, old, 'v').id)).toEqual([]);
    w.close();
    const older = path.join(dir, 'schema1.db');
    const o1 = new Database(older);
    o1.exec(MIGRATIONS[0]!);
    o1.pragma('user_version = 1');
    o1.close();
    expect(() => openStore(older, { readonly: true })).toThrow(/schema 1, older than this tokext reads/);
  });

  it('is left as it was when the process dies mid-insert', () => {
    const s0 = openStore(db);
    const before = contents(s0);
    const count0 = (s0.prepare('SELECT count(*) AS n FROM pieces').get() as { n: number }).n;
    s0.close();
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'tokext.js'),
        'import',
        path.join(out, 'tokenizer.model'),
        '--label',
        'crashy',
        '--db',
        db,
      ],
      {
        env: { ...process.env, TOKEXT_TEST_CRASH_AT_PIECE: '20000' },
        encoding: 'utf8',
      },
    );
    // the command runs in a child of bin/tokext.js (src/cli/shell.ts), which reports its SIGKILL as 128 + 9
    expect(r.status, r.stderr).toBe(137);
    expect(r.stderr).toContain('the command was killed (SIGKILL');
    const s = openStore(db);
    expect(s.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(listVersions(s, db).map((v) => v.label)).not.toContain('crashy');
    expect((s.prepare('SELECT count(*) AS n FROM pieces').get() as { n: number }).n).toBe(count0);
    expect(contents(s)).toEqual(before); // every row of every table as it was
    s.close();
  });
});
