// Counting the adjacent pairs of the training words: weighted counts and the number of words each
// pair occurs in, in one open-addressing table whose slot holds the pair, its count and its last
// word side by side, so that counting a position that misses the processor's cache waits for
// memory once (a PairTable with a separate array of last words waited three times: its slot, its
// record, the last word; counting was ~40% of the pair statistics on a 2 GB corpus).
import { PairTable } from '../bpe/pair-table.js';

/** Int32s per slot: left + 1 (0: empty), right, last word + 1, words, then the count as a float64. */
const STRIDE = 6;
/** The most a table is filled before it doubles. */
const LOAD = 0.7;

/** A part's pairs, in the order of its table's slots, with their weighted counts and the number
 * of words each occurs in. */
export interface CountResult {
  left: Int32Array;
  right: Int32Array;
  counts: Float64Array;
  inWords: Int32Array;
}

/** Pair → weighted count and the words it occurs in. */
export class PairCounter {
  private ints: Int32Array;
  private nums: Float64Array; // the same memory: nums[3s + 2] is slot s's count
  private mask: number;
  size = 0;

  constructor(slots = 1 << 16) {
    this.mask = 2 ** Math.ceil(Math.log2(Math.max(2, slots))) - 1;
    this.ints = new Int32Array(STRIDE * (this.mask + 1));
    this.nums = new Float64Array(this.ints.buffer);
  }

  /** Counts an occurrence of (l, r) in word w, of weight n (the words come in ascending order). */
  add(l: number, r: number, w: number, n: number): void {
    const { ints, mask } = this;
    let i = STRIDE * (PairTable.hash(l, r) & mask);
    for (;;) {
      const a = ints[i]!;
      if (a === l + 1 && ints[i + 1] === r) break;
      if (a === 0) {
        if (this.size + 1 > LOAD * (mask + 1)) {
          this.grow();
          return this.add(l, r, w, n);
        }
        ints[i] = l + 1;
        ints[i + 1] = r;
        this.size++;
        break;
      }
      i = i + STRIDE > STRIDE * mask ? 0 : i + STRIDE;
    }
    this.nums[(i >>> 1) + 2] = this.nums[(i >>> 1) + 2]! + n;
    if (ints[i + 2] !== w + 1) {
      ints[i + 2] = w + 1;
      ints[i + 3]!++;
    }
  }

  private grow(): void {
    const old = this.ints;
    this.mask = 2 * this.mask + 1;
    this.ints = new Int32Array(STRIDE * (this.mask + 1));
    this.nums = new Float64Array(this.ints.buffer);
    for (let j = 0; j < old.length; j += STRIDE) {
      if (old[j] === 0) continue;
      let i = STRIDE * (PairTable.hash(old[j]! - 1, old[j + 1]!) & this.mask);
      while (this.ints[i] !== 0) i = i + STRIDE > STRIDE * this.mask ? 0 : i + STRIDE;
      for (let k = 0; k < STRIDE; k++) this.ints[i + k] = old[j + k]!;
    }
  }

  /** The pairs counted, in slot order. */
  result(): CountResult {
    const { ints, nums, size } = this;
    const out: CountResult = {
      left: new Int32Array(size),
      right: new Int32Array(size),
      counts: new Float64Array(size),
      inWords: new Int32Array(size),
    };
    for (let i = 0, k = 0; k < size; i += STRIDE) {
      if (ints[i] === 0) continue;
      out.left[k] = ints[i]! - 1;
      out.right[k] = ints[i + 1]!;
      out.counts[k] = nums[(i >>> 1) + 2]!;
      out.inWords[k++] = ints[i + 3]!;
    }
    return out;
  }
}
