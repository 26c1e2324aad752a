// The BPE merge loop both model kinds share: repeatedly merge the adjacent pair of highest
// priority, leftmost first. SentencePiece gives a pair the score of the piece it makes; HF's
// rank-based BPE gives it minus its rank. Symbols < 0 never merge.
import { PairFilter, PairTable } from './pair-table.js';

/** Up to this many symbols, the merge loop scans for the best pair instead of keeping a heap. */
const SMALL = 24;

/**
 * The merge loop's queue of candidate merges (score, position, pair index) on parallel typed
 * arrays, reused from call to call: the encoder's innermost loop allocates nothing per entry.
 * Higher score first, then the leftmost position. Its own heap rather than the generic
 * BinaryHeap: a comparator shared with other element types turns the call polymorphic.
 */
class EntryHeap {
  score = new Float64Array(256);
  pos = new Int32Array(256);
  pair = new Int32Array(256);
  size = 0;

  private better(i: number, j: number): boolean {
    const a = this.score[i]!;
    const b = this.score[j]!;
    return a > b || (a === b && this.pos[i]! < this.pos[j]!);
  }

  private swap(i: number, j: number): void {
    const s = this.score[i]!;
    this.score[i] = this.score[j]!;
    this.score[j] = s;
    const p = this.pos[i]!;
    this.pos[i] = this.pos[j]!;
    this.pos[j] = p;
    const m = this.pair[i]!;
    this.pair[i] = this.pair[j]!;
    this.pair[j] = m;
  }

  private grow(): void {
    const cap = this.pos.length * 2;
    const f = new Float64Array(cap);
    f.set(this.score);
    this.score = f;
    for (const k of ['pos', 'pair'] as const) {
      const a = new Int32Array(cap);
      a.set(this[k]);
      this[k] = a;
    }
  }

  push(score: number, pos: number, pair: number): void {
    this.append(score, pos, pair);
    let i = this.size - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Appends an entry without ordering it: `order` restores the heap after a run of these. */
  append(score: number, pos: number, pair: number): void {
    if (this.size === this.pos.length) this.grow();
    const i = this.size++;
    this.score[i] = score;
    this.pos[i] = pos;
    this.pair[i] = pair;
  }

  /** Makes a heap of the entries (bottom up: linear in their number). */
  order(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Moves the top entry to slot `size` (read it there) and restores the heap below it. */
  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    this.swap(0, last);
    this.down(0);
  }

  /** Sifts entry i down to its place. */
  private down(i: number): void {
    const size = this.size;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && this.better(l, m)) m = l;
      if (r < size && this.better(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}

/** Pair → merged symbol with a priority, and the merge loop over them. */
export class PairMerger {
  readonly pairs = new PairTable(1 << 16);
  protected prio = new Float64Array(1 << 16); // by pair index: higher merges first
  private readonly filter = new PairFilter();

  /** The index of the merge of (l, r), or -1. Most adjacent pairs of a text merge into nothing
   * (Japanese characters with a Latin-centred base), which the filter tells without the table:
   * the base segmentation runs ~2x faster with it. */
  private find(l: number, r: number): number {
    return this.filter.has(l, r) ? this.pairs.find(l, r) : -1;
  }

  /** Makes (l, r) merge into `result` with priority `priority` (a later call for the same pair wins). */
  protected setPair(l: number, r: number, result: number, priority: number): void {
    this.filter.add(l, r);
    const i = this.pairs.intern(l, r);
    this.pairs.setValue(i, result);
    if (i >= this.prio.length) {
      const g = new Float64Array(Math.max(this.prio.length * 2, i + 1));
      g.set(this.prio);
      this.prio = g;
    }
    this.prio[i] = priority;
  }

  private readonly heap = new EntryHeap();
  private next = new Int32Array(256);
  private prev = new Int32Array(256);

  /** Runs the merge loop over symbols (short inputs in place) and returns the final symbols. */
  merge(symbols: number[]): number[] {
    const n = symbols.length;
    if (n < 2) return symbols;
    if (n <= SMALL) return this.mergeSmall(symbols);
    const sym = symbols.slice();
    if (this.next.length < n) {
      this.next = new Int32Array(2 * n);
      this.prev = new Int32Array(2 * n);
    }
    const { next, prev, heap } = this;
    for (let i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    heap.size = 0;
    for (let i = 0; i < n - 1; i++) {
      const m = sym[i]! < 0 || sym[i + 1]! < 0 ? -1 : this.find(sym[i]!, sym[i + 1]!);
      if (m >= 0) heap.append(this.prio[m]!, i, m);
    }
    heap.order();
    while (heap.size > 0) {
      heap.pop();
      const t = heap.size;
      const i = heap.pos[t]!;
      const m = heap.pair[t]!;
      const j = next[i]!;
      if (j < 0 || sym[i] !== this.pairs.left(m) || sym[j] !== this.pairs.right(m)) continue; // no longer there
      sym[i] = this.pairs.value(m);
      sym[j] = -2; // removed
      const k = next[j]!;
      next[i] = k;
      if (k >= 0) prev[k] = i;
      if (prev[i]! >= 0) this.consider(sym, prev[i]!);
      this.consider(sym, i);
    }
    const out: number[] = [];
    for (let i = 0; i >= 0; i = next[i]!) out.push(sym[i]!);
    return out;
  }

  /** Queues the merge of the symbol at i with its right neighbour, if there is one. */
  private consider(sym: number[], i: number): void {
    const j = this.next[i]!;
    if (j < 0) return;
    const l = sym[i]!;
    const r = sym[j]!;
    if (l < 0 || r < 0) return;
    const m = this.find(l, r);
    if (m >= 0) this.heap.push(this.prio[m]!, i, m);
  }

  private smallPrio = new Float64Array(SMALL);
  private smallResult = new Int32Array(SMALL);

  /** The priority and result of merging sym[i] with sym[i + 1] (-Infinity: no merge). */
  private pairAt(sym: number[], i: number): void {
    const l = sym[i]!;
    const r = sym[i + 1]!;
    const m = l < 0 || r < 0 ? -1 : this.find(l, r);
    this.smallPrio[i] = m < 0 ? -Infinity : this.prio[m]!;
    this.smallResult[i] = m < 0 ? -1 : this.pairs.value(m);
  }

  /** The merge loop for a few symbols, in place: each adjacent pair is looked up once, and again
   * only when a merge beside it changes it (the leftmost best pair merges first, as in `merge`). */
  private mergeSmall(sym: number[]): number[] {
    const prio = this.smallPrio;
    const result = this.smallResult;
    let n = sym.length;
    for (let i = 0; i + 1 < n; i++) this.pairAt(sym, i);
    for (;;) {
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i + 1 < n; i++)
        if (prio[i]! > bestScore) {
          best = i;
          bestScore = prio[i]!;
        }
      if (best < 0) break;
      sym[best] = result[best]!;
      for (let i = best + 1; i + 1 < n; i++) {
        sym[i] = sym[i + 1]!;
        prio[i] = prio[i + 1]!;
        result[i] = result[i + 1]!;
      }
      n--;
      if (best > 0) this.pairAt(sym, best - 1);
      if (best + 1 < n) this.pairAt(sym, best);
    }
    if (n < sym.length) sym.length = n; // setting it costs a call even when it does not change
    return sym;
  }
}
