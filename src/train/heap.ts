// A max-heap of (count, key) pairs with lazy invalidation, ties broken by the smaller tie value
// (the trainer passes left * 2^21 + right, so ties never depend on the order chunks were read).

/** Binary heap on parallel arrays; the caller validates popped entries against live counts. */
export class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];
  private ties: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  private above(i: number, j: number): boolean {
    const a = this.counts[i]!;
    const b = this.counts[j]!;
    return a > b || (a === b && this.ties[i]! < this.ties[j]!);
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i]!;
    this.counts[i] = this.counts[j]!;
    this.counts[j] = c;
    const k = this.keys[i]!;
    this.keys[i] = this.keys[j]!;
    this.keys[j] = k;
    const t = this.ties[i]!;
    this.ties[i] = this.ties[j]!;
    this.ties[j] = t;
  }

  push(count: number, key: number, tie = key): void {
    this.counts.push(count);
    this.keys.push(key);
    this.ties.push(tie);
    let i = this.keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Removes the top; returns [count, key] or undefined when empty. */
  pop(): [number, number] | undefined {
    const n = this.keys.length;
    if (n === 0) return undefined;
    const top: [number, number] = [this.counts[0]!, this.keys[0]!];
    const lc = this.counts.pop()!;
    const lk = this.keys.pop()!;
    const lt = this.ties.pop()!;
    if (n > 1) {
      this.counts[0] = lc;
      this.keys[0] = lk;
      this.ties[0] = lt;
      let i = 0;
      const len = n - 1;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < len && this.above(l, m)) m = l;
        if (r < len && this.above(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}
