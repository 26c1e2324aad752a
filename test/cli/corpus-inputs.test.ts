// The corpus inputs as every command sees them: a file given twice is refused before anything is
// written, compressions tokext does not read are named, Parquet's invalid UTF-8 and list columns
// are reported by file and row, and --balance weighs the same text the same however it is stored.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parquetWriteFile } from 'hyparquet-writer';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { cli, SAMPLE, tmpDir } from '../helpers.js';

const dir = tmpDir();
const lines = fs
  .readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .slice(0, 300);
const text = Buffer.from(lines.join('\n') + '\n');
const a = path.join(dir, 'a.txt');
fs.writeFileSync(a, text);
const QUIET = ['--progress', 'none'];

/** The counts of a count shard, by chunk. */
async function shardCounts(file: string): Promise<Map<string, number>> {
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file), columns: ['chunk', 'count'] });
  return new Map(rows.map((r) => [r.chunk as string, r.count as number]));
}

describe('a file given twice', () => {
  it('count refuses --corpus a.txt --corpus a.txt with exit 2, both named, the :WEIGHT hint, no output', async () => {
    const out = path.join(dir, 'twice.parquet');
    const r = await cli(['count', '--corpus', a, '--corpus', a, '--out', out, ...QUIET]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`the same file is read twice: --corpus ${a} and --corpus ${a}`);
    expect(r.stderr).toContain(`hint: give each file once; to count a source more, give it a weight: --corpus ${a}:2`);
    expect(fs.existsSync(out)).toBe(false);
  });
  it('build refuses a directory and a file inside it; train refuses a link to a file given too', async () => {
    const d = path.join(dir, 'corpus');
    fs.mkdirSync(d);
    const inner = path.join(d, 'b.txt');
    fs.copyFileSync(a, inner);
    const out = path.join(dir, 'built');
    const b = await cli([
      'build',
      '--no-db',
      '--corpus',
      d,
      '--corpus',
      inner,
      '--target',
      '32100',
      '--out',
      out,
      ...QUIET,
    ]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain(`the same file is read twice: ${inner} (in --corpus ${d}) and --corpus ${inner}`);
    expect(fs.existsSync(out)).toBe(false);
    const link = path.join(dir, 'link.txt');
    fs.symlinkSync(a, link);
    const t = await cli([
      'train',
      '--corpus',
      a,
      '--corpus',
      `${link}:2`,
      '--target',
      '32100',
      '--out',
      path.join(dir, 'p.json'),
      ...QUIET,
    ]);
    expect(t.status).toBe(2);
    expect(t.stderr).toContain(`the same file is read twice: --corpus ${a} and --corpus ${link}`);
    expect(fs.existsSync(path.join(dir, 'p.json'))).toBe(false);
  });
});

describe('inputs tokext cannot read as they are', () => {
  it('a .bz2 is refused by name (exit 1), not read as text even with --skip-invalid', async () => {
    const bz = path.join(dir, 'a.txt.bz2');
    fs.writeFileSync(bz, Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.from([0x00, 0x01, 0x02])]));
    const r = await cli(['count', '--skip-invalid', '--corpus', bz, '--out', path.join(dir, 'bz.parquet'), ...QUIET]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bz}: unsupported compression (.bz2)`);
    expect(fs.existsSync(path.join(dir, 'bz.parquet'))).toBe(false);
  });
  it('gzip data behind a .txt name is named, not counted as garbage', async () => {
    const gz = path.join(dir, 'gz.txt');
    fs.writeFileSync(gz, zlib.gzipSync(text));
    const r = await cli(['count', '--skip-invalid', '--corpus', gz, '--out', path.join(dir, 'gz.parquet'), ...QUIET]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${gz}: gzip-compressed data in a file not named .gz`);
  });
  it('invalid UTF-8 in a Parquet cell stops count with file and row; --skip-invalid counts it', async () => {
    const pq = path.join(dir, 'bad.parquet');
    parquetWriteFile({
      filename: pq,
      columnData: [
        { name: 'text', data: ['あいう', new Uint8Array([0xe3, 0x81]), 'かきく'], type: 'STRING', statistics: false },
      ],
    });
    const stop = await cli(['count', '--corpus', pq, '--out', path.join(dir, 'bad.counts.parquet'), ...QUIET]);
    expect(stop.status).toBe(1);
    expect(stop.stderr).toContain(`${pq}: row 1: invalid UTF-8 in 'text'`);
    const skip = await cli([
      'count',
      '--skip-invalid',
      '--corpus',
      pq,
      '--out',
      path.join(dir, 'skip.counts.parquet'),
      '--json',
      ...QUIET,
    ]);
    expect(skip.status, skip.stderr).toBe(0);
    expect(JSON.parse(skip.stdout)).toMatchObject({ records: 2, skipped_lines: { invalidUtf8: 1 } });
  });
  it('a list column is named as a list of STRING, and --text-field element finds no column', async () => {
    const pq = path.join(dir, 'list.parquet');
    parquetWriteFile({
      filename: pq,
      columnData: [{ name: 'sentences', data: [['あ', 'い'], ['う']] }],
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'sentences', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      ],
    });
    const el = await cli([
      'count',
      '--corpus',
      pq,
      '--text-field',
      'element',
      '--out',
      path.join(dir, 'l1.parquet'),
      ...QUIET,
    ]);
    expect(el.status).toBe(1);
    expect(el.stderr).toContain(`${pq}: no column 'element' (columns: sentences: list of STRING)`);
    expect(el.stderr).not.toContain('corrupt');
    const col = await cli([
      'count',
      '--corpus',
      pq,
      '--text-field',
      'sentences',
      '--out',
      path.join(dir, 'l2.parquet'),
      ...QUIET,
    ]);
    expect(col.status).toBe(1);
    expect(col.stderr).toContain(`${pq}: column 'sentences' is a list of STRING, not text (a list is not text)`);
  });
});

