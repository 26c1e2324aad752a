// Every output option of every command, pointed at each of that command's inputs: refused before
// any work (exit 2), every input byte-identical afterwards, nothing left behind. Then the rest of
// the one output guard: an existing file tokext did not write needs --force, one it wrote does not,
// temporaries of dead runs beside a file output are removed and named, a read-only store is read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256File, tempPathFor } from '../../src/io/atomic.js';
import { isTokextFile } from '../../src/io/output.js';
import { SAMPLE, cli, temporaries, tmpDir } from '../helpers.js';

const dir = tmpDir();
const at = (...p: string[]) => path.join(dir, ...p);
const QUIET = ['--progress', 'none'];
const TARGET = ['--target', '32100'];

/** A safetensors file with one F32 matrix of `rows` x `cols`. */
function writeCheckpoint(modelDir: string, rows: number, cols: number): void {
  fs.mkdirSync(modelDir, { recursive: true });
  const bytes = rows * cols * 4;
  const header = Buffer.from(
    JSON.stringify({ 'model.embed_tokens.weight': { dtype: 'F32', shape: [rows, cols], data_offsets: [0, bytes] } }),
  );
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  fs.writeFileSync(path.join(modelDir, 'model.safetensors'), Buffer.concat([len, header, Buffer.alloc(bytes)]));
  fs.writeFileSync(path.join(modelDir, 'config.json'), JSON.stringify({ vocab_size: rows, tie_word_embeddings: true }));
}

/** SQLite's housekeeping beside a store: its shared-memory index and an empty log come and go with readers. */
const housekeeping = (p: string) => p.endsWith('-shm') || (p.endsWith('-wal') && fs.statSync(p).size === 0);

/** sha256 of every file under `root` (directories walked; SQLite's housekeeping left out), keyed by path. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    if (fs.statSync(p).isDirectory()) for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n));
    else if (!housekeeping(p)) out[p] = sha256File(p);
  };
  walk(root);
  return out;
}

const ok = async (args: string[]) => {
  const r = await cli(args);
  if (r.status !== 0) throw new Error(`tokext ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
};

beforeAll(async () => {
  fs.mkdirSync(at('cdir'));
  fs.copyFileSync(path.join(SAMPLE, 'sample.txt'), at('c.txt'));
  fs.copyFileSync(path.join(SAMPLE, 'sample.txt'), at('cdir', 'part.txt'));
  await ok([
    'build',
    '--corpus',
    at('c.txt'),
    ...TARGET,
    ...QUIET,
    '--db',
    at('s.db'),
    '--label',
    'v1',
    '--out',
    at('b'),
  ]);
  await ok(['count', '--corpus', at('c.txt'), ...QUIET, '--out', at('shard.parquet')]);
  await ok(['train', '--counts', at('shard.parquet'), ...TARGET, ...QUIET, '--out', at('p.json')]);
  await ok(['plan', '--pieces', at('p.json'), '--out', at('plan.json')]);
  writeCheckpoint(at('m'), 32000, 2);
});

/** A command, its output option and the inputs to point it at (relative to the test dir). */
interface Case {
  cmd: (out: string) => string[];
  inputs: string[];
}

