// Counting on worker threads: batches of lines are read, counted and written on other threads,
// and the shard is the same bytes whatever their number, in memory or spilled to disk; a bad line
// is still reported with its file and line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CORPORA, HAS_SHARED, ROOT, SAMPLE, tmpDir } from '../helpers.js';
import { countCorpora, countSpecOf, type CountOptions } from '../../src/corpus/count.js';
import { utf8Of, writeCounts } from '../../src/corpus/counts-file.js';
import { fc, it as fcit } from '@fast-check/vitest';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { sentencePiecePretokenizer, type Pretokenizer } from '../../src/corpus/pretokenize.js';
import { loadBase } from '../../src/family/load.js';
import { InputError } from '../../src/errors.js';
import { batchRecords, emptyStats, readCorpusFile } from '../../src/corpus/read.js';

const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: false });
const WIKI = path.join(CORPORA, 'ja-train-wikipedia');

/** Counts `corpus` on `threads` threads in small batches and writes its shard; its bytes and what counting said. */
async function shard(
  p: Pretokenizer,
  corpus: string,
  threads: number,
  o: Partial<CountOptions> = {},
): Promise<{ bytes: Buffer; threads: number; spills: number; records: number }> {
  const r = await countCorpora(p, {
    corpora: [{ path: corpus, weight: 1 }],
    textField: 'text',
    skipInvalid: false,
    balance: 1,
    tableBytes: Infinity,
    batchBytes: 64 << 10,
    threads,
    ...o,
  });
  const out = path.join(tmpDir(), 'counts.parquet');
  try {
    await writeCounts(out, r.chunks, countSpecOf(p), r.files, r.stats.records, { threads, rowsPerGroup: 20_000 });
  } finally {
    r.chunks.dispose();
  }
  return { bytes: fs.readFileSync(out), threads: r.threads, spills: r.spills, records: r.stats.records };
}

/** A shard's rows as `chunk\tcount\tspec` lines, in its order. */
async function shardRows(bytes: Buffer): Promise<string[]> {
  const whole = Uint8Array.from(bytes).buffer; // an ArrayBuffer of its own
  const file = { byteLength: whole.byteLength, slice: (a: number, b?: number) => whole.slice(a, b) };
  const rows = (await parquetReadObjects({ file, compressors })) as { chunk: string; count: number; spec: string }[];
  return rows.map((r) => `${r.chunk}\t${r.count}\t${r.spec}`);
}

