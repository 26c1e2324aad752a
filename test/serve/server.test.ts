// tokext serve over HTTP: the API's figures are the library's (eval's runtimes, diffVocab), the
// page's files and nothing else are served, bad requests get JSON errors, and the server keeps
// answering after malformed, oversized and half-sent requests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurvePoint } from '../../src/curve/curve.js';
import { openEvalTokenizer } from '../../src/eval/engine.js';
import { importTokenizer } from '../../src/store/record.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { BIN, cli, ROOT, SAMPLE, sampleBuild, tmpDir } from '../helpers.js';

/** The text base pieces make together (byte pieces <0xNN> as their bytes). */
const bytesOf = (pieces: string[]) =>
  Buffer.concat(
    pieces.map((p) => (/^<0x[0-9A-F]{2}>$/.test(p) ? Buffer.of(parseInt(p.slice(3, 5), 16)) : Buffer.from(p))),
  ).toString('utf8');

const JA = '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。';
const EN = 'Shall I compare thee to a summer’s day? Thou art more lovely and more temperate.';

describe('tokext serve', () => {
  let server: RunningServer;
  let dir: string;
  let db: string;
  const get = async (p: string) => {
    const r = await fetch(new URL(p, server.url));
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
  };
  const post = async (p: string, body: string) => {
    const r = await fetch(new URL(p, server.url), {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dir = sampleBuild();
    db = path.join(tmpDir(), 'tokext.db');
    importTokenizer(db, dir, 'demo');
    server = await startServer({ db, dirs: [dir], corpora: [path.join(SAMPLE, 'sample.txt')], port: 0 });
  });
  afterAll(async () => server?.close());

  it('listens on 127.0.0.1 by default and lists the store, the directories and the bundled bases', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await get('/api/versions');
    expect(r.status).toBe(200);
    const vs = (
      JSON.parse(r.body) as {
        versions: {
          ref: string;
          origin: string;
          ids: number;
          new_pieces: number;
          padding: number;
          padded: number;
          chars_per_token: number | null;
          built_from: string[];
        }[];
      }
    ).versions;
    expect(vs.map((v) => [v.ref, v.origin])).toEqual([
      ['demo', 'store'],
      [dir, 'dir'],
      ['mistral-7b-v0.1', 'bundled'],
      ['llama-3', 'bundled'],
      ['qwen3', 'bundled'],
      ['gemma-3', 'bundled'],
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      verify: { efficiency: { chars_per_token: number } };
    };
    for (const v of vs.slice(0, 2)) {
      expect(v).toMatchObject({ ids: 32100, new_pieces: 100, padding: 28, padded: 32128 });
    }
    expect(vs[1]!.chars_per_token).toBe(manifest.verify.efficiency.chars_per_token);
    for (const v of vs.slice(0, 2)) expect(v.built_from).toEqual([path.join(SAMPLE, 'sample.txt')]);
    expect(vs[2]!.built_from).toEqual([]);
    expect(vs[2]).toMatchObject({ ids: 32000, new_pieces: 0, padding: 0 });
  });

  it('compare counts exactly what the library encodes, for Japanese and English, on both sides', async () => {
    const base = await openEvalTokenizer('mistral-7b-v0.1', db);
    const ext = await openEvalTokenizer(dir, db);
    for (const text of [JA, EN]) {
      const r = await post('/api/compare', JSON.stringify({ a: 'mistral-7b-v0.1', b: dir, text }));
      expect(r.status).toBe(200);
      const [ia] = await base.encodeBatch([text]);
      const [ib] = await ext.encodeBatch([text]);
      const a = r.json.a as { tokens: number; spans: { id: number; text: string; kind: string }[] };
      const b = r.json.b as { tokens: number; spans: { id: number; text: string; kind: string }[] };
      expect(a.spans.map((s) => s.id)).toEqual(ia);
      expect(b.spans.map((s) => s.id)).toEqual(ib);
      expect([a.tokens, b.tokens, r.json.difference]).toEqual([ia!.length, ib!.length, ib!.length - ia!.length]);
      expect(
        b.spans
          .map((s) => s.text)
          .join('')
          .trimStart(),
      ).toBe(text); // SentencePiece's dummy prefix: a leading space
    }
    const trained = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').split('\n')[0]!; // what the pieces were learned from
    const ja = await post('/api/compare', JSON.stringify({ a: 'mistral-7b-v0.1', b: 'demo', text: trained }));
    const spans = (ja.json.b as { spans: { kind: string }[] }).spans;
    expect(spans.some((s) => s.kind === 'new-merge' || s.kind === 'new-char')).toBe(true);
    expect((ja.json.b as { tokens: number }).tokens).toBeLessThan((ja.json.a as { tokens: number }).tokens);
    const en = await post('/api/compare', JSON.stringify({ a: 'mistral-7b-v0.1', b: 'demo', text: EN }));
    expect(en.json.difference).toBe(0);
  });

  it('marks byte-fallback tokens', async () => {
    const r = await post('/api/compare', JSON.stringify({ a: 'mistral-7b-v0.1', b: 'demo', text: '𠮷' }));
    const spans = (r.json.a as { spans: { mark: string | null; piece: string; text: string }[] }).spans;
    expect(spans.filter((s) => s.mark === 'byte').map((s) => s.text)).toEqual(['', '', '', '𠮷']); // the last byte ends the character
    expect(spans.filter((s) => s.mark === 'byte').map((s) => s.piece)).toEqual([
      '<0xF0>',
      '<0xA0>',
      '<0xAE>',
      '<0xB7>',
    ]);
  });

  it("diff's counts and lists are tokext diff --json's, paged", async () => {
    const r = await get(`/api/diff?a=mistral-7b-v0.1&b=${encodeURIComponent(dir)}&limit=7&offset=3`);
    expect(r.status).toBe(200);
    const d = JSON.parse(r.body) as Record<string, unknown> & { totals: Record<string, number>; added: unknown[] };
    const c = await cli(['diff', 'mistral-7b-v0.1', dir, '--json', '--db', db]);
    expect(c.status).toBe(0);
    const want = JSON.parse(c.stdout) as Record<string, unknown[]>;
    for (const k of ['added', 'added_padding', 'removed', 'replaced', 'renumbered', 'changed'])
      expect([k, d.totals[k]]).toEqual([k, want[k]!.length]);
    expect(d.added).toEqual(want.added!.slice(3, 10));
    expect(d.totals.added).toBe(100);
    expect([d.merges, d.special, d.a, d.b]).toEqual([want.merges, want.special, want.a, want.b]);
  });

  it('pages, filters and sorts a version’s new pieces, each with its decomposition by the base', async () => {
    const all = JSON.parse((await get('/api/version?ref=demo&limit=500')).body) as {
      pieces: {
        total: number;
        rows: {
          id: number;
          piece: string;
          kind: string;
          script: string;
          count: number | null;
          decomposition: string[];
        }[];
      };
      manifest: { spec: object } | null;
    };
    expect(all.pieces.total).toBe(100);
    expect(all.pieces.rows.map((p) => p.id)).toEqual(Array.from({ length: 100 }, (_, k) => 32000 + k));
    expect(all.manifest?.spec).toBeDefined();
    for (const p of all.pieces.rows) {
      expect(bytesOf(p.decomposition)).toBe(p.piece);
      if (p.kind === 'new-merge') expect(p.decomposition.length).toBeGreaterThan(1);
    }
    const byCount = JSON.parse((await get('/api/version?ref=demo&sort=count&limit=500')).body) as typeof all;
    const counts = byCount.pieces.rows.map((p) => p.count!);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    const hira = JSON.parse((await get('/api/version?ref=demo&script=Hiragana&limit=500')).body) as typeof all;
    expect(hira.pieces.total).toBe(all.pieces.rows.filter((p) => p.script === 'Hiragana').length);
    expect(hira.pieces.total).toBeGreaterThan(0);
    const page = JSON.parse((await get('/api/version?ref=demo&offset=90&limit=20')).body) as typeof all;
    expect(page.pieces.rows.map((p) => p.id)).toEqual(all.pieces.rows.slice(90).map((p) => p.id));
    const some = all.pieces.rows[5]!.piece;
    const found = JSON.parse((await get(`/api/version?ref=demo&q=${encodeURIComponent(some)}`)).body) as typeof all;
    expect(found.pieces.rows.every((p) => p.piece.includes(some))).toBe(true);
    expect(found.pieces.rows.some((p) => p.piece === some)).toBe(true);
    // kinds read back from a directory or an import are the build's own (its manifest's counts)
    const byKind = (all.manifest as unknown as { vocab: { by_kind: Record<string, number> } }).vocab.by_kind;
    expect(byKind['new-char']).toBeGreaterThan(0);
    for (const ref of ['demo', dir])
      for (const kind of ['new-char', 'new-merge']) {
        const r = JSON.parse((await get(`/api/version?ref=${encodeURIComponent(ref)}&kind=${kind}&limit=1`)).body);
        expect([ref, kind, (r as typeof all).pieces.total]).toEqual([ref, kind, byKind[kind]]);
      }
  });

  it('shows the size curve tokext curve kept with a stored version, measured while the server runs', async () => {
    type WithCurve = {
      curve: { svg: string; curves: { corpus: string; points: CurvePoint[]; knee: { size: number } }[] } | null;
    };
    const before = JSON.parse((await get('/api/version?ref=demo&limit=1')).body) as WithCurve;
    expect(before.curve).toBeNull();
    const c = await cli(['curve', 'demo', '--db', db, '--corpus', SAMPLE, '--points', '4', '--json']);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stderr).toMatch(/kept the curve with version demo/);
    const points = JSON.parse(c.stdout) as CurvePoint[];
    const after = JSON.parse((await get('/api/version?ref=demo&limit=1')).body) as WithCurve;
    expect(after.curve!.curves.flatMap((k) => k.points)).toEqual(points);
    // the chart is the report's: a dot per size beyond the base, with the measured value
    const dots = [...after.curve!.svg.matchAll(/class="point"[^>]*data-size="(\d+)"[^>]*data-value="([\d.]+)"/g)];
    expect(dots.map((m) => [Number(m[1]), Number(m[2])])).toEqual(
      points.filter((p) => p.added > 0).map((p) => [p.size, p.chars_per_token]),
    );
    // a directory has no kept curve
    const fromDir = JSON.parse((await get(`/api/version?ref=${encodeURIComponent(dir)}&limit=1`)).body) as WithCurve;
    expect(fromDir.curve).toBeNull();
  });

  it('offers the first lines of the corpora given, and refuses a corpus that is not there at start', async () => {
    const r = JSON.parse((await get('/api/lines')).body) as { lines: { source: string; line: number; text: string }[] };
    const want = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').split('\n');
    expect(r.lines.length).toBe(Math.min(2000, want.filter((l) => l.trim() !== '').length));
    for (const l of r.lines.slice(0, 50)) expect(l.text).toBe(want[l.line - 1]);
    expect(r.lines[0]).toMatchObject({ source: path.join(SAMPLE, 'sample.txt'), line: 1 });
    await expect(startServer({ db, corpora: [path.join(tmpDir(), 'missing.txt')], port: 0 })).rejects.toThrow(
      /missing\.txt/,
    );
  });

  it('answers bad requests with JSON errors: unknown version 404, malformed JSON 400, over 1 MB 413', async () => {
    const unknown = await get('/api/version?ref=no-such-version');
    expect([unknown.status, JSON.parse(unknown.body)]).toEqual([
      404,
      { error: expect.stringMatching(/no version "no-such-version"/) },
    ]);
    const path404 = await post('/api/compare', JSON.stringify({ a: '/etc/passwd', b: 'demo', text: 'x' }));
    expect(path404.status).toBe(404); // only the catalog's references are opened
    const bad = await post('/api/compare', '{"a": "demo",');
    expect([bad.status, bad.json]).toEqual([400, { error: 'the body is not JSON' }]);
    const big = await post('/api/compare', JSON.stringify({ a: 'demo', b: 'demo', text: 'あ'.repeat(400_000) }));
    expect(big.status).toBe(413);
    expect(big.json.error).toMatch(/over 1048576 bytes/);
    const badInt = await get('/api/version?ref=demo&limit=-1');
    expect(badInt.status).toBe(400);
    const write = await fetch(new URL('/api/versions', server.url), { method: 'DELETE' });
    expect(write.status).toBe(404);
  });

  it("serves the page's own files and nothing else: traversal, encoded or not, is a 404", async () => {
    const page = await get('/compare?a=demo&b=mistral-7b-v0.1&text=%E7%8C%AB');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/text\/html/);
    expect(page.body).toContain('/app.js');
    expect((await get('/app.js')).type).toMatch(/javascript/);
    for (const p of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/web/app.js',
      '/src/serve/server.ts',
      '/%2Fetc%2Fpasswd',
    ]) {
      const r = await fetch(new URL(server.url.replace(/\/$/, '') + p));
      expect([p, r.status]).toEqual([p, 404]);
    }
  });

  it('keeps answering after half-sent and aborted requests', async () => {
    const { port } = new URL(server.url);
    const half = net.connect(Number(port), '127.0.0.1');
    await new Promise((r) => half.once('connect', r));
    half.write(
      'POST /api/compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    );
    const cut = net.connect(Number(port), '127.0.0.1');
    await new Promise((r) => cut.once('connect', r));
    cut.write('GET /api/vers');
    cut.destroy();
    const r = await get('/api/versions');
    expect(r.status).toBe(200);
    half.destroy();
    expect((await get('/api/versions')).status).toBe(200);
  });
});

