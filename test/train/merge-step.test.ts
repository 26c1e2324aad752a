// The simple merge of a step, split as the trainer splits it between two threads (the first part
// here, the rest in a second StepDeltas absorbed afterwards, and a part cut short by its notes),
// gathers exactly what one pass over all the words gathers; a word it calls simple is merged as
// the encoder merges it.
import { describe, expect, it } from 'vitest';
import { BpeEncoder } from '../../src/bpe/encoder.js';
import { mergeSimple, mergeSimpleRange, staysSimple, StepDeltas, type Onward } from '../../src/train/merge-step.js';
import { PieceType } from '../../src/vocab/model.js';
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
    deferred: Array.from(d.deferred.subarray(0, d.nDeferred)),
    merged: d.merged,
  };
}

describe('mergeSimpleRange', () => {
  it.each([
    ['no onward merges', undefined],
    ['words with an onward merge deferred', { before: [3, 4], after: [5, 0] }],
  ])('split in two, cut short by its notes and absorbed, gathers what one pass gathers (%s)', (_, onward?: Onward) => {
    const one = wordsOf(500);
    const list = Int32Array.from({ length: 500 }, (_, w) => w).filter((w) => w % 3 !== 1); // a step's words, in order
    const all = new StepDeltas();
    all.begin(1, 8);
    mergeSimpleRange(one, all, list, 0, list.length, 6, 1, 2, onward);
    const want = gathered(all);
    expect(want.notes.length).toBeGreaterThan(100);
    if (onward) expect(want.deferred.length).toBeGreaterThan(10);
    else expect(want.deferred).toEqual([]);

    const two = wordsOf(500);
    const mine = new StepDeltas();
    mine.begin(1, 8);
    const theirs = StepDeltas.attach(StepDeltas.shared(mine.cap, 64).buffers());
    theirs.begin(1, 8);
    const half = list.length >>> 1;
    const cut = mergeSimpleRange(two, theirs, list, half, list.length, 6, 1, 2, onward, 64);
    expect(cut.done).toBeGreaterThan(half);
    expect(cut.done).toBeLessThan(list.length); // its notes ran out
    expect(theirs.notes).toBeLessThanOrEqual(64);
    mergeSimpleRange(two, mine, list, 0, half, 6, 1, 2, onward);
    mine.absorb(theirs, { keys: theirs.nKeys, notes: theirs.notes, deferred: theirs.nDeferred, merged: theirs.merged });
    mergeSimpleRange(two, mine, list, cut.done, list.length, 6, 1, 2, onward);
    expect(gathered(mine)).toEqual(want);
    expect(two).toEqual(one);
  });
});

describe('staysSimple', () => {
  it('a word it calls simple is merged left to right exactly as the encoder merges it with the new piece', () => {
    // SentencePiece BPE over a, b, c, d with larger pieces that the new piece "ab" completes
    // ("abc", "dab", "abab", "aba"), which no merge could reach before it
    const texts = ['a', 'b', 'c', 'd', 'abc', 'dab', 'abab', 'aba', 'cd', 'bd'];
    const enc = new BpeEncoder(texts.map((piece, k) => ({ piece, score: -k, type: PieceType.NORMAL })));
    let x = 7;
    const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % 4;
    const before = Array.from({ length: 400 }, (_, w) => enc.merge(Array.from({ length: 2 + (w % 7) }, rand)));
    const [l, r] = [enc.pieceToId.get('a')!, enc.pieceToId.get('b')!];
    const id = enc.addPiece('ab', -100);
    const onward = enc.mergesWith(id);
    expect(onward.after.map((t) => enc.texts[t]).sort()).toEqual(['a', 'ab', 'c']);
    expect(onward.before.map((t) => enc.texts[t]).sort()).toEqual(['ab', 'd']);
    const spans: number[] = [];
    let at = 0;
    for (const syms of before) {
      spans.push(at, syms.length);
      at += syms.length;
    }
    const words = {
      pool: Int32Array.from(before.flat()),
      spans: Int32Array.from(spans),
      counts: new Float64Array(before.length).fill(1),
      n: before.length,
    };
    const d = new StepDeltas();
    d.begin(1, enc.texts.length);
    let simple = 0;
    let changed = 0;
    before.forEach((syms, w) => {
      const stays = staysSimple(words, w, id, l, r, onward);
      mergeSimple(words, d, w, id, l, r, onward);
      const st = words.spans[2 * w]!;
      const got = Array.from(words.pool.subarray(st, st + words.spans[2 * w + 1]!));
      if (!stays) {
        expect(got).toEqual(syms); // deferred, untouched
        return;
      }
      simple++;
      if (got.length < syms.length) changed++;
      expect(got).toEqual(enc.merge(syms.slice()));
    });
    expect(d.nDeferred).toBe(before.length - simple);
    expect(d.nDeferred).toBeGreaterThan(20);
    expect(changed).toBeGreaterThan(20);
  });
});
