// What the corpus inputs accept and refuse: a file read twice, invalid UTF-8 and list columns in
// Parquet, compressions tokext does not read, and what directory walks pass over; and balancing
// by decoded bytes, so the same text weighs the same however it is stored.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parquetWriteFile } from 'hyparquet-writer';
import { exactWeight, listCorpora, listCorpusFiles, skippedNote } from '../../src/corpus/files.js';
import { decodedBytes, emptyStats, readCorpusFile } from '../../src/corpus/read.js';
import { countCorpora } from '../../src/corpus/count.js';
import { sentencePiecePretokenizer } from '../../src/corpus/pretokenize.js';
import { InputError, UsageError } from '../../src/errors.js';
import { tmpDir } from '../helpers.js';

const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: false });

function write(dir: string, name: string, data: string | Buffer): string {
  const f = path.join(dir, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, data);
  return f;
}

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

/** The error `fn` throws (fails the test when it throws none). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** A zstd frame holding `data` in one raw (stored) block (data under 128 KB). */
function zstdStored(data: Buffer): Buffer {
  const h = (data.length << 3) | 1; // raw block, last
  return Buffer.concat([
    Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]),
    Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]),
    data,
  ]);
}

describe('a file read twice is refused', () => {
  const dir = tmpDir();
  const a = write(dir, 'a.txt', 'あいう\n');
  write(dir, 'data/sub/b.txt', 'かきく\n');
  write(dir, 'data/c.txt', 'さしす\n');
  const data = path.join(dir, 'data');
  const sub = path.join(data, 'sub');

  it('the same argument twice names both and points at :WEIGHT', () => {
    const e = thrown(() => listCorpora([a, a]));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`the same file is read twice: --corpus ${a} and --corpus ${a}`);
    expect((e as UsageError).suggestion).toBe(
      `give each file once; to count a source more, give it a weight: --corpus ${a}:2`,
    );
  });
  it('a symbolic link and a hard link to a file given too', () => {
    const link = path.join(dir, 'link.txt');
    fs.symlinkSync(a, link);
    expect(thrown(() => listCorpora([a, link])).message).toBe(
      `the same file is read twice: --corpus ${a} and --corpus ${link}`,
    );
    const hard = path.join(dir, 'hard.txt');
    fs.linkSync(a, hard);
    expect(
      thrown(() =>
        listCorpora([
          { path: hard, weight: 2 },
          { path: a, weight: 1 },
        ]),
      ).message,
    ).toBe(`the same file is read twice: --corpus ${hard} and --corpus ${a}`);
  });
  it('a directory holding a file given directly, and two overlapping directories', () => {
    const b = path.join(sub, 'b.txt');
    expect(thrown(() => listCorpora([data, b])).message).toBe(
      `the same file is read twice: ${b} (in --corpus ${data}) and --corpus ${b}`,
    );
    expect(thrown(() => listCorpora([sub, data])).message).toBe(
      `the same file is read twice: ${b} (in --corpus ${sub}) and ${b} (in --corpus ${data})`,
    );
  });
  it('a link beside its target inside one directory walk', () => {
    const d = path.join(dir, 'walk');
    const t = write(d, 't.txt', 'x\n');
    fs.symlinkSync(t, path.join(d, 'u.txt'));
    expect(thrown(() => listCorpusFiles(d)).message).toBe(
      `the same file is read twice: ${t} (in --corpus ${d}) and ${path.join(d, 'u.txt')} (in --corpus ${d})`,
    );
  });
  it('counting refuses before reading; two files with the same text are two files', async () => {
    await expect(
      countCorpora(sp, {
        corpora: [
          { path: data, weight: 1 },
          { path: sub, weight: 1 },
        ],
        textField: 'text',
        skipInvalid: false,
        balance: 1,
        tableBytes: 1 << 24,
      }),
    ).rejects.toThrow(UsageError);
    const copy = write(dir, 'copy.txt', 'あいう\n');
    const r = await countCorpora(sp, {
      corpora: [
        { path: a, weight: 1 },
        { path: copy, weight: 1 },
      ],
      textField: 'text',
      skipInvalid: false,
      balance: 1,
      tableBytes: 1 << 24,
    });
    const counts = new Map<string, number>();
    await r.chunks.forEach((s, n) => counts.set(s, n));
    r.chunks.dispose();
    expect(counts.get('▁あいう')).toBe(2);
  });
});

