import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fc, it as fcit } from '@fast-check/vitest';
import { ChunkStore, type ChunkSet } from '../../src/corpus/chunk-store.js';
import { ChunkTable } from '../../src/corpus/chunk-table.js';
import { countCorpora } from '../../src/corpus/count.js';
import { sentencePiecePretokenizer } from '../../src/corpus/pretokenize.js';
import { SAMPLE, tmpDir } from '../helpers.js';

fc.configureGlobal({ seed: 20261126, numRuns: 40 });
const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: true });

async function asMap(set: ChunkSet): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  await set.forEach((c, n) => {
    expect(m.has(c), `duplicate ${c}`).toBe(false);
    m.set(c, n);
  });
  return m;
}

describe('ChunkTable', () => {
  fcit.prop([fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.integer({ min: 1, max: 5 })), { maxLength: 400 })])(
    'counts like a Map, across growths',
    (items) => {
      const t = new ChunkTable(4);
      const m = new Map<string, number>();
      for (const [s, n] of items) {
        t.add(`x${s}y`, 1, s.length + 1, n);
        m.set(s, (m.get(s) ?? 0) + n);
      }
      const got = new Map<string, number>();
      t.forEach((c, n) => got.set(c, n));
      expect(got).toEqual(m);
    },
  );
  it('refuses to grow past its limit', () => {
    const t = new ChunkTable(4, 0);
    expect(t.add('あ', 0, 1, 1)).toBe(true); // the first entry always fits
    let refused = false;
    for (let i = 0; i < 10_000 && !refused; i++) refused = !t.add(`k${i}`, 0, `k${i}`.length, 1);
    expect(refused).toBe(true);
  });
});

describe('ChunkStore: exact counting in bounded memory', () => {
  const tmp = tmpDir();
  afterEach(() => {
    delete process.env.TOKEXT_TEST_SPILL_LIMIT;
  });
  const count = (tableBytes: number, signal?: AbortSignal) =>
    countCorpora(sp, {
      corpora: [{ path: SAMPLE, weight: 2 }],
      textField: 'text',
      skipInvalid: false,
      balance: 1,
      tableBytes,
      tmpDir: tmp,
      signal,
    });

  it('gives the same counts when it spills to disk many times, and removes its files', async () => {
    const mem = await count(1 << 30);
    const disk = await count(32 << 10);
    expect(mem.spills).toBe(0);
    expect(disk.spills).toBeGreaterThan(3);
    expect(disk.chunks.spilledBytes).toBeGreaterThan(0);
    expect(disk.chunks.distinct).toBe(mem.chunks.distinct);
    expect(disk.chunks.occurrences).toBe(mem.chunks.occurrences);
    expect(await asMap(disk.chunks)).toEqual(await asMap(mem.chunks));
    expect(fs.readdirSync(tmp).length).toBe(1); // the spill directory, until disposed
    disk.chunks.dispose();
    mem.chunks.dispose();
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('moves an in-memory set to disk on release, keeping every count', async () => {
    const a = await count(1 << 30);
    const before = await asMap(a.chunks);
    expect(a.chunks.tableBytes).toBeGreaterThan(0);
    a.chunks.release();
    expect(a.chunks.tableBytes).toBe(0);
    expect(await asMap(a.chunks)).toEqual(before);
    a.chunks.dispose();
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('a full disk while spilling is a clear error naming the spill directory; nothing is left', async () => {
    process.env.TOKEXT_TEST_SPILL_LIMIT = '100000';
    await expect(count(64 << 10)).rejects.toThrow(
      /tokext-spill-\d+-\w+: cannot spill counts to disk: no space left on device/,
    );
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('Ctrl-C while spilling leaves nothing', async () => {
    const ctl = new AbortController();
    let spilled = false;
    const p = countCorpora(sp, {
      corpora: [{ path: SAMPLE, weight: 1 }],
      textField: 'text',
      skipInvalid: false,
      balance: 1,
      tableBytes: 64 << 10,
      batchBytes: 16 << 10, // batches counted (and spilled) as the file is read, progress between
      tmpDir: tmp,
      signal: ctl.signal,
      onProgress: () => {
        spilled = spilled || fs.readdirSync(tmp).length > 0;
        if (spilled) ctl.abort();
      },
    });
    await expect(p).rejects.toThrow(/interrupted/);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('sums added strings exactly whatever the order (count shards)', async () => {
    const a = new ChunkStore({ limitBytes: 1 << 14, tmpDir: tmp });
    const b = new ChunkStore({ limitBytes: 1 << 30, tmpDir: tmp });
    const items = Array.from({ length: 3000 }, (_, i) => [`▁語${i % 997}`, 1 + (i % 3)] as const);
    for (const [c, n] of items) a.addChunk(c, n);
    for (const [c, n] of [...items].reverse()) b.addChunk(c, n);
    const sa = await a.finish();
    const sb = await b.finish();
    expect(a.spills).toBeGreaterThan(0);
    expect(await asMap(sa)).toEqual(await asMap(sb));
    sa.dispose();
    sb.dispose();
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

describe('corpus files', () => {
  it('sees .parquet and .zst files in directories', async () => {
    const { listCorpusFiles } = await import('../../src/corpus/files.js');
    const d = tmpDir();
    for (const n of ['a.parquet', 'b.jsonl.zst', 'c.txt.zst', 'd.txt.gz', 'notes.md', 'meta.json'])
      fs.writeFileSync(path.join(d, n), '');
    expect(listCorpusFiles(d).map((f) => [path.basename(f.path), f.format, f.compression])).toEqual([
      ['a.parquet', 'parquet', 'none'],
      ['b.jsonl.zst', 'jsonl', 'zstd'],
      ['c.txt.zst', 'text', 'zstd'],
      ['d.txt.gz', 'text', 'gzip'],
    ]);
  });
});
