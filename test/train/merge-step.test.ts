// The simple merge of a step, split as the trainer splits it between two threads (the first part
// here, the rest in a second StepDeltas absorbed afterwards, and a part cut short by its notes),
// gathers exactly what one pass over all the words gathers.
import { describe, expect, it } from 'vitest';
import { mergeSimpleRange, StepDeltas } from '../../src/train/merge-step.js';
import type { Words } from '../../src/train/pair-index.js';

/** Words over symbols 0..5 with counts 1, 1.5, 2, …; merging (1, 2) into 6 (a fixed seed). */
function wordsOf(n: number): Words {
  let x = 12345;
  const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % 6;
  const pool: number[] = [];
  const spans: number[] = [];
  const counts: number[] = [];
  for (let w = 0; w < n; w++) {
    const len = 2 + (w % 9);
    spans.push(pool.length, len);
    for (let i = 0; i < len; i++) pool.push(w % 4 === 0 ? [1, 2][i % 2]! : rand());
    counts.push(1 + w / 2);
  }
  return { pool: Int32Array.from(pool), spans: Int32Array.from(spans), counts: Float64Array.from(counts), n };
}

/** What a StepDeltas gathered, as plain data. */
function gathered(d: StepDeltas) {
  const keys = Array.from(d.keys.subarray(0, d.nKeys));
  return {
    keys,
    deltas: keys.map((k) => d.delta[k]),
    notes: Array.from(d.noteKeys.subarray(0, d.notes)).map((k, i) => [k, d.noteWords[i]]),
    merged: d.merged,
  };
}

describe('mergeSimpleRange', () => {
  it('split in two, cut short by its notes and absorbed, gathers what one pass gathers', () => {
    const one = wordsOf(500);
    const list = Int32Array.from({ length: 500 }, (_, w) => w).filter((w) => w % 3 !== 1); // a step's words, in order
    const all = new StepDeltas();
    all.begin(1, 8);
    mergeSimpleRange(one, all, list, 0, list.length, 6, 1, 2);
    const want = gathered(all);
    expect(want.notes.length).toBeGreaterThan(100);

    const two = wordsOf(500);
    const mine = new StepDeltas();
    mine.begin(1, 8);
    const theirs = StepDeltas.attach(StepDeltas.shared(mine.cap, 64).buffers());
    theirs.begin(1, 8);
    const half = list.length >>> 1;
    const cut = mergeSimpleRange(two, theirs, list, half, list.length, 6, 1, 2, 64);
    expect(cut.done).toBeGreaterThan(half);
    expect(cut.done).toBeLessThan(list.length); // its notes ran out
    expect(theirs.notes).toBeLessThanOrEqual(64);
    mergeSimpleRange(two, mine, list, 0, half, 6, 1, 2);
    mine.absorb(theirs, theirs.nKeys, theirs.notes, theirs.merged);
    mergeSimpleRange(two, mine, list, cut.done, list.length, 6, 1, 2);
    expect(gathered(mine)).toEqual(want);
    expect(two).toEqual(one);
  });
});
