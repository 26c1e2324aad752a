// Corpus formats beyond text and JSONL: Parquet (a text column) and zstd streams, with the bad
// inputs a user meets: a missing or non-text column, corrupt or truncated files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetWriteFile } from 'hyparquet-writer';
import { decompress } from 'fzstd';
import { emptyStats, listCorpusFiles, readCorpusFile } from '../../src/corpus/read.js';
import { cli, SAMPLE, tmpDir } from '../helpers.js';

async function readAll(file: string, opts: Partial<{ skipInvalid: boolean; textField: string }> = {}) {
  const out: string[] = [];
  const stats = emptyStats();
  for (const f of listCorpusFiles(file))
    await readCorpusFile(
      f,
      { textField: opts.textField ?? 'text', skipInvalid: opts.skipInvalid ?? false },
      stats,
      (t) => {
        out.push(t);
      },
    );
  return { out, stats };
}

/** A valid zstd frame holding `data` in raw (stored) blocks: written here, read by any decoder. */
function zstdStored(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])]; // magic; no checksum, no size; window 128 KB
  const max = 1 << 17;
  for (let at = 0; at < data.length || at === 0; at += max) {
    const block = data.subarray(at, at + max);
    const last = at + max >= data.length ? 1 : 0;
    const h = (block.length << 3) | (0 << 1) | last; // raw block
    parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]), block);
    if (data.length === 0) break;
  }
  return Buffer.concat(parts);
}

const LINES = ['今日は良い天気です。', '猫が好きだ', 'English line', 'コーヒーを飲む'];

describe('Parquet corpora', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'data.parquet');
  parquetWriteFile({
    filename: file,
    columnData: [
      { name: 'id', data: LINES.map((_, i) => i), type: 'INT32' },
      { name: 'text', data: LINES, type: 'STRING' },
      { name: 'body', data: LINES.map((l) => `${l}!`), type: 'STRING' },
    ],
    rowGroupSize: 3, // two row groups
  });

  it('reads the text column row group by row group, and --text-field picks another', async () => {
    expect((await readAll(file)).out).toEqual(LINES);
    expect((await readAll(file, { textField: 'body' })).out).toEqual(LINES.map((l) => `${l}!`));
  });
  it('names the file and the columns when the column is missing, and refuses a column that is not text', async () => {
    await expect(readAll(file, { textField: 'content' })).rejects.toThrow(
      /data\.parquet: no column 'content' \(columns: id: INT32, text: STRING, body: STRING\)/,
    );
    await expect(readAll(file, { textField: 'id' })).rejects.toThrow(
      /data\.parquet: column 'id' is not text \(INT32\)/,
    );
  });
  it('names the file of a corrupt or truncated Parquet file', async () => {
    const bad = path.join(dir, 'truncated.parquet');
    fs.writeFileSync(bad, fs.readFileSync(file).subarray(0, 100));
    await expect(readAll(bad)).rejects.toThrow(/truncated\.parquet: not a readable Parquet file/);
    const junk = path.join(dir, 'junk.parquet');
    fs.writeFileSync(junk, 'PAR1 but nothing else here PAR1');
    await expect(readAll(junk)).rejects.toThrow(/junk\.parquet: not a readable Parquet file/);
  });
  it('nulls in the column stop the read with the row, or are skipped and counted', async () => {
    const withNull = path.join(dir, 'null.parquet');
    parquetWriteFile({ filename: withNull, columnData: [{ name: 'text', data: ['あ', null, 'い'], type: 'STRING' }] });
    await expect(readAll(withNull)).rejects.toThrow(/null\.parquet: row 1: null 'text'/);
    const r = await readAll(withNull, { skipInvalid: true });
    expect(r.out).toEqual(['あ', 'い']);
    expect(r.stats.skipped.missingField).toBe(1);
  });
});

