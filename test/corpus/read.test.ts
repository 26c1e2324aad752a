import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { emptyStats, listCorpusFiles, parseCorpusArg, readCorpusFile } from '../../src/corpus/read.js';
import { countCorpora } from '../../src/corpus/count.js';
import { sentencePiecePretokenizer } from '../../src/corpus/pretokenize.js';
import { tmpDir } from '../helpers.js';

async function readAll(file: string, opts: Partial<{ skipInvalid: boolean; textField: string }> = {}) {
  const stats = emptyStats();
  const out: string[] = [];
  for (const f of listCorpusFiles(file)) {
    await readCorpusFile(
      f,
      { textField: opts.textField ?? 'text', skipInvalid: opts.skipInvalid ?? false },
      stats,
      (t) => {
        out.push(t);
      },
    );
  }
  return { out, stats };
}

describe('corpus reading', () => {
  const dir = tmpDir();
  const write = (name: string, data: string | Buffer) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
    return p;
  };

  it('reads .txt, .jsonl and .gz recursively, sorted, skipping other files', async () => {
    const d = path.join(dir, 'tree');
    write('tree/b/two.txt', 'に\n');
    write('tree/a.jsonl', '{"text":"いち"}\n{"text":"さん","x":1}\n');
    write('tree/c.txt.gz', zlib.gzipSync('よん\nご\n'));
    write('tree/SOURCE.md', 'not corpus\n');
    const { out, stats } = await readAll(d);
    expect(out).toEqual(['いち', 'さん', 'に', 'よん', 'ご']);
    expect(stats.records).toBe(5);
  });
  it('uses --text-field for JSONL', async () => {
    const f = write('field.jsonl', '{"body":"本文"}\n');
    expect((await readAll(f, { textField: 'body' })).out).toEqual(['本文']);
  });
  it('strips CRLF line ends and counts them', async () => {
    const f = write('crlf.txt', 'あ\r\nい\r\n');
    const { out, stats } = await readAll(f);
    expect(out).toEqual(['あ', 'い']);
    expect(stats.crlfLines).toBe(2);
  });
  it('names file and line on invalid UTF-8, or skips with a count', async () => {
    const f = write(
      'bad.txt',
      Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('fine\n')]),
    );
    await expect(readAll(f)).rejects.toThrow(/bad\.txt:2: invalid UTF-8/);
    const { out, stats } = await readAll(f, { skipInvalid: true });
    expect(out).toEqual(['ok', 'fine']);
    expect(stats.skipped.invalidUtf8).toBe(1);
  });
  it('stops on NUL bytes with file:line', async () => {
    const f = write('nul.txt', 'a\nb\u0000c\n');
    await expect(readAll(f)).rejects.toThrow(/nul\.txt:2: NUL byte/);
  });
  it('rejects bad JSONL lines and missing fields with file:line', async () => {
    const f = write('bad.jsonl', '{"text":"a"}\nnot json\n');
    await expect(readAll(f)).rejects.toThrow(/bad\.jsonl:2: line is not valid JSON/);
    const g = write('nofield.jsonl', '{"text":"a"}\n{"other":"b"}\n');
    await expect(readAll(g)).rejects.toThrow(/nofield\.jsonl:2: JSON record has no string field 'text'/);
    expect((await readAll(g, { skipInvalid: true })).stats.skipped.missingField).toBe(1);
  });
  it('reports a corrupt .gz by name', async () => {
    const good = zlib.gzipSync('あいうえお\n'.repeat(1000));
    const f = write('corrupt.txt.gz', Buffer.concat([good.subarray(0, 20), Buffer.alloc(50, 7)]));
    await expect(readAll(f)).rejects.toThrow(/corrupt\.txt\.gz: corrupt or truncated gzip/);
  });
  it('handles a 50 MB single line', async () => {
    const f = write('long.txt', 'あいうえお'.repeat(3_500_000) + '\n');
    const { out } = await readAll(f);
    expect(out.length).toBe(1);
    expect(out[0]!.length).toBe(17_500_000);
  });
  it('errors on a missing corpus, an empty one and a directory without corpus files', async () => {
    expect(() => listCorpusFiles(path.join(dir, 'nope'))).toThrow(/corpus not found/);
    write('empty/empty.txt', '');
    const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: true });
    await expect(
      countCorpora(sp, {
        corpora: [{ path: path.join(dir, 'empty'), weight: 1 }],
        textField: 'text',
        skipInvalid: false,
        balance: 1,
        tableBytes: 1 << 26,
      }),
    ).rejects.toThrow(/corpus has no text/);
    write('nofiles/readme.md', 'x');
    expect(() => listCorpusFiles(path.join(dir, 'nofiles'))).toThrow(/no readable corpus files/);
  });
  it('parses PATH:WEIGHT', () => {
    expect(parseCorpusArg('some/dir:3')).toEqual({ path: 'some/dir', weight: 3 });
    expect(parseCorpusArg('some/dir')).toEqual({ path: 'some/dir', weight: 1 });
  });
});
