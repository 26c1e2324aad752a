// Build modes end to end: the punctuation rule and SentencePiece's, --allow-non-japanese, weights,
// and eval --dead on the result.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE, cli, tmpDir } from '../helpers.js';

const dir = tmpDir();
const build = async (name: string, ...args: string[]) => {
  const out = path.join(dir, name);
  const r = await cli([
    'build',
    '--no-db',
    '--corpus',
    SAMPLE,
    '--target',
    '33000',
    '--out',
    out,
    '--progress',
    'none',
    '--json',
    ...args,
  ]);
  expect(r.status, r.stderr).toBe(0);
  const json = JSON.parse(fs.readFileSync(path.join(out, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  const added = Object.entries(json.model.vocab)
    .filter(([, id]) => id >= 32000 && id < 33000)
    .map(([p]) => p);
  return {
    out,
    added,
    manifest: JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')),
    summary: JSON.parse(r.stdout),
  };
};
/** build() once per argument list (the first name given is its directory): tests that only read a build share it. */
const builds = new Map<string, Awaited<ReturnType<typeof build>>>();
const built = async (name: string, ...args: string[]) => {
  const key = JSON.stringify(args);
  if (!builds.has(key)) builds.set(key, await build(name, ...args));
  return builds.get(key)!;
};
const CLOSING = /[。、！？」』）]$/u;

describe('split modes', () => {
  it('by default pieces may end with closing punctuation; --split-by-script never lets them', async () => {
    const d = await built('default');
    const s = await built('sp', '--split-by-script');
    expect(d.added.filter((p) => CLOSING.test(p) && p.length > 1).length).toBeGreaterThan(10);
    expect(s.added.filter((p) => CLOSING.test(p) && p.length > 1)).toEqual([]);
    // never spanning punctuation: nothing after a closing mark, nothing before an opening one
    for (const p of d.added) expect(p, p).not.toMatch(/[。、！？」』）]./u);
    expect(d.manifest.spec.splitByScript).toBe(false);
    expect(s.manifest.spec.splitByScript).toBe(true);
  });
});

describe('--allow-non-japanese', () => {
  it('may learn pieces without Japanese, and verify then skips the English-identity check, passing the rest', async () => {
    const corpus = path.join(dir, 'mixed.txt');
    fs.writeFileSync(
      corpus,
      `${fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8')}\n${'the zyzzyva zyzzyva quux quux frobnicate\n'.repeat(200)}`,
    );
    const out = path.join(dir, 'mixed');
    const r = await cli([
      'build',
      '--no-db',
      '--corpus',
      corpus,
      '--target',
      '33000',
      '--allow-non-japanese',
      '--out',
      out,
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const vocab = JSON.parse(fs.readFileSync(path.join(out, 'tokenizer.json'), 'utf8')).model.vocab as Record<
      string,
      number
    >;
    expect(Object.entries(vocab).some(([p, id]) => id >= 32000 && /zyzzyva|frobnicate|quux/.test(p))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).spec.policy).toBe('allow-non-japanese');
    const v = await cli(['verify', out, '--json']);
    expect(v.status, v.stdout).toBe(0);
    const checks = JSON.parse(v.stdout).checks.map((c: { name: string }) => c.name);
    expect(checks).not.toContain('base-language-preserved');
    expect(checks).toEqual(expect.arrayContaining(['reachable', 'parity', 'never-longer']));
  });
});

describe('corpus weights', () => {
  it('a :WEIGHT counts a source more and is recorded per input', async () => {
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    const lines = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').split('\n');
    fs.writeFileSync(a, lines.slice(0, 1000).join('\n'));
    fs.writeFileSync(b, lines.slice(1000).join('\n'));
    const plain = await cli([
      'train',
      '--corpus',
      a,
      '--corpus',
      b,
      '--balance',
      '1',
      '--target',
      '32300',
      '--out',
      path.join(dir, 'p1.json'),
      '--progress',
      'none',
    ]);
    const weighted = await cli([
      'train',
      '--corpus',
      a,
      '--corpus',
      `${b}:5`,
      '--balance',
      '1',
      '--target',
      '32300',
      '--out',
      path.join(dir, 'p5.json'),
      '--progress',
      'none',
    ]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(weighted.status, weighted.stderr).toBe(0);
    const p1 = JSON.parse(fs.readFileSync(path.join(dir, 'p1.json'), 'utf8'));
    const p5 = JSON.parse(fs.readFileSync(path.join(dir, 'p5.json'), 'utf8'));
    expect(p1.inputs.map((i: { weight: number }) => i.weight)).toEqual([1, 1]);
    expect(p5.inputs.map((i: { weight: number }) => i.weight)).toEqual([1, 5]);
    expect(p5.pieces.map((t: { piece: string }) => t.piece)).not.toEqual(
      p1.pieces.map((t: { piece: string }) => t.piece),
    );
  });
});

describe('eval --dead', () => {
  it('lists the new pieces no corpus used, as text and as JSON', async () => {
    const d = (await built('default')).out;
    const t = await cli(['eval', '--tokenizer', d, '--corpus', SAMPLE, '--dead', '--progress', 'none']);
    expect(t.status, t.stderr).toBe(0);
    const j = JSON.parse(
      (await cli(['eval', '--tokenizer', d, '--corpus', SAMPLE, '--dead', '--json', '--progress', 'none'])).stdout,
    );
    const dead = j.tokenizers[0].dead_pieces as { id: number; piece: string }[];
    expect(dead.length).toBe(j.rows[0].dead_new_pieces);
    expect(dead.length).toBeGreaterThan(0);
    for (const x of dead.slice(0, 5)) expect(t.stdout).toContain(`  ${x.id}\t${JSON.stringify(x.piece)}`);
    expect(t.stdout).toMatch(new RegExp(`${dead.length} of 1000 new pieces unused on every corpus`));
  });
});

describe('stage files and init files are checked against their schema', () => {
  it('names the file and the first wrong field (exit 1), writing nothing', async () => {
    const pieces = path.join(dir, 'p-bad.json');
    const good = JSON.parse(fs.readFileSync(path.join(dir, 'p1.json'), 'utf8'));
    delete good.pieces[3].kind;
    fs.writeFileSync(pieces, JSON.stringify(good));
    const r = await cli(['plan', '--pieces', pieces, '--out', path.join(dir, 'plan-bad.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/p-bad\.json: not a valid pieces file \(tokext\.pieces\/1\): pieces\[3\]\.kind: /);
    expect(fs.existsSync(path.join(dir, 'plan-bad.json'))).toBe(false);
    const plan = path.join(dir, 'plan-bad2.json');
    fs.writeFileSync(plan, JSON.stringify({ format: 'tokext.pieces/1', spec: good.spec, pieces: [] }));
    const w = await cli(['write', '--plan', plan, '--out', path.join(dir, 'w-bad')]);
    expect(w.status).toBe(1);
    expect(w.stderr).toMatch(/not a valid plan file \(tokext\.plan\/1\): format: /);
    const init = JSON.parse(fs.readFileSync(path.join((await built('default')).out, 'embedding-init.json'), 'utf8'));
    init.rows[2].from = ['x'];
    const initFile = path.join(dir, 'init-bad.json');
    fs.writeFileSync(initFile, JSON.stringify(init));
    const e = await cli(['init-embeddings', '--model', dir, '--init', initFile, '--out', path.join(tmpDir(), 'm-bad')]);
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/init-bad\.json: not a valid embedding-init\.json: rows\[2\]\.from\[0\]: /);
  });
});

describe('--text-field for the commands that read corpora', () => {
  it('eval, verify, curve and diff read a JSONL field as they read the same lines from a text file; verify says when it skipped records', async () => {
    const lines = fs
      .readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 300);
    const txt = path.join(dir, 'tf.txt');
    const jsonl = path.join(dir, 'tf.jsonl');
    fs.writeFileSync(txt, lines.join('\n') + '\n');
    fs.writeFileSync(jsonl, lines.map((l) => JSON.stringify({ content: l })).join('\n') + '\n');
    const { out } = await built('tf', '--split-by-script');
    const evalOf = async (...a: string[]) => {
      const r = await cli([
        'eval',
        '--tokenizer',
        out,
        '--db',
        path.join(dir, 'none.db'),
        '--json',
        '--progress',
        'none',
        ...a,
      ]);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout)[0];
    };
    const fromText = await evalOf('--corpus', txt);
    const fromJsonl = await evalOf('--corpus', jsonl, '--text-field', 'content');
    expect(fromJsonl.lines).toBe(300);
    expect({ ...fromJsonl, corpus: '' }).toEqual({ ...fromText, corpus: '' });
    // without the field, eval stops on the first record, naming the file and line
    const bad = await cli([
      'eval',
      '--tokenizer',
      out,
      '--corpus',
      jsonl,
      '--db',
      path.join(dir, 'none.db'),
      '--progress',
      'none',
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/tf\.jsonl:1: JSON record has no string field 'text'/);
    const verifyOf = async (...a: string[]) =>
      JSON.parse((await cli(['verify', out, '--corpus', jsonl, '--json', '--progress', 'none', ...a])).stdout);
    const v = await verifyOf('--text-field', 'content');
    expect(v.ok).toBe(true);
    expect(v.efficiency.texts).toBe(300);
    const skipped = await verifyOf();
    expect(skipped.efficiency?.texts ?? 0).toBe(0);
    expect(skipped.notes.join('\n')).toMatch(/300 corpus lines were skipped: .*'text' field/);
    const curveOf = async (...a: string[]) => {
      const db = path.join(dir, 'none.db');
      const r = await cli(['curve', out, '--points', '3', '--db', db, '--json', '--progress', 'none', ...a]);
      return JSON.parse(r.stdout);
    };
    const jsonlCurve = (await curveOf('--corpus', jsonl, '--text-field', 'content')) as { chars_per_token: number }[];
    expect(jsonlCurve.length).toBeGreaterThanOrEqual(3);
    expect(jsonlCurve.map((p) => p.chars_per_token)).toEqual(
      (await curveOf('--corpus', txt)).map((p: { chars_per_token: number }) => p.chars_per_token),
    );
    const diffOf = async (...a: string[]) =>
      JSON.parse(
        (await cli(['diff', 'mistral-7b-v0.1', out, '--db', path.join(dir, 'none.db'), '--json', ...a])).stdout,
      ).efficiency;
    const d = await diffOf('--corpus', jsonl, '--text-field', 'content');
    expect(d.lines).toBe(300);
    expect(d).toEqual(await diffOf('--corpus', txt));
  });
});
