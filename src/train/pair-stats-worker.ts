// Worker thread of the trainer's pair statistics (pair-stats.ts): counts the pairs of a part of
// the words into a table of its own, or indexes a part's occurrences.
import { PairTable } from '../bpe/pair-table.js';
import { serveTasks } from '../threads.js';
import { indexRange } from './pair-index.js';
import { countRange, type CountResult, type PartTask } from './pair-stats.js';

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
  const table = new PairTable(1 << 16);
  const inWords = await countRange(words, t.from, t.to, table);
  const left = new Int32Array(table.size);
  const right = new Int32Array(table.size);
  const counts = new Float64Array(table.size);
  for (let p = 0; p < table.size; p++) {
    left[p] = table.left(p);
    right[p] = table.right(p);
    counts[p] = table.count(p);
  }
  return {
    result: { left, right, counts, inWords },
    transfer: [left.buffer, right.buffer, counts.buffer, inWords.buffer as ArrayBuffer],
  };
});