describe('Parquet: invalid UTF-8 and columns that are not text', () => {
  const dir = tmpDir();
  const bad = path.join(dir, 'bad.parquet');
  parquetWriteFile({
    filename: bad,
    columnData: [
      { name: 'text', data: ['あ', new Uint8Array([0x61, 0xff, 0xfe]), 'い'], type: 'STRING', statistics: false },
    ],
  });

  it('stops at a cell that is not UTF-8, naming the file and the row', async () => {
    const e = await readAll(bad).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(/bad\.parquet: row 1: invalid UTF-8 in 'text'$/);
  });
  it('--skip-invalid skips it and counts it as invalid UTF-8, like text and JSONL', async () => {
    const r = await readAll(bad, { skipInvalid: true });
    expect(r.out).toEqual(['あ', 'い']);
    expect(r.stats.skipped).toEqual({ invalidUtf8: 1, nul: 0, badJson: 0, missingField: 0 });
    const txt = write(
      dir,
      'bad.txt',
      Buffer.concat([Buffer.from('あ\n'), Buffer.from([0x61, 0xff, 0xfe, 0x0a]), Buffer.from('い\n')]),
    );
    expect((await readAll(txt, { skipInvalid: true })).stats.skipped).toEqual(r.stats.skipped);
  });

  const listed = path.join(dir, 'list.parquet');
  parquetWriteFile({
    filename: listed,
    columnData: [
      { name: 'sentences', data: [['a', 'b'], ['c']] },
      { name: 'id', data: [1, 2] },
      { name: 'title', data: ['x', 'y'] },
    ],
    schema: [
      { name: 'root', num_children: 3 },
      { name: 'sentences', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      { name: 'id', repetition_type: 'REQUIRED', type: 'INT32' },
      { name: 'title', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
    ],
  });
  it('names the top-level columns with their types, not the leaves of a list', async () => {
    await expect(readAll(listed)).rejects.toThrow(
      /list\.parquet: no column 'text' \(columns: sentences: list of STRING, id: INT32, title: STRING\)$/,
    );
    await expect(readAll(listed, { textField: 'element' })).rejects.toThrow(
      /list\.parquet: no column 'element' \(columns: sentences: list of STRING/,
    );
  });
  it('says a list column is a list, and that a list is not text', async () => {
    const e = await readAll(listed, { textField: 'sentences' }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(
      /list\.parquet: column 'sentences' is a list of STRING, not text \(a list is not text\)$/,
    );
    expect((e as InputError).suggestion).toBe(
      'set --text-field to a string column (title), or write the column as one string per row',
    );
  });
  it('a struct column is named a struct', async () => {
    const st = path.join(dir, 'struct.parquet');
    parquetWriteFile({
      filename: st,
      columnData: [{ name: 'meta', data: [{ body: 'a' }] }],
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'meta', repetition_type: 'REQUIRED', num_children: 1 },
        { name: 'body', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      ],
    });
    await expect(readAll(st, { textField: 'meta' })).rejects.toThrow(
      /struct\.parquet: column 'meta' is a struct, not text \(a struct is not text\)$/,
    );
  });
});

describe('compressions tokext does not read', () => {
  const dir = tmpDir();
  it('refuses .bz2 and .xz named directly instead of reading them as text', () => {
    for (const ext of ['.bz2', '.xz']) {
      const f = write(dir, `a.txt${ext}`, Buffer.from([0x42, 0x5a, 0x68, 0x39, 0x00, 0x01]));
      const e = thrown(() => listCorpusFiles(f));
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).toBe(`${f}: unsupported compression (${ext})`);
      expect((e as InputError).suggestion).toMatch(
        /decompress it first, or recompress it with gzip \(\.gz\) or zstd \(\.zst\)/,
      );
    }
  });
  it('refuses compressed data behind a plain name, even with --skip-invalid', async () => {
    const gz = write(dir, 'gz.txt', zlib.gzipSync('あいう\n'));
    await expect(readAll(gz, { skipInvalid: true })).rejects.toThrow(
      /gz\.txt: gzip-compressed data in a file not named \.gz$/,
    );
    const zst = write(dir, 'zst.jsonl', zstdStored(Buffer.from('{"text":"a"}\n')));
    await expect(readAll(zst, { skipInvalid: true })).rejects.toThrow(
      /zst\.jsonl: zstd-compressed data in a file not named \.zst$/,
    );
    const xz = write(dir, 'xz.txt', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]));
    await expect(readAll(xz, { skipInvalid: true })).rejects.toThrow(
      /xz\.txt: unsupported compression \(xz data, by its first bytes\)$/,
    );
    const bz = write(dir, 'bz.txt', Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.from([0x12, 0x34, 0x00, 0x80])]));
    await expect(readAll(bz, { skipInvalid: true })).rejects.toThrow(
      /bz\.txt: unsupported compression \(bzip2 data, by its first bytes\)$/,
    );
  });
  it('text that merely starts like a bzip2 header is text', async () => {
    const f = write(dir, 'bzh.txt', 'BZh9 is a file name\n');
    expect((await readAll(f)).out).toEqual(['BZh9 is a file name']);
  });
});