describe('zstd corpora', () => {
  const dir = tmpDir();
  it('reads text and JSONL in zstd frames (checked against the decoder first)', async () => {
    const text = Buffer.from(LINES.join('\n') + '\n');
    const jsonl = Buffer.from(LINES.map((t) => JSON.stringify({ text: t })).join('\n') + '\n');
    expect(Buffer.from(decompress(zstdStored(text))).equals(text)).toBe(true);
    fs.writeFileSync(path.join(dir, 'a.txt.zst'), zstdStored(text));
    fs.writeFileSync(path.join(dir, 'b.jsonl.zst'), zstdStored(jsonl));
    expect((await readAll(path.join(dir, 'a.txt.zst'))).out).toEqual(LINES);
    expect((await readAll(path.join(dir, 'b.jsonl.zst'))).out).toEqual(LINES);
    const big = Buffer.from(`${'あ'.repeat(100_000)}\n`.repeat(3)); // lines across several blocks
    fs.writeFileSync(path.join(dir, 'big.txt.zst'), zstdStored(big));
    expect((await readAll(path.join(dir, 'big.txt.zst'))).out.map((l) => l.length)).toEqual([
      100_000, 100_000, 100_000,
    ]);
  });
  it.skipIf(spawnSync('zstd', ['--version']).error !== undefined)(
    'reads a file compressed by the zstd tool',
    async () => {
      const src = path.join(dir, 'tool.txt');
      fs.writeFileSync(src, fs.readFileSync(path.join(SAMPLE, 'sample.txt')));
      expect(spawnSync('zstd', ['-q', '-19', src, '-o', `${src}.zst`]).status).toBe(0);
      const plain = await readAll(src);
      expect((await readAll(`${src}.zst`)).out).toEqual(plain.out);
    },
  );
  it('names the file of corrupt and truncated zstd data', async () => {
    fs.writeFileSync(path.join(dir, 'junk.txt.zst'), Buffer.from('definitely not zstd'));
    await expect(readAll(path.join(dir, 'junk.txt.zst'))).rejects.toThrow(
      /junk\.txt\.zst: corrupt or truncated zstd data/,
    );
    const good = zstdStored(Buffer.from(LINES.join('\n') + '\n'));
    fs.writeFileSync(path.join(dir, 'cut.txt.zst'), good.subarray(0, good.length - 10));
    await expect(readAll(path.join(dir, 'cut.txt.zst'))).rejects.toThrow(
      /cut\.txt\.zst: corrupt or truncated zstd data/,
    );
  });
});

describe('every command that reads corpora accepts them', () => {
  it('count, build, eval and verify read Parquet and zstd; bad input writes nothing', async () => {
    const dir = tmpDir();
    const lines = fs
      .readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const pq = path.join(dir, 'sample.parquet');
    parquetWriteFile({ filename: pq, columnData: [{ name: 'text', data: lines, type: 'STRING' }] });
    const zst = path.join(dir, 'sample.txt.zst');
    fs.writeFileSync(zst, zstdStored(Buffer.from(lines.join('\n') + '\n')));
    const counts: unknown[] = [];
    for (const [i, n] of ['plain', 'parquet', 'zstd'].entries()) {
      const r = await cli([
        'count',
        '--corpus',
        [SAMPLE, pq, zst][i]!,
        '--out',
        path.join(dir, `${n}.counts.parquet`),
        '--json',
        '--progress',
        'none',
      ]);
      expect(r.status, r.stderr).toBe(0);
      counts.push(JSON.parse(r.stdout).chunks);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    const out = path.join(dir, 'b');
    expect(
      (await cli(['build', '--no-db', '--corpus', pq, '--target', '32100', '--out', out, '--progress', 'none'])).status,
    ).toBe(0);
    const ev = await cli(['eval', '--tokenizer', out, '--corpus', pq, '--corpus', zst, '--json', '--progress', 'none']);
    expect(ev.status, ev.stderr).toBe(0);
    const rows = JSON.parse(ev.stdout);
    expect(rows[0].lines).toBe(lines.length);
    expect(rows[1].chars_per_token).toBe(rows[0].chars_per_token);
    expect((await cli(['verify', out, '--corpus', zst, '--corpus', pq])).status).toBe(0);
    const bad = await cli([
      'build',
      '--no-db',
      '--corpus',
      pq,
      '--text-field',
      'content',
      '--target',
      '32100',
      '--out',
      path.join(dir, 'c'),
      '--progress',
      'none',
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/sample\.parquet: no column 'content'/);
    expect(fs.existsSync(path.join(dir, 'c'))).toBe(false);
  });
});
