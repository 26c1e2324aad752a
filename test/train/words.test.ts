// The base segmentation of the training chunks is the same words in the same order on any number
// of threads, for both families, from a table in memory or from partitions spilled to disk.
import { describe, expect, it } from 'vitest';
import { ChunkStore, type ChunkSet } from '../../src/corpus/chunk-store.js';
import { loadBase } from '../../src/family/load.js';
import { buildWords } from '../../src/train/words.js';
import { symbolsOf, type Words } from '../../src/train/pair-index.js';
import { corpusLines, SAMPLE } from '../helpers.js';

/** The chunks of `lines` counted by `base`'s pretokenizer; a small limit makes the store spill. */
async function chunksOf(base: string, lines: string[], limitBytes = Infinity): Promise<ChunkSet> {
  const p = loadBase(base).pretokenizer(false);
  const store = new ChunkStore({ limitBytes });
  lines.forEach((t, k) => p.chunks(t, (s, a, b) => store.add(s, a, b, 1 + (k % 3) * 0.37)));
  return store.finish();
}

/** The words as plain arrays (a pool may be larger than what it holds). */
function plain(w: Words) {
  const used = symbolsOf(w);
  return {
    n: w.n,
    pool: Array.from(w.pool.subarray(0, used)),
    spans: Array.from(w.spans.subarray(0, 2 * w.n)),
    counts: Array.from(w.counts.subarray(0, w.n)),
  };
}

describe('buildWords on threads', () => {
  for (const base of ['mistral-7b-v0.1', 'qwen3'] as const)
    it(`${base}: 1 and 3 threads give the same words, in memory and spilled`, async () => {
      const lines = await corpusLines(SAMPLE);
      const enc = loadBase(base).alphabet({ allowNonJapanese: false, maxPieceLength: 16 });
      enc.addChar('𠮷'); // an addition the workers must replay
      const kept = { cut: null, units: lines.join('').length, chunks: 1 << 16 };
      const words = async (threads: number, limit?: number) => {
        const set = await chunksOf(base, lines, limit);
        try {
          expect(set.distinct).toBeGreaterThan(8 * 256); // several batches per thread
          if (limit !== undefined) expect(set.spilledBytes).toBeGreaterThan(0);
          return plain(await buildWords(set, enc, () => true, kept, { threads, parallelFrom: 0, batch: 256 }));
        } finally {
          set.dispose();
        }
      };
      const one = await words(1);
      expect(one.n).toBeGreaterThan(2048);
      expect(await words(3)).toEqual(one);
      const spilled = await words(1, 1 << 16);
      expect(await words(2, 1 << 16)).toEqual(spilled);
    });
});
