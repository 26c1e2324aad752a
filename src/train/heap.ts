// A max-heap of (count, key) pairs with lazy invalidation, ties broken by the smaller key.

/** Binary heap on parallel arrays; the caller validates popped entries against live counts. */
export class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  private above(i: number, j: number): boolean {
    const a = this.counts[i]!;
    const b = this.counts[j]!;
    return a > b || (a === b && this.keys[i]! < this.keys[j]!);
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i]!;
    this.counts[i] = this.counts[j]!;
    this.counts[j] = c;
    const k = this.keys[i]!;
    this.keys[i] = this.keys[j]!;
    this.keys[j] = k;
  }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
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
    if (n > 1) {
      this.counts[0] = lc;
      this.keys[0] = lk;
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
