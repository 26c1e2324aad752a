// Count shards as input: bad cells are input errors naming the file and row, counts in any
// numeric column type pandas, Polars or DuckDB write, no shard counted twice, and a spec that
// holds only what changes the chunks.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parquetWriteFile } from 'hyparquet-writer';
import { countCorpora, countSpecOf, loadCounts } from '../../src/corpus/count.js';
import { COUNTS_FORMAT, writeCounts } from '../../src/corpus/counts-file.js';
import { sentencePiecePretokenizer } from '../../src/corpus/pretokenize.js';
import type { ChunkSet } from '../../src/corpus/chunk-store.js';
import { ROOT, SAMPLE, cli, tmpDir } from '../helpers.js';

/** The pretokenizer of the default base (Mistral), as `tokext count` uses it. */
const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: false });
const SPEC = JSON.stringify({ pretokenizer: sp.id });
const TARGET = ['--target', '32300', '--progress', 'none'];

type Cell = string | number | bigint | null;

/** Writes a shard with the given rows (chunk, count, spec), the count column of `countType`. */
function writeShard(
  file: string,
  rows: [Cell, Cell, Cell][],
  countType: 'DOUBLE' | 'INT64' | 'INT32' = 'DOUBLE',
): string {
  parquetWriteFile({
    filename: file,
    schema: [
      { name: 'root', num_children: 3 },
      { name: 'chunk', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'count', type: countType, repetition_type: 'OPTIONAL' },
      { name: 'spec', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ],
    columnData: [0, 1, 2].map((k) => ({ name: ['chunk', 'count', 'spec'][k]!, data: rows.map((r) => r[k]) })),
  });
  return file;
}

async function asMap(set: ChunkSet): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  await set.forEach((c, n) => m.set(c, n));
  return m;
}

const sum = async (files: string[]) =>
  asMap((await loadCounts(sp, files, { textField: 'text', tableBytes: 1 << 26 })).chunks);

/** Runs a DuckDB statement (to write shards as other engines do). */
async function duck(sql: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  await c.run(sql);
  c.closeSync();
}

describe('count shard cells', () => {
  const dir = tmpDir();
  const train = (...files: string[]) =>
    cli(['train', '--counts', ...files, '--out', path.join(dir, 'p.json'), ...TARGET]);

  it('a null spec cell is an input error naming the file and row (not a crash)', async () => {
    const f = writeShard(path.join(dir, 'nullspec.parquet'), [
      ['▁日本', 3, SPEC],
      ['▁語', 2, null],
    ]);
    const r = await train(f);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/nullspec\.parquet: row 1 has no spec \(null\)/);
    expect(r.stderr).toContain('hint: keep the chunk, count and spec columns when summing shards');
  });

  it('a spec cell that is JSON but not an object is refused by name, not a crash', async () => {
    const f = writeShard(path.join(dir, 'numspec.parquet'), [['▁日本', 3, '42']]);
    const r = await train(f);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/numspec\.parquet: row 0 was counted with different options: unreadable spec "42"/);
  });

  it('refuses infinite counts, naming the file and row', async () => {
    for (const [name, v] of [
      ['inf', Infinity],
      ['neginf', -Infinity],
      ['nan', NaN],
    ] as const) {
      const f = writeShard(path.join(dir, `${name}.parquet`), [
        ['▁日本', 3, SPEC],
        ['▁語', 1, SPEC],
        ['▁本', v, SPEC],
      ]);
      const r = await train(f);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`${name}\\.parquet: row 2: count is ${String(v)}; a count must be a finite positive number`),
      );
    }
    expect(fs.existsSync(path.join(dir, 'p.json'))).toBe(false);
  });
});