describe('tokext serve over an HF byte-level extension (Qwen3)', () => {
  it("decomposes every new token by the base's merges and counts what the library encodes", async () => {
    const dir = sampleBuild('qwen3');
    const server = await startServer({ db: path.join(tmpDir(), 'none.db'), dirs: [dir], port: 0 });
    try {
      const get = async (p: string) => (await fetch(new URL(p, server.url))).json() as Promise<Record<string, unknown>>;
      const v = (await get(`/api/version?ref=${encodeURIComponent(dir)}&limit=500`)) as {
        pieces: { total: number; rows: { piece: string; kind: string; decomposition: string[] }[] };
      };
      expect(v.pieces.total).toBe(300);
      for (const p of v.pieces.rows) expect(p.decomposition.join('')).toBe(p.piece); // byte-level strings concatenate
      expect(v.pieces.rows.filter((p) => p.decomposition.length > 1).length).toBeGreaterThan(250);
      const ext = await openEvalTokenizer(dir, path.join(tmpDir(), 'none.db'));
      for (const text of [JA, EN]) {
        const r = await fetch(new URL('/api/compare', server.url), {
          method: 'POST',
          body: JSON.stringify({ a: 'qwen3', b: dir, text }),
        });
        const j = (await r.json()) as { b: { tokens: number; spans: { text: string }[] } };
        const [ids] = await ext.encodeBatch([text]);
        expect(j.b.tokens).toBe(ids!.length);
        expect(j.b.spans.map((s) => s.text).join('')).toBe(text);
      }
    } finally {
      await server.close();
    }
  });
});

