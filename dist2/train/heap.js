// A max-heap of (count, key) pairs with lazy invalidation. Equal counts are ordered by a tie
// value computed from the key only when needed (the trainer's is left * 2^21 + right, so ties
// never depend on the order chunks were read). Parallel typed arrays: no boxed numbers.
/** Binary heap; the caller validates popped entries against live counts. */
export class PairHeap {
    tie;
    counts = new Float64Array(1 << 16);
    keys = new Int32Array(1 << 16);
    n = 0;
    /** @param tie smaller ties pop first among equal counts */
    constructor(tie = (k) => k) {
        this.tie = tie;
    }
    get size() {
        return this.n;
    }
    /** Bytes held. */
    get bytes() {
        return this.counts.byteLength + this.keys.byteLength;
    }
    above(i, j) {
        const a = this.counts[i];
        const b = this.counts[j];
        return a > b || (a === b && this.tie(this.keys[i]) < this.tie(this.keys[j]));
    }
    swap(i, j) {
        const c = this.counts[i];
        this.counts[i] = this.counts[j];
        this.counts[j] = c;
        const k = this.keys[i];
        this.keys[i] = this.keys[j];
        this.keys[j] = k;
    }
    grow() {
        const cap = Math.ceil(this.keys.length * 1.5);
        const c = new Float64Array(cap);
        c.set(this.counts);
        this.counts = c;
        const k = new Int32Array(cap);
        k.set(this.keys);
        this.keys = k;
    }
    push(count, key) {
        if (this.n === this.keys.length)
            this.grow();
        let i = this.n++;
        this.counts[i] = count;
        this.keys[i] = key;
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (!this.above(i, p))
                break;
            this.swap(i, p);
            i = p;
        }
    }
    /** Removes the top; returns [count, key] or undefined when empty. */
    pop() {
        if (this.n === 0)
            return undefined;
        const top = [this.counts[0], this.keys[0]];
        const last = --this.n;
        if (last > 0) {
            this.counts[0] = this.counts[last];
            this.keys[0] = this.keys[last];
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < last && this.above(l, m))
                    m = l;
                if (r < last && this.above(r, m))
                    m = r;
                if (m === i)
                    break;
                this.swap(i, m);
                i = m;
            }
        }
        return top;
    }
}
//# sourceMappingURL=heap.js.map