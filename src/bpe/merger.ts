// The BPE merge loop both model kinds share: repeatedly merge the adjacent pair of highest
// priority, leftmost first. SentencePiece gives a pair the score of the piece it makes; HF's
// rank-based BPE gives it minus its rank. Symbols < 0 never merge.
import { PairTable } from './pair-table.js';

interface HeapEntry {
  score: number;
  pos: number;
  left: number;
  right: number;
}

function better(a: HeapEntry, b: HeapEntry): boolean {
  return a.score > b.score || (a.score === b.score && a.pos < b.pos);
}

// Its own heap rather than the generic BinaryHeap: this is the encoder's innermost loop, and a
// comparator shared with other element types turns the call polymorphic (measured slower).
class EntryHeap {
  private items: HeapEntry[] = [];
  get size(): number {
    return this.items.length;
  }
  push(e: HeapEntry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): HeapEntry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && better(a[l]!, a[m]!)) m = l;
        if (r < a.length && better(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Pair → merged symbol with a priority, and the merge loop over them. */
export class PairMerger {
  readonly pairs = new PairTable(1 << 16);
  protected prio = new Float64Array(1 << 16); // by pair index: higher merges first

  /** Makes (l, r) merge into `result` with priority `priority` (a later call for the same pair wins). */
  protected setPair(l: number, r: number, result: number, priority: number): void {
    const i = this.pairs.intern(l, r);
    this.pairs.values[i] = result;
    if (i >= this.prio.length) {
      const g = new Float64Array(Math.max(this.prio.length * 2, i + 1));
      g.set(this.prio);
      this.prio = g;
    }
    this.prio[i] = priority;
  }

  /** Runs the merge loop over symbols (short inputs in place) and returns the final symbols. */
  merge(symbols: number[]): number[] {
    const n = symbols.length;
    if (n < 2) return symbols;
    if (n <= 24) return this.mergeSmall(symbols);
    const sym = symbols.slice();
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    const heap = new EntryHeap();
    const consider = (i: number): void => {
      const j = next[i]!;
      if (j < 0) return;
      const l = sym[i]!;
      const r = sym[j]!;
      if (l < 0 || r < 0) return;
      const m = this.pairs.find(l, r);
      if (m >= 0) heap.push({ score: this.prio[m]!, pos: i, left: l, right: r });
    };
    for (let i = 0; i < n - 1; i++) consider(i);
    while (heap.size > 0) {
      const e = heap.pop()!;
      const i = e.pos;
      const j = next[i]!;
      if (sym[i] !== e.left || j < 0 || sym[j] !== e.right) continue;
      sym[i] = this.pairs.get(e.left, e.right);
      sym[j] = -2; // removed
      const k = next[j]!;
      next[i] = k;
      if (k >= 0) prev[k] = i;
      if (prev[i]! >= 0) consider(prev[i]!);
      consider(i);
    }
    const out: number[] = [];
    for (let i = 0; i >= 0; i = next[i]!) out.push(sym[i]!);
    return out;
  }

  private mergeSmall(sym: number[]): number[] {
    for (;;) {
      let best = -1;
      let bestScore = -Infinity;
      let bestId = -1;
      for (let i = 0; i + 1 < sym.length; i++) {
        const l = sym[i]!;
        const r = sym[i + 1]!;
        if (l < 0 || r < 0) continue;
        const m = this.pairs.find(l, r);
        if (m < 0) continue;
        const s = this.prio[m]!;
        if (s > bestScore) {
          best = i;
          bestScore = s;
          bestId = this.pairs.values[m]!;
        }
      }
      if (best < 0) return sym;
      sym.splice(best, 2, bestId);
    }
  }
}
