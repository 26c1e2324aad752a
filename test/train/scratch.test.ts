import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuntimes, rustEncodeAll } from '../../src/verify/runtimes.js';
import { unreachable } from '../../src/plan/sentencepiece.js';
import { readModelProto } from '../../src/spm/modelproto.js';
import { sha256File } from '../../src/io/atomic.js';
import { PROBE_TEXTS } from '../../src/verify/texts.js';
import { ROOT, cli, cliProcess, tmpDir } from '../helpers.js';

const SAMPLE = path.join(ROOT, 'corpora', 'sample', 'sample.txt');
/** `tokext ARGS --progress none` in this worker. */
const run = (...args: string[]) => cli([...args, '--progress', 'none']);

describe('train --from-scratch and count shards', () => {
  const dir = tmpDir();
  it('trains a standalone BPE model that all three runtimes encode identically, deterministically', async () => {
    // one run in this worker, one in a process of its own: two runs that share no state
    for (const [name, runIn] of [
      ['a', run],
      ['b', (...args: string[]) => Promise.resolve(cliProcess([...args, '--progress', 'none']))],
    ] as const) {
      const r = await runIn(
        'train',
        '--from-scratch',
        '--vocab-size',
        '1200',
        '--corpus',
        SAMPLE,
        '--out',
        path.join(dir, name),
      );
      expect(r.status, r.stderr).toBe(0);
    }
    for (const f of [
      'tokenizer.json',
      'tokenizer.model',
      'tokenizer_config.json',
      'special_tokens_map.json',
      'manifest.json',
      'README.md',
    ]) {
      expect(sha256File(path.join(dir, 'a', f)), f).toBe(sha256File(path.join(dir, 'b', f)));
    }
    const m = readModelProto(fs.readFileSync(path.join(dir, 'a', 'tokenizer.model')));
    expect(m.pieces.length).toBe(1200);
    expect(m.pieces[3]!.piece).toBe('<0x00>');
    expect(m.trainerSpec.vocab_size).toBe(1200);
    expect(unreachable({ ...m, paddingIds: [] }, 259)).toEqual([]);
    const rt = await loadRuntimes(path.join(dir, 'a'));
    const texts = [...PROBE_TEXTS, ...fs.readFileSync(SAMPLE, 'utf8').split('\n').slice(0, 300)].filter(
      (t) => !/<\/?s>|<unk>/.test(t),
    );
    const ids = await rustEncodeAll(rt.rust, texts);
    texts.forEach((t, i) => {
      expect(rt.js.encode(t, { add_special_tokens: false }).ids, t).toEqual(ids[i]);
      expect(rt.spm.encodeIds(t), t).toEqual(ids[i]);
    });
    const decoded = await rt.rust.decodeBatch(ids, false);
    texts.forEach((t, i) => expect(decoded[i]).toBe(t));
    const v = await run('verify', path.join(dir, 'a'), '--json');
    expect(v.status, v.stdout).toBe(0);
    expect(JSON.parse(v.stdout).checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['parity', 'reachable', 'two-views-one-model']),
    );
  });

  it('counting in shards and training on the merged counts gives the same pieces as one pass', async () => {
    const lines = fs.readFileSync(SAMPLE, 'utf8').split('\n');
    const half = Math.floor(lines.length / 2);
    fs.writeFileSync(path.join(dir, 's1.txt'), lines.slice(half).join('\n'));
    fs.writeFileSync(path.join(dir, 's2.txt'), lines.slice(0, half).join('\n') + '\n');
    expect(
      (await run('count', '--corpus', path.join(dir, 's1.txt'), '--out', path.join(dir, 'c1.parquet'))).status,
    ).toBe(0);
    expect(
      (await run('count', '--corpus', path.join(dir, 's2.txt'), '--out', path.join(dir, 'c2.parquet'))).status,
    ).toBe(0);
    const one = await run('train', '--corpus', SAMPLE, '--target', '32300', '--out', path.join(dir, 'one.json'));
    expect(one.status, one.stderr).toBe(0);
    const shards = await run(
      'train',
      '--counts',
      path.join(dir, 'c1.parquet'),
      path.join(dir, 'c2.parquet'),
      '--target',
      '32300',
      '--out',
      path.join(dir, 'two.json'),
    );
    expect(shards.status, shards.stderr).toBe(0);
    const a = JSON.parse(fs.readFileSync(path.join(dir, 'one.json'), 'utf8')).pieces;
    const b = JSON.parse(fs.readFileSync(path.join(dir, 'two.json'), 'utf8')).pieces;
    expect(a.length).toBeGreaterThan(300);
    expect(b).toEqual(a);
  });

  it('rejects a corrupt counts file by name', async () => {
    fs.writeFileSync(path.join(dir, 'bad.parquet'), 'not parquet at all');
    const r = await run(
      'train',
      '--counts',
      path.join(dir, 'bad.parquet'),
      '--target',
      '32300',
      '--out',
      path.join(dir, 'x.json'),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.parquet: not a readable Parquet counts file/);
  });
});
