// The simple case of a merge step on the words, shared by the trainer and its helper thread:
// replacing the pair (l, r) by the new piece `id` left to right in a word, and gathering what
// that changes per neighbouring symbol. Nothing here reads the pair statistics, so two threads
// can merge disjoint words of one step at once (merge-helper.ts).
import type { Words } from './pair-index.js';

/**
 * What the simple merges of one step change, gathered per neighbouring symbol: in a step that
 * merges (l, r) into `id`, the pairs that change are (x, l), (x, id), (r, y), (id, y) for the
 * symbols x before and y after each occurrence, so four small arrays indexed by x or y replace
 * millions of hash-table updates (key = slot × cap + neighbour; slots 0..3 in that order).
 * `keys` lists the keys in the order they were first seen; `notes` the occurrences created
 * (key, word), in word order, whose keys (slots 1 and 3) stand for one pair each ((x, id) and
 * (id, y) would be one pair only for y = id, but the symbol after an occurrence is never the
 * piece the step creates); `deferred` the words left alone for being no simple case after all
 * (staysSimple), in word order.
 */
export class StepDeltas {
  cap = 0;
  private stamp: Int32Array = new Int32Array(0);
  delta: Float64Array = new Float64Array(0);
  pair: Int32Array = new Int32Array(0);
  keys: Int32Array = new Int32Array(0);
  nKeys = 0;
  noteKeys: Int32Array = new Int32Array(1 << 12);
  noteWords: Int32Array = new Int32Array(1 << 12);
  notes = 0;
  deferred: Int32Array = new Int32Array(1 << 10);
  nDeferred = 0;
  merged = 0;
  private step = 0;
  private fixed = false; // shared: the arrays never grow

  /** Deltas whose `delta`, `keys` and notes live in shared memory, sized once: for symbol ids
   * below `cap` and at most `notes` notes per step (the helper thread's). */
  static shared(cap: number, notes: number): StepDeltas {
    const d = new StepDeltas();
    d.size(cap, true);
    const sab = (bytes: number) => new SharedArrayBuffer(bytes);
    d.noteKeys = new Int32Array(sab(4 * notes));
    d.noteWords = new Int32Array(sab(4 * notes));
    d.deferred = new Int32Array(sab(4 * DEFERRED));
    d.fixed = true;
    return d;
  }

  /** Takes another thread's shared deltas (`shared`'s buffers, as `buffers` gave them). */
  static attach(b: DeltaBuffers): StepDeltas {
    const d = new StepDeltas();
    d.cap = b.delta.byteLength / 32;
    d.stamp = new Int32Array(4 * d.cap);
    d.delta = new Float64Array(b.delta);
    d.keys = new Int32Array(b.keys);
    d.noteKeys = new Int32Array(b.noteKeys);
    d.noteWords = new Int32Array(b.noteWords);
    d.deferred = new Int32Array(b.deferred);
    d.fixed = true;
    return d;
  }

  /** The shared buffers, for `attach`. */
  buffers(): DeltaBuffers {
    const buf = (a: Int32Array | Float64Array) => a.buffer as SharedArrayBuffer;
    return {
      delta: buf(this.delta),
      keys: buf(this.keys),
      noteKeys: buf(this.noteKeys),
      noteWords: buf(this.noteWords),
      deferred: buf(this.deferred),
    };
  }

  private size(cap: number, shared: boolean): void {
    this.cap = cap;
    const mem = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    this.stamp = new Int32Array(4 * cap);
    this.delta = new Float64Array(mem(32 * cap));
    this.pair = new Int32Array(4 * cap);
    this.keys = new Int32Array(mem(16 * cap));
  }

  /** Starts step `step` with symbol ids below `symbols`. */
  begin(step: number, symbols: number): void {
    if (symbols > this.cap) {
      if (this.delta.buffer instanceof SharedArrayBuffer)
        throw new Error(`merge step: ${symbols} symbols, but shared deltas were sized for ${this.cap}`);
      this.size(Math.max(1 << 16, Math.ceil(symbols * 1.5)), false);
    }
    this.step = step;
    this.nKeys = 0;
    this.notes = 0;
    this.nDeferred = 0;
    this.merged = 0;
  }

  add(key: number, d: number): void {
    if (this.stamp[key] !== this.step) {
      this.stamp[key] = this.step;
      this.delta[key] = d;
      this.keys[this.nKeys++] = key;
    } else this.delta[key] = this.delta[key]! + d;
  }

  note(key: number, w: number): void {
    if (this.notes === this.noteKeys.length) {
      const a = new Int32Array(this.notes * 2);
      a.set(this.noteKeys);
      this.noteKeys = a;
      const b = new Int32Array(this.notes * 2);
      b.set(this.noteWords);
      this.noteWords = b;
    }
    this.noteKeys[this.notes] = key;
    this.noteWords[this.notes++] = w;
  }

  /** Leaves word w to be encoded again. */
  defer(w: number): void {
    if (this.nDeferred === this.deferred.length) {
      const a = new Int32Array(this.nDeferred * 2);
      a.set(this.deferred);
      this.deferred = a;
    }
    this.deferred[this.nDeferred++] = w;
  }

  /** Can `defer` take no more words (shared deltas do not grow)? */
  get deferFull(): boolean {
    return this.fixed && this.nDeferred === this.deferred.length;
  }

  /** Adds what another thread gathered for the words after this one's (keys it saw first are
   * appended in its order, so the result is the same as one thread's over all the words). */
  absorb(o: StepDeltas, got: Gathered): void {
    for (let k = 0; k < got.keys; k++) {
      const key = o.keys[k]!;
      this.add(key, o.delta[key]!);
    }
    for (let k = 0; k < got.notes; k++) this.note(o.noteKeys[k]!, o.noteWords[k]!);
    for (let k = 0; k < got.deferred; k++) this.defer(o.deferred[k]!);
    this.merged += got.merged;
  }
}