describe.skipIf(!HAS_SHARED)('counting on threads', () => {
  it('1, 2 and 4 threads give the same shard, byte for byte, in memory and spilled', async () => {
    const rows: string[][] = [];
    for (const tableBytes of [Infinity, 4 << 20]) {
      const one = await shard(sp, WIKI, 1, { tableBytes });
      rows.push(await shardRows(one.bytes));
      expect(one.threads).toBe(1);
      expect(one.spills > 0).toBe(tableBytes !== Infinity);
      expect(one.records).toBeGreaterThan(50_000);
      for (const threads of [2, 4]) {
        const many = await shard(sp, WIKI, threads, { tableBytes });
        expect(many.threads).toBe(threads);
        expect(many.spills).toBe(one.spills);
        expect(many.bytes.equals(one.bytes), `${threads} threads, table ${tableBytes}`).toBe(true);
      }
    }
    // the spilled shard holds the same rows (in another order)
    expect(rows[1]!.length).toBeGreaterThan(100_000);
    expect(rows[1]!.sort()).toEqual(rows[0]!.sort());
  }, 120_000);

  it('a byte-level base (Llama 3) counts the same on its pretokenizer rebuilt in each thread', async () => {
    const p = loadBase('llama-3').pretokenizer(false);
    const file = path.join(WIKI, 'jsquad_contexts.txt');
    const one = await shard(p, file, 1);
    const two = await shard(p, file, 2);
    expect(two.threads).toBe(2);
    expect(two.bytes.equals(one.bytes)).toBe(true);
  }, 120_000);

  it('where batches end depends on the text, not on how it is stored: gzip gives the same spilled shard', async () => {
    const file = path.join(WIKI, 'jsquad_contexts.txt');
    const gz = path.join(tmpDir(), 'jsquad_contexts.txt.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(file)));
    const rows = async (corpus: string) => {
      const r = await countCorpora(sp, {
        corpora: [{ path: corpus, weight: 1 }],
        textField: 'text',
        skipInvalid: false,
        balance: 1,
        tableBytes: 1 << 20,
        batchBytes: 48 << 10,
        threads: 2,
      });
      const out: string[] = [];
      await r.chunks.forEach((c, n) => out.push(`${c}\t${n}`));
      r.chunks.dispose();
      return { out, spills: r.spills };
    };
    const plain = await rows(file);
    const zipped = await rows(gz);
    expect(plain.spills).toBeGreaterThan(0);
    expect(zipped.spills).toBe(plain.spills);
    expect(zipped.out).toEqual(plain.out);
  }, 120_000);
});

describe('a bad line read on another thread', () => {
  const dir = tmpDir();
  const good = Array.from({ length: 4000 }, (_, i) => `これは${i}番目の行です。東京と大阪。`);

  /** Counts `corpus` on `threads` threads in 4 KB batches. */
  const countIn = (corpus: string, threads: number, skipInvalid: boolean) =>
    countCorpora(sp, {
      corpora: [{ path: corpus, weight: 1 }],
      textField: 'text',
      skipInvalid,
      balance: 1,
      tableBytes: Infinity,
      batchBytes: 4 << 10,
      threads,
    });
  /** A file of `lines` (each ended by \n), and how to count it. */
  const count = (name: string, lines: (string | Buffer)[], skipInvalid: boolean, format = 'txt') => {
    const file = path.join(dir, `${name}.${format}`);
    fs.writeFileSync(file, Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from('\n')])));
    return { file, run: (threads: number) => countIn(file, threads, skipInvalid) };
  };

  it('stops with its file and line, as on one thread', async () => {
    const bad = Buffer.from([0xe3, 0x81, 0xff]); // invalid UTF-8
    const lines = [...good.slice(0, 2500), bad, ...good.slice(2500)];
    const { file, run } = count('bad-utf8', lines, false);
    for (const threads of [1, 2]) {
      const e = await run(threads).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toBe(`${file}:2501: invalid UTF-8`);
    }
  });

  it('names a line that is not JSON in a JSONL file', async () => {
    const lines = [...good.map((t) => JSON.stringify({ text: t })).slice(0, 3000), '{"text": 1', 'x'];
    const { file, run } = count('bad-json', lines, false, 'jsonl');
    const e = await run(2).catch((x: unknown) => x);
    expect((e as InputError).message).toBe(`${file}:3001: line is not valid JSON`);
  });

  it('in one of many small files counted together is named with that file', async () => {
    const files = path.join(dir, 'files');
    fs.mkdirSync(files);
    for (let k = 0; k < 6; k++) {
      const lines = good.slice(k * 600, (k + 1) * 600);
      if (k === 4) lines.splice(17, 0, 'a\u0000b');
      fs.writeFileSync(path.join(files, `part-${k}.txt`), lines.join('\n') + '\n');
    }
    const run = (threads: number, skipInvalid: boolean) => countIn(files, threads, skipInvalid);
    const e = await run(2, false).catch((x: unknown) => x);
    expect((e as InputError).message).toBe(`${path.join(files, 'part-4.txt')}:18: NUL byte in text (binary file?)`);
    const [one, two] = [await run(1, true), await run(2, true)];
    expect(two.threads).toBe(2);
    expect(two.stats).toEqual(one.stats);
    expect(two.stats.records).toBe(3600);
  });

  it('under --skip-invalid, counts it skipped and the rest as on one thread', async () => {
    const lines = [...good.slice(0, 1000), Buffer.from([0xff]), ...good.slice(1000), 'a\u0000b', '', '\r'];
    const { run } = count('skip', lines, true);
    const [one, two] = [await run(1), await run(2)];
    expect(two.threads).toBe(2);
    expect(two.stats).toEqual(one.stats);
    expect(two.stats.skipped).toEqual({ invalidUtf8: 1, nul: 1, badJson: 0, missingField: 0 });
    expect(two.stats.records).toBe(4000);
    expect(two.stats.crlfLines).toBe(1);
    const rows = async (r: typeof one) => {
      const out: string[] = [];
      await r.chunks.forEach((c, n) => out.push(`${c}\t${n}`));
      return out;
    };
    expect(await rows(two)).toEqual(await rows(one));
  });
});

