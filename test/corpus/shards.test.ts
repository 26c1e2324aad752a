// Past one machine: count shards in parallel processes, sum them with tokext or with another
// engine (DuckDB), and get the very tokenizer a single pass over the whole corpus gives.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, SAMPLE, cli, tmpDir } from '../helpers.js';
import { sha256File } from '../../src/io/atomic.js';
import { ARTEFACTS } from '../../src/io/manifest-format.js';

const TARGET = ['--target', '32300', '--progress', 'none'];

/** Runs the given CLI argument lists, `parallel` processes at a time. */
async function runAll(jobs: string[][], parallel: number): Promise<number[]> {
  const codes: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      codes[k] = await new Promise<number>((resolve) =>
        spawn(process.execPath, [BIN, ...jobs[k]!], { cwd: ROOT, stdio: 'ignore' }).on('exit', (c) => resolve(c ?? -1)),
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return codes;
}

describe('count shards', () => {
  const dir = tmpDir();
  const lines = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').split('\n');
  const shards = Array.from({ length: 8 }, (_, k) => {
    const f = path.join(dir, `shard-${k}.txt`);
    fs.writeFileSync(f, lines.filter((_, i) => i % 8 === k).join('\n') + '\n'); // interleaved: no shard is a contiguous part
    return f;
  });
  const counts = shards.map((f) => f.replace(/\.txt$/, '.parquet'));
  const single = path.join(dir, 'single');

  it('8 shards counted by 2 parallel processes and summed give the single-pass build, byte for byte', async () => {
    expect(
      await runAll(
        shards.map((f, k) => ['count', '--corpus', f, '--out', counts[k]!, '--progress', 'none']),
        2,
      ),
    ).toEqual(Array(8).fill(0));
    expect((await cli(['build', '--no-db', '--corpus', SAMPLE, '--out', single, ...TARGET])).status).toBe(0);
    const summed = path.join(dir, 'summed');
    const r = await cli(['build', '--no-db', '--counts', ...counts, '--out', summed, ...TARGET]);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ARTEFACTS) expect(sha256File(path.join(summed, f)), f).toBe(sha256File(path.join(single, f)));
    const m = JSON.parse(fs.readFileSync(path.join(summed, 'manifest.json'), 'utf8'));
    expect(m.inputs.map((i: { path: string }) => path.basename(i.path))).toEqual(shards.map((f) => path.basename(f)));
    expect(m.training.distinct_chunks).toBe(
      JSON.parse(fs.readFileSync(path.join(single, 'manifest.json'), 'utf8')).training.distinct_chunks,
    );
  });

  it('refuses a shard counted with different options, naming the difference', async () => {
    const other = path.join(dir, 'other.parquet');
    expect(
      (await cli(['count', '--split-by-script', '--corpus', shards[0]!, '--out', other, '--progress', 'none'])).status,
    ).toBe(0);
    const r = await cli([
      'build',
      '--no-db',
      '--counts',
      counts[1]!,
      other,
      '--out',
      path.join(dir, 'mixed'),
      ...TARGET,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /other\.parquet: row 0 was counted with different options: pretokenizer is "sentencepiece:dummy-prefix=true:split-by-script=true" there, "sentencepiece:dummy-prefix=true:split-by-script=false" here/,
    );
    expect(fs.existsSync(path.join(dir, 'mixed'))).toBe(false);
  });

  it('shards summed by DuckDB (GROUP BY spec, chunk) give the same build', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const sum = path.join(dir, 'duckdb-sum.parquet');
    const list = counts.map((f) => `'${f}'`).join(', ');
    await c.run(
      `COPY (SELECT spec, chunk, sum(count) AS count FROM read_parquet([${list}]) GROUP BY spec, chunk) TO '${sum}' (FORMAT parquet)`,
    );
    c.closeSync();
    const out = path.join(dir, 'duck');
    const r = await cli(['build', '--no-db', '--counts', sum, '--out', out, ...TARGET]);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ARTEFACTS) expect(sha256File(path.join(out, f)), f).toBe(sha256File(path.join(single, f)));
  });
});