/** How much another thread's deltas hold after a step. */
export interface Gathered {
  keys: number;
  notes: number;
  deferred: number;
  merged: number;
}

/** Words a shared StepDeltas can defer in one step; a step with more finishes on the trainer. */
const DEFERRED = 1 << 16;

/** The symbols a step's new piece merges on with (Alphabet.mergesWith): the x of merges (x, id)
 * and the y of merges (id, y); none for most steps. */
export interface Onward {
  before: readonly number[];
  after: readonly number[];
}

/** The left symbol of the pair a key of slot `slot` and neighbour `nb` stands for, in a step
 * merging (l, r) into `id` (slots: (nb, l), (nb, id), (r, nb), (id, nb)). */
export const keyLeft = (slot: number, nb: number, r: number, id: number): number =>
  slot < 2 ? nb : slot === 2 ? r : id;

/** The right symbol of that pair. */
export const keyRight = (slot: number, nb: number, l: number, id: number): number =>
  slot === 0 ? l : slot === 1 ? id : nb;

/** The shared buffers of a helper thread's deltas. */
export interface DeltaBuffers {
  delta: SharedArrayBuffer;
  keys: SharedArrayBuffer;
  noteKeys: SharedArrayBuffer;
  noteWords: SharedArrayBuffer;
  deferred: SharedArrayBuffer;
}

/** A left-to-right replacement of (l, r) by `id` in word `w`, gathering its pair changes in `d`;
 * a word where `id` would merge on (`onward`: see staysSimple) is left to `d.deferred`. */
export function mergeSimple(
  words: Words,
  d: StepDeltas,
  w: number,
  id: number,
  l: number,
  r: number,
  onward?: Onward,
): void {
  if (onward && !staysSimple(words, w, id, l, r, onward)) return d.defer(w);
  const { pool, spans, counts } = words;
  const st = spans[2 * w]!;
  const len = spans[2 * w + 1]!;
  const cap = d.cap;
  let o = st;
  let merged = false;
  for (let i = st; i < st + len; i++) {
    if (i + 1 < st + len && pool[i] === l && pool[i + 1] === r) {
      merged = true;
      const n = counts[w]!; // read only on a hit: a stale candidate costs no more cache misses
      d.merged += n;
      if (o > st) {
        const prev = pool[o - 1]!;
        d.add(prev, -n); // (prev, l) loses, (prev, id) gains
        d.add(cap + prev, n);
        d.note(cap + prev, w);
      }
      if (i + 2 < st + len) {
        const next = pool[i + 2]!;
        d.add(2 * cap + next, -n); // (r, next) loses, (id, next) gains
        d.add(3 * cap + next, n);
        d.note(3 * cap + next, w);
      }
      pool[o++] = id;
      i++;
    } else pool[o++] = pool[i]!;
  }
  if (merged) spans[2 * w + 1] = o - st;
}

/** Does the left-to-right replacement of (l, r) by `id` in word `w` put `id` beside no symbol
 * it merges with (`before`: the x of merges (x, id); `after`: the y of merges (id, y)) at any
 * point on the encoder's way? The encoder replaces the occurrences leftmost first (the new piece
 * ranks below every other, and they rank the same), and would take such a merge before the next
 * occurrence: a word where one appears must be encoded again. */
export function staysSimple(words: Words, w: number, id: number, l: number, r: number, onward: Onward): boolean {
  const { before, after } = onward;
  const { pool, spans } = words;
  const st = spans[2 * w]!;
  const end = st + spans[2 * w + 1]!;
  let lastEnd = -1; // where the occurrence replaced last ended
  for (let i = st; i + 1 < end;) {
    if (pool[i] !== l || pool[i + 1] !== r) {
      i++;
      continue;
    }
    if (i > st && before.includes(lastEnd === i ? id : pool[i - 1]!)) return false;
    if (i + 2 < end && after.includes(pool[i + 2]!)) return false;
    lastEnd = i += 2;
  }
  return true;
}

/** Words whose arrays are read ahead of their merge (a power of two). */
export const WARM = 64;

/** Reads the start, first symbol and count of words `list[from .. from + WARM)` before they are
 * merged: loads that do not depend on each other, so the processor waits for memory once for
 * all of them, where the merge would wait for each word in turn (the merge loop is bound by
 * these cache misses: the trainer runs ~18% faster with them). Returns a value only so that the
 * reads are not optimised away. */
export function warm(words: Words, list: Int32Array, from: number, to: number): number {
  const { pool, spans, counts } = words;
  const end = Math.min(to, from + WARM);
  let sum = 0;
  for (let k = from; k < end; k++) sum += spans[2 * list[k]!]!;
  for (let k = from; k < end; k++) {
    const w = list[k]!;
    sum += pool[spans[2 * w]!]! + counts[w]!;
  }
  return sum;
}

/** The simple merge of words `list[from .. to)`, warming ahead; stops early (returning where)
 * before a word whose notes might not fit below `noteLimit`, or when `d` can defer no more. */
export function mergeSimpleRange(
  words: Words,
  d: StepDeltas,
  list: Int32Array,
  from: number,
  to: number,
  id: number,
  l: number,
  r: number,
  onward?: Onward,
  noteLimit = Infinity,
): { done: number; sink: number } {
  let sink = 0;
  for (let k = from; k < to; k++) {
    if (((k - from) & (WARM - 1)) === 0) sink += warm(words, list, k, to);
    if (d.notes + words.spans[2 * list[k]! + 1]! > noteLimit || d.deferFull) return { done: k, sink };
    mergeSimple(words, d, list[k]!, id, l, r, onward);
  }
  return { done: to, sink };
}