const CASES: Record<string, Case> = {
  'count --out': {
    cmd: (o) => ['count', '--corpus', at('c.txt'), '--corpus', at('cdir'), ...QUIET, '--out', o],
    inputs: ['c.txt', 'cdir', 'cdir/part.txt', 'cdir/new.parquet'],
  },
  'train --out (corpus)': {
    cmd: (o) => ['train', '--corpus', at('c.txt'), ...TARGET, ...QUIET, '--out', o],
    inputs: ['c.txt'],
  },
  'train --out (counts)': {
    cmd: (o) => ['train', '--counts', at('shard.parquet'), ...TARGET, ...QUIET, '--out', o],
    inputs: ['shard.parquet'],
  },
  'train --from-scratch --out': {
    cmd: (o) => ['train', '--from-scratch', '--vocab-size', '400', '--corpus', at('cdir'), ...QUIET, '--out', o],
    inputs: ['cdir', 'cdir/part.txt', 'cdir/sub'],
  },
  'plan --out': { cmd: (o) => ['plan', '--pieces', at('p.json'), '--out', o], inputs: ['p.json'] },
  'write --out': { cmd: (o) => ['write', '--plan', at('plan.json'), '--out', o], inputs: ['plan.json'] },
  'build --out': {
    cmd: (o) => ['build', '--corpus', at('cdir'), ...TARGET, ...QUIET, '--db', at('s.db'), '--out', o],
    inputs: ['cdir', 'cdir/sub', 's.db', 's.db-wal'],
  },
  'eval --report': {
    cmd: (o) => [
      'eval',
      '--tokenizer',
      at('b'),
      '--tokenizer',
      'v1',
      '--db',
      at('s.db'),
      '--corpus',
      at('c.txt'),
      ...QUIET,
      '--report',
      o,
    ],
    inputs: ['c.txt', 'b/tokenizer.json', 'b/manifest.json', 's.db', 's.db-wal', 's.db-shm'],
  },
  'eval --report (a tokenizer file)': {
    cmd: (o) => ['eval', '--tokenizer', at('b', 'tokenizer.json'), '--corpus', at('c.txt'), ...QUIET, '--report', o],
    inputs: ['b/tokenizer.json', 'b/tokenizer_config.json'],
  },
  'curve --report': {
    cmd: (o) => ['curve', at('b'), '--corpus', at('c.txt'), ...QUIET, '--report', o],
    inputs: ['b/tokenizer.json', 'b/manifest.json', 'c.txt'],
  },
  'curve --report (a stored version)': {
    cmd: (o) => ['curve', 'v1', '--db', at('s.db'), '--corpus', at('c.txt'), ...QUIET, '--report', o],
    inputs: ['s.db', 's.db-wal', 'c.txt'],
  },
  'diff --remap': {
    cmd: (o) => ['diff', 'mistral-7b-v0.1', at('b'), '--corpus', at('c.txt'), '--remap', o],
    inputs: ['c.txt', 'b/tokenizer.json', 'b/manifest.json'],
  },
  'diff --remap (stored versions)': {
    cmd: (o) => ['diff', 'v1', 'v1', '--db', at('s.db'), '--remap', o],
    inputs: ['s.db', 's.db-wal'],
  },
  'export --out': { cmd: (o) => ['export', 'v1', '--db', at('s.db'), '--out', o], inputs: ['s.db', 's.db-wal'] },
  'init-embeddings --out': {
    cmd: (o) => ['init-embeddings', '--model', at('m'), '--init', at('b', 'embedding-init.json'), ...QUIET, '--out', o],
    inputs: ['m', 'm/model.safetensors', 'm/sub', 'b', 'b/embedding-init.json'],
  },
};

describe('no output of any command can be one of its inputs', () => {
  for (const [name, c] of Object.entries(CASES)) {
    for (const input of c.inputs) {
      for (const force of [false, true]) {
        it(`${name} ${input}${force ? ' --force' : ''}`, async () => {
          const before = snapshot(dir);
          const r = await cli([...c.cmd(at(input)), ...(force ? ['--force'] : [])]);
          expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
          expect(r.status).toBe(2);
          expect(r.stderr).toMatch(/an input of this run|inside .*, an input of this run/);
          expect(snapshot(dir)).toEqual(before);
          expect(temporaries(dir)).toEqual([]);
        });
      }
    }
  }
});

