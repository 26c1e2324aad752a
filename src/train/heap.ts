// A max-heap of (count, key) pairs with lazy invalidation, ties broken by the smaller tie value
// (the trainer passes left * 2^21 + right, so ties never depend on the order chunks were read).
// Parallel typed arrays: no boxed numbers, little garbage.

/** Binary heap; the caller validates popped entries against live counts. */
export class PairHeap {
  private counts = new Float64Array(1 << 16);
  private keys = new Int32Array(1 << 16);
  private ties = new Float64Array(1 << 16);
  private n = 0;

  get size(): number {
    return this.n;
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

  private grow(): void {
    const cap = this.keys.length * 2;
    const c = new Float64Array(cap);
    c.set(this.counts);
    this.counts = c;
    const k = new Int32Array(cap);
    k.set(this.keys);
    this.keys = k;
    const t = new Float64Array(cap);
    t.set(this.ties);
    this.ties = t;
  }

  push(count: number, key: number, tie = key): void {
    if (this.n === this.keys.length) this.grow();
    let i = this.n++;
    this.counts[i] = count;
    this.keys[i] = key;
    this.ties[i] = tie;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Removes the top; returns [count, key] or undefined when empty. */
  pop(): [number, number] | undefined {
    if (this.n === 0) return undefined;
    const top: [number, number] = [this.counts[0]!, this.keys[0]!];
    const last = --this.n;
    if (last > 0) {
      this.counts[0] = this.counts[last]!;
      this.keys[0] = this.keys[last]!;
      this.ties[0] = this.ties[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < last && this.above(l, m)) m = l;
        if (r < last && this.above(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}
