// Worker thread of the trainer's pair count (pair-stats.ts countPairs): counts the pairs of a part
// of the words into a table of its own and writes its ids by position.
import { PairTable } from '../bpe/pair-table.js';
import { serveTasks } from '../threads.js';
import { countRange, type CountResult, type CountTask } from './pair-stats.js';

serveTasks<CountTask, CountResult>(async (t) => {
  const words = {
    pool: new Int32Array(t.words.pool),
    spans: new Int32Array(t.words.spans),
    counts: new Float64Array(t.words.counts),
    n: t.words.n,
  };
  const table = new PairTable(1 << 16);
  await countRange(words, t.from, t.to, table, new Int32Array(t.pairAt));
  const left = new Int32Array(table.size);
  const right = new Int32Array(table.size);
  const counts = new Float64Array(table.size);
  for (let p = 0; p < table.size; p++) {
    left[p] = table.left(p);
    right[p] = table.right(p);
    counts[p] = table.count(p);
  }
  return { result: { left, right, counts }, transfer: [left.buffer, right.buffer, counts.buffer] };
});