/** `tokext serve ARGS` in a process, once it printed its URL (--json). */
async function serveProcess(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--json', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: (JSON.parse(line) as { url: string }).url, stderr: () => stderr, exit };
}

describe('tokext serve (command)', () => {
  it('prints its URL and stops cleanly on Ctrl-C', async () => {
    const s = await serveProcess(['--db', path.join(tmpDir(), 'none.db')]);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(new URL('/api/versions', s.url));
    expect(((await r.json()) as { versions: unknown[] }).versions).toHaveLength(4); // no store: the bundled bases
    expect(s.stderr()).toBe('');
    s.child.kill('SIGINT');
    expect(await s.exit).toBe(0); // Ctrl-C is how a server is stopped: not a failure
    await expect(fetch(new URL('/api/versions', s.url))).rejects.toThrow();
  });

  it('warns when listening beyond this machine', async () => {
    const s = await serveProcess(['--host', '0.0.0.0', '--db', path.join(tmpDir(), 'none.db')]);
    expect(s.stderr()).toMatch(/warning: listening on 0\.0\.0\.0/);
    s.child.kill('SIGTERM');
    await s.exit;
  });

  it('refuses a directory that is not there', async () => {
    const missing = await cli(['serve', path.join(tmpDir(), 'nope'), '--port', '0']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no such build directory/);
  });
});