describe('count columns as other engines write them', () => {
  const dir = tmpDir();
  const orig = path.join(dir, 'orig.parquet');
  beforeAll(async () => {
    const c = await countCorpora(sp, {
      corpora: [{ path: SAMPLE, weight: 1 }],
      textField: 'text',
      skipInvalid: false,
      balance: 1,
      tableBytes: 1 << 26,
    });
    await writeCounts(orig, c.chunks, countSpecOf(sp), c.files, c.stats.records);
    c.chunks.dispose();
  });

  it('INT64 counts (pandas, Polars) and INT32 counts sum as the DOUBLE ones do', async () => {
    const want = await sum([orig]);
    expect(want.size).toBeGreaterThan(1000);
    for (const t of ['BIGINT', 'INTEGER', 'FLOAT']) {
      const f = path.join(dir, `${t}.parquet`);
      await duck(
        `COPY (SELECT chunk, CAST(count AS ${t}) AS count, spec FROM read_parquet('${orig}')) TO '${f}' (FORMAT parquet)`,
      );
      expect(await sum([f]), t).toEqual(want);
    }
  });

  it('INT64 counts beyond 2^53 are refused with the reason', async () => {
    const f = writeShard(
      path.join(dir, 'big.parquet'),
      [
        ['▁日本', 3n, SPEC],
        ['▁語', 2n ** 53n + 2n, SPEC],
      ],
      'INT64',
    );
    await expect(sum([f])).rejects.toThrow(/big\.parquet: row 1: count is 9007199254740994, beyond 2\^53/);
    const z = writeShard(path.join(dir, 'zero.parquet'), [['▁日本', 0n, SPEC]], 'INT64');
    await expect(sum([z])).rejects.toThrow(/zero\.parquet: row 0: count is 0, not positive/);
  });

  it('a shard given twice, through a symbolic link or a hard link is refused, naming both', async () => {
    const link = path.join(dir, 'link.parquet');
    const hard = path.join(dir, 'hard.parquet');
    fs.symlinkSync(orig, link);
    fs.linkSync(orig, hard);
    const build = (...files: string[]) =>
      cli(['build', '--no-db', '--counts', ...files, '--out', path.join(dir, 'out'), ...TARGET]);
    let r = await build(orig, orig);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--counts ${orig} is given twice: its counts would be added twice`);
    r = await build(orig, link);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--counts ${orig} and ${link} are the same file (${fs.realpathSync(orig)})`);
    r = await build(hard, orig);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--counts ${hard} and ${orig} are the same file`);
    const relative = path.relative(ROOT, orig); // the CLI runs in ROOT
    r = await build(orig, relative);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--counts ${orig} and ${relative} are the same file`);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('the shard spec holds only what changes the chunks', () => {
  const dir = tmpDir();
  const lines = fs
    .readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const half = Math.floor(lines.length / 2);

  it('shards counted with different --text-field sum to the counts of the whole text', async () => {
    fs.writeFileSync(
      path.join(dir, 'a.jsonl'),
      lines
        .slice(0, half)
        .map((t) => JSON.stringify({ a: t }))
        .join('\n') + '\n',
    );
    fs.writeFileSync(
      path.join(dir, 'b.jsonl'),
      lines
        .slice(half)
        .map((t) => JSON.stringify({ b: t, a: 'not this' }))
        .join('\n') + '\n',
    );
    for (const k of ['a', 'b']) {
      const r = await cli([
        'count',
        '--text-field',
        k,
        '--corpus',
        path.join(dir, `${k}.jsonl`),
        '--out',
        path.join(dir, `${k}.parquet`),
        '--progress',
        'none',
      ]);
      expect(r.status, r.stderr).toBe(0);
    }
    const shards = ['a', 'b'].map((k) => path.join(dir, `${k}.parquet`));
    const whole = await countCorpora(sp, {
      corpora: [{ path: SAMPLE, weight: 1 }],
      textField: 'text',
      skipInvalid: false,
      balance: 1,
      tableBytes: 1 << 26,
    });
    expect(await sum(shards)).toEqual(await asMap(whole.chunks));
    const r = await cli(['train', '--counts', ...shards, '--out', path.join(dir, 'p.json'), ...TARGET]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('writes the spec without the text field, in format /3', async () => {
    const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import('hyparquet');
    const file = await asyncBufferFromFile(path.join(dir, 'a.parquet'));
    const rows = await parquetReadObjects({ file, columns: ['spec'], rowEnd: 1 });
    expect(rows[0]!.spec).toBe(SPEC);
    const kv = (await parquetMetadataAsync(file)).key_value_metadata!.find((k) => k.key === 'tokext')!.value!;
    expect(JSON.parse(kv)).toMatchObject({ format: COUNTS_FORMAT, spec: { pretokenizer: sp.id } });
    expect(COUNTS_FORMAT).toBe('tokext.counts/3');
  });

  it('reads older shards whose spec carries a text field, when the rest agrees', async () => {
    const old = path.join(dir, 'old.parquet');
    const oldSpec = JSON.stringify({ pretokenizer: sp.id, text_field: 'body' });
    await duck(
      `COPY (SELECT chunk, count, '${oldSpec}' AS spec FROM read_parquet('${path.join(dir, 'b.parquet')}')) TO '${old}' (FORMAT parquet)`,
    );
    expect(await sum([path.join(dir, 'a.parquet'), old])).toEqual(
      await sum(['a', 'b'].map((k) => path.join(dir, `${k}.parquet`))),
    );
    const other = path.join(dir, 'other.parquet');
    const otherSpec = JSON.stringify({
      pretokenizer: 'sentencepiece:dummy-prefix=true:split-by-script=true',
      text_field: 'text',
    });
    await duck(
      `COPY (SELECT chunk, count, '${otherSpec}' AS spec FROM read_parquet('${old}')) TO '${other}' (FORMAT parquet)`,
    );
    await expect(sum([other])).rejects.toThrow(
      /other\.parquet: row 0 was counted with different options: pretokenizer is "sentencepiece:dummy-prefix=true:split-by-script=true" there/,
    );
  });
});