describe('lines read in batches', () => {
  it('are the records, counts and faults of the same lines read one by one', async () => {
    const dir = tmpDir();
    const bom = '\ufeff';
    const clean = ['plain', `${bom}bom`, `${bom}${bom}two boms`, 'crlf\r', '\r', '', bom, '語\r', '😀 tail'];
    const bad = [...clean, 'a\u0000b', Buffer.from([0x61, 0xff])]; // a batch with one is read line by line
    for (const format of ['text', 'jsonl'] as const) {
      for (const lines of [clean, bad]) {
        const file = path.join(dir, format === 'text' ? 'lines.txt' : 'lines.jsonl');
        const line = (l: string | Buffer) =>
          Buffer.from(typeof l === 'string' && format === 'jsonl' ? JSON.stringify({ text: l }) : l);
        const bytes = Buffer.concat(lines.flatMap((l) => [line(l), Buffer.from('\n')]));
        fs.writeFileSync(file, bytes);
        const byLine: string[] = [];
        const s1 = emptyStats();
        const f = { path: file, bytes: bytes.length, format, compression: 'none' as const, weight: 1 };
        await readCorpusFile(f, { textField: 'text', skipInvalid: true }, s1, (t) => void byLine.push(t));
        const batched: string[] = [];
        const s2 = emptyStats();
        const o = { format, textField: 'text', skipInvalid: true };
        expect(batchRecords(bytes, o, s2, (t) => batched.push(t))).toBeUndefined();
        expect(batched, `${format}, ${lines.length} lines`).toEqual(byLine);
        expect({ ...s2, files: 1, bytes: bytes.length }).toEqual(s1);
        // decoding a line drops one byte order mark at its start; JSON keeps them
        expect(byLine).toContain(format === 'text' ? `${bom}two boms` : `${bom}${bom}two boms`);
        if (lines === bad)
          expect(batchRecords(bytes, { ...o, skipInvalid: false }, emptyStats(), () => {})).toMatchObject(
            format === 'text' ? { line: 10, key: 'nul' } : { line: 11, key: 'invalidUtf8' }, // JSON escapes the NUL
          );
      }
    }
  });
});

describe('threads of a library user', () => {
  it('start under `node --input-type=module -e` (which a thread would refuse to inherit)', () => {
    const dist = path.join(ROOT, 'dist', 'corpus');
    const script = `const { countCorpora } = await import('${dist}/count.js');
      const { sentencePiecePretokenizer } = await import('${dist}/pretokenize.js');
      const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: false });
      const r = await countCorpora(sp, { corpora: [{ path: '${SAMPLE}', weight: 1 }], textField: 'text', skipInvalid: false,
        balance: 1, tableBytes: Infinity, batchBytes: 32768, threads: 2 });
      console.log(JSON.stringify({ threads: r.threads, records: r.stats.records }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { threads: number; records: number };
    expect(out.threads).toBe(2);
    expect(out.records).toBeGreaterThan(1000);
  });
});

describe("a shard's chunks as UTF-8", () => {
  const rowsOf = (strings: string[]) => {
    const all = strings.join('');
    return {
      units: Uint16Array.from({ length: all.length }, (_, i) => all.charCodeAt(i)),
      lens: Int32Array.from(strings, (s) => s.length),
    };
  };
  // every UTF-8 length, both halves of a pair alone, and whole pairs
  const unit = fc.constantFrom(
    'a',
    '\u0000',
    '\u007f',
    'é',
    '\u07ff',
    '\u0800',
    '語',
    '\uffff',
    '\ud83d',
    '\ude00',
    '😀',
  );
  fcit.prop([fc.array(fc.string({ unit, maxLength: 8 }), { maxLength: 60 })], { seed: 20261205, numRuns: 300 })(
    'are the bytes Buffer makes of each string, lone surrogates and pairs split between chunks included',
    (strings) => {
      const views = utf8Of(rowsOf(strings));
      expect(views.map((v) => v.toString('hex'))).toEqual(strings.map((s) => Buffer.from(s, 'utf8').toString('hex')));
    },
  );
  it('a pair split over two chunks is two replacement characters, as each string alone', () => {
    const strings = ['a\ud83d', '\ude00b', '\ud83d\ude00'];
    expect(utf8Of(rowsOf(strings)).map((v) => v.toString('hex'))).toEqual(['61efbfbd', 'efbfbd62', 'f09f9880']);
  });
});
