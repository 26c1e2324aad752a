// The worker pool: results in submission order whatever finishes first, a worker's error reaches
// the caller, and workers run compiled code also when the caller is loaded from src/.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInOrder, threadCount, WorkerPool, workerUrl } from '../src/threads.js';
import { tmpDir } from './helpers.js';

/** A worker module that sleeps `ms` then answers `n * 2`, or throws when `n` is negative. */
function echoWorker(): URL {
  const dir = tmpDir('tokext-threads-');
  const threads = path.resolve(import.meta.dirname, '..', 'dist', 'threads.js');
  const file = path.join(dir, 'echo.mjs');
  fs.writeFileSync(
    file,
    `import { serveTasks } from ${JSON.stringify(threads)};
serveTasks(({ n, ms }) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
  if (n < 0) throw new RangeError('negative ' + n);
  return { result: n * 2 };
});
`,
  );
  return new URL(`file://${file}`);
}

describe('worker pool', () => {
  it('hands results over in submission order, not in finishing order', async () => {
    const pool = new WorkerPool<{ n: number; ms: number }, number>(echoWorker(), null, 3);
    const got: number[] = [];
    try {
      // early tasks sleep longest: with three threads the later ones finish first
      const inputs = Array.from({ length: 12 }, (_, n): [{ n: number; ms: number }, ArrayBuffer[]] => [
        { n, ms: (12 - n) * 4 },
        [],
      ]);
      await runInOrder(pool, inputs, (r) => got.push(r));
    } finally {
      await pool.close();
    }
    expect(got).toEqual(Array.from({ length: 12 }, (_, n) => 2 * n));
  });

  it("rejects with the worker's error, stack included", { timeout: 10_000 }, async () => {
    const pool = new WorkerPool<{ n: number; ms: number }, number>(echoWorker(), null, 2);
    try {
      await expect(
        runInOrder(
          pool,
          [
            [{ n: 1, ms: 0 }, []],
            [{ n: -7, ms: 50 }, []], // fails after the task before it has been answered
            [{ n: 2, ms: 0 }, []],
          ],
          () => {},
        ),
      ).rejects.toThrow(/RangeError: negative -7/);
    } finally {
      await pool.close();
    }
  });

  it('maps a module under src/ to its compiled twin under dist/', () => {
    expect(workerUrl('file:///p/src/train/words.ts', './segment-worker.js').pathname).toBe(
      '/p/dist/train/segment-worker.js',
    );
    expect(workerUrl('file:///p/dist/train/words.js', './segment-worker.js').pathname).toBe(
      '/p/dist/train/segment-worker.js',
    );
  });

  it('takes the requested thread count, at least one', () => {
    expect(threadCount(3)).toBe(3);
    expect(threadCount(0)).toBe(1);
    expect(threadCount()).toBeGreaterThanOrEqual(1);
  });
});