describe('directory walks say what they passed over', () => {
  const dir = tmpDir();
  write(dir, 'corpus/a.txt', 'あ\n');
  write(dir, 'corpus/info.json', '{"rows": 1}\n');
  write(dir, 'corpus/notes.md', '# notes\n');
  write(dir, 'corpus/more/b.jsonl', '{"text":"い"}\n');
  write(dir, 'corpus/more/table.csv', 'text\nう\n');
  write(dir, 'corpus/old.txt.bz2', 'BZh9');
  const corpus = path.join(dir, 'corpus');
  const skipped = ['info.json', 'more/table.csv', 'notes.md', 'old.txt.bz2'].map((n) => path.join(corpus, n));

  it('lists the skipped files; a .json inside a directory is skipped, named directly it is read as JSON lines', async () => {
    const l = listCorpora([corpus]);
    expect(l.sources[0]!.map((f) => path.relative(corpus, f.path))).toEqual(['a.txt', 'more/b.jsonl']);
    expect(l.skipped).toEqual(skipped);
    expect(listCorpora([path.join(corpus, 'a.txt')]).skipped).toEqual([]);
    const json = write(dir, 'rows.json', '{"text":"え"}\n');
    expect((await readAll(json)).out).toEqual(['え']);
  });
  it('the note names the first few and the count', () => {
    expect(skippedNote([])).toBeUndefined();
    const many = Array.from({ length: 7 }, (_, i) => `d/f${i}.csv`);
    expect(skippedNote(many)).toBe(
      'skipped 7 file(s) in corpus directories whose names are not corpus names (.txt, .text, .jsonl, .parquet, ' +
        'also .gz/.zst): d/f0.csv, d/f1.csv, d/f2.csv, d/f3.csv, d/f4.csv and 2 more; name a file in --corpus to read it anyway (a .json file is then read as JSON lines)',
    );
  });
  it('counting passes the note to onNote, once', async () => {
    const notes: string[] = [];
    const r = await countCorpora(sp, {
      corpora: [{ path: corpus, weight: 1 }],
      textField: 'text',
      skipInvalid: false,
      balance: 1,
      tableBytes: 1 << 24,
      onNote: (m) => notes.push(m),
    });
    r.chunks.dispose();
    expect(notes).toEqual([skippedNote(skipped)]);
  });
});

describe('--balance weighs sources by decoded bytes', () => {
  const dir = tmpDir();
  const text = Buffer.from('今日は良い天気です。\n猫が好きだ\n'.repeat(200));
  const plain = write(dir, 'a.txt', text);
  const gz = write(dir, 'b.txt.gz', zlib.gzipSync(text));
  const zst = write(dir, 'c.txt.zst', zstdStored(text));
  const small = write(dir, 'small.txt', text.subarray(0, text.length / 8));
  const weights = async (paths: string[], balance = 0.3) => {
    const r = await countCorpora(sp, {
      corpora: paths.map((p) => ({ path: p, weight: 1 })),
      textField: 'text',
      skipInvalid: false,
      balance,
      tableBytes: 1 << 24,
    });
    r.chunks.dispose();
    return r.files.map((f) => f.weight);
  };

  it('the same text as .txt, .txt.gz and .txt.zst gets equal weights', async () => {
    expect(fs.statSync(gz).size).toBeLessThan(text.length / 5);
    expect(await weights([plain, gz, zst])).toEqual([1, 1, 1]);
    expect(await weights([small, gz])).toEqual([exactWeight(8 ** 0.7), 1]);
  });
  it('plain files keep their size on disk; .gz and .zst their decompressed size', async () => {
    const opts = { textField: 'text' };
    const [p, g, z] = [plain, gz, zst].map((f) => listCorpusFiles(f)[0]!);
    expect(await decodedBytes(p!, opts)).toBe(text.length);
    expect(await decodedBytes(g!, opts)).toBe(text.length);
    expect(await decodedBytes(z!, opts)).toBe(text.length);
  });
  it('a Parquet source weighs its text column as a text file would hold it, whatever the other columns', async () => {
    const lines = text
      .toString()
      .split('\n')
      .filter((l) => l.length > 0);
    const wide = path.join(dir, 'wide.parquet');
    parquetWriteFile({
      filename: wide,
      columnData: [
        { name: 'text', data: lines, type: 'STRING' },
        { name: 'pad', data: lines.map((l, i) => `${i}${l.repeat(20)}`), type: 'STRING' },
      ],
    });
    expect(fs.statSync(wide).size).not.toBe(text.length);
    expect(await decodedBytes(listCorpusFiles(wide)[0]!, { textField: 'text' })).toBe(text.length);
    expect(await weights([plain, wide])).toEqual([1, 1]);
  });
});