describe('--balance by decoded bytes', () => {
  it('the same text as a.txt and b.txt.zst (or .gz) counts the same from each', async () => {
    const zst = path.join(dir, 'b.txt.zst');
    const z = zstdStored(text);
    fs.writeFileSync(zst, z);
    const gz = path.join(dir, 'c.txt.gz');
    fs.writeFileSync(gz, zlib.gzipSync(text));
    const one = path.join(dir, 'one.parquet');
    expect((await cli(['count', '--corpus', a, '--out', one, ...QUIET])).status).toBe(0);
    const both = path.join(dir, 'both.parquet');
    const r = await cli([
      'count',
      '--corpus',
      a,
      '--corpus',
      zst,
      '--corpus',
      gz,
      '--balance',
      '0.3',
      '--out',
      both,
      ...QUIET,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const single = await shardCounts(one);
    const triple = await shardCounts(both);
    expect(triple.size).toBe(single.size);
    for (const [chunk, n] of single) expect(triple.get(chunk)).toBe(3 * n);
  });
});

describe('directory walks', () => {
  it('count says which files of a directory it passed over', async () => {
    const d = path.join(dir, 'walk');
    fs.mkdirSync(d);
    fs.copyFileSync(a, path.join(d, 'a.txt'));
    fs.writeFileSync(path.join(d, 'rows.csv'), 'text\nあ\n');
    const r = await cli(['count', '--corpus', d, '--out', path.join(dir, 'walk.parquet'), ...QUIET]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`tokext: skipped 1 file(s) in corpus directories whose names are not corpus names`);
    expect(r.stderr).toContain(path.join(d, 'rows.csv'));
  });
});

/** A zstd frame of `data` in raw blocks of at most 128 KB (any decoder reads it). */
function zstdStored(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])];
  const max = 1 << 17;
  for (let at = 0; at < data.length; at += max) {
    const block = data.subarray(at, at + max);
    const h = (block.length << 3) | (at + max >= data.length ? 1 : 0);
    parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]), block);
  }
  return Buffer.concat(parts);
}
