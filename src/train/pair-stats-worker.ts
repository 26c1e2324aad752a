// Worker thread of the trainer's pair statistics (pair-stats.ts): counts the pairs of a part of
// the words into a table of its own, or indexes a part's occurrences.
import { PairTable } from '../bpe/pair-table.js';
import { serveTasks } from '../threads.js';
import { indexRange } from './pair-index.js';
import type { CountResult } from './pair-counter.js';
import { countRange, type PartTask } from './pair-stats.js';

serveTasks<PartTask, CountResult | Int32Array>(async (t) => {
  const words = {
    pool: new Int32Array(t.words.pool),
    spans: new Int32Array(t.words.spans),
    counts: new Float64Array(t.words.counts),
    n: t.words.n,
  };
  if (t.kind === 'index') {
    const entries = await indexRange(words, PairTable.reader(t.listed), t.from, t.to, t.occurrences);
    return { result: entries, transfer: [entries.buffer as ArrayBuffer] };
  }
  const r = await countRange(words, t.from, t.to);
  return { result: r, transfer: [r.left.buffer, r.right.buffer, r.counts.buffer, r.inWords.buffer] as ArrayBuffer[] };
});