describe('an existing file is replaced only if tokext wrote it, or with --force', () => {
  const evalTo = (report: string, ...more: string[]) =>
    cli(['eval', '--tokenizer', at('b'), '--corpus', at('c.txt'), ...QUIET, '--report', report, ...more]);

  it('refuses a file of the user without --force and leaves it as it was', async () => {
    const mine = at('mine.html');
    fs.writeFileSync(mine, '<html>my notes</html>');
    const r = await evalTo(mine);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--report .*mine\.html exists and tokext did not write it/);
    expect(fs.readFileSync(mine, 'utf8')).toBe('<html>my notes</html>');
    const forced = await evalTo(mine, '--force');
    expect(forced.status).toBe(0);
    expect(isTokextFile(mine)).toBe(true);
  });

  it('replaces its own report, pieces, plan and shard files without --force', async () => {
    const report = at('r.html');
    expect((await evalTo(report)).status).toBe(0);
    expect(isTokextFile(report)).toBe(true);
    expect((await evalTo(report)).status).toBe(0);
    for (const f of ['p.json', 'plan.json', 'shard.parquet']) expect(isTokextFile(at(f))).toBe(true);
    expect((await cli(['plan', '--pieces', at('p.json'), '--out', at('plan.json')])).status).toBe(0);
    const remap = at('remap.json');
    expect((await cli(['diff', 'mistral-7b-v0.1', at('b'), '--remap', remap])).status).toBe(0);
    expect(isTokextFile(remap)).toBe(true);
    expect(isTokextFile(at('c.txt'))).toBe(false);
    expect(isTokextFile(at('b', 'tokenizer.json'))).toBe(false);
  });

  it('refuses a user file named as --out of count, and a directory named as a file', async () => {
    const mine = at('counts.parquet');
    fs.writeFileSync(mine, 'PAR1 not ours');
    const r = await cli(['count', '--corpus', at('c.txt'), ...QUIET, '--out', mine]);
    expect(r.status).toBe(2);
    expect(fs.readFileSync(mine, 'utf8')).toBe('PAR1 not ours');
    const d = await cli(['plan', '--pieces', at('p.json'), '--out', at('cdir')]);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/is a directory; a file name is expected/);
  });
});

describe('temporaries of dead runs beside a file output', () => {
  it('are removed and named by the next run that writes there', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    const out = at('plan2.json');
    const leftover = tempPathFor(out).replace(`-${process.pid}-`, `-${pid}-`);
    fs.writeFileSync(leftover, '');
    const r = await cli(['plan', '--pieces', at('p.json'), '--out', out]);
    expect(r.status).toBe(0);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(r.stderr).toContain(`removed ${leftover}`);
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('a store in a place this user cannot write', () => {
  it('versions, export and diff read it; nothing is written there', async () => {
    const ro = tmpDir();
    fs.copyFileSync(at('s.db'), path.join(ro, 's.db'));
    fs.chmodSync(path.join(ro, 's.db'), 0o444);
    fs.chmodSync(ro, 0o555);
    const db = path.join(ro, 's.db');
    const before = snapshot(ro);
    const v = await cli(['versions', '--db', db, '--json'], { unprivileged: true });
    expect(v.stderr).toBe('');
    expect(JSON.parse(v.stdout).map((x: { label: string }) => x.label)).toEqual(['v1']);
    const d = await cli(['diff', 'mistral-7b-v0.1', 'v1', '--db', db, '--json'], { unprivileged: true });
    expect(d.status).toBe(0);
    expect(JSON.parse(d.stdout).added).toHaveLength(100);
    const outParent = tmpDir();
    fs.chmodSync(outParent, 0o777);
    const e = await cli(['export', 'v1', '--db', db, '--out', path.join(outParent, 'x')], { unprivileged: true });
    expect(e.status).toBe(0);
    expect(sha256File(path.join(outParent, 'x', 'tokenizer.json'))).toBe(sha256File(at('b', 'tokenizer.json')));
    expect(snapshot(ro)).toEqual(before);
    expect(fs.readdirSync(ro)).toEqual(['s.db']);
  });
});
