/** Calls fn for every adjacent pair of every word, yielding to the event loop now and then. */
export async function eachPair(words, fn, pacer) {
    const { pool, spans } = words;
    for (let w = 0; w < words.n; w++) {
        if ((w & 16383) === 0 && pacer)
            await pacer.pace();
        const st = spans[2 * w];
        const en = st + spans[2 * w + 1] - 1;
        for (let i = st; i < en; i++)
            fn(pool[i], pool[i + 1], w);
    }
}
/** Growable linked lists of word ids per key, in one node pool. */
class WordLists {
    head = new Int32Array(1 << 12).fill(-1);
    nodeWord = new Int32Array(1 << 16);
    nodeNext = new Int32Array(1 << 16);
    nodes = 0;
    free = -1;
    get bytes() {
        return this.head.byteLength + this.nodeWord.byteLength + this.nodeNext.byteLength;
    }
    /** Adds w to key k's list unless it is the list's latest word. */
    add(k, w) {
        if (k >= this.head.length) {
            const size = Math.max(Math.ceil(this.head.length * 1.5), k + 1);
            const h = new Int32Array(size).fill(-1);
            h.set(this.head);
            this.head = h;
        }
        const first = this.head[k];
        if (first >= 0 && this.nodeWord[first] === w)
            return;
        let n = this.free;
        if (n >= 0)
            this.free = this.nodeNext[n];
        else {
            if (this.nodes === this.nodeWord.length) {
                const size = Math.ceil(this.nodes * 1.5);
                const a = new Int32Array(size);
                a.set(this.nodeWord);
                this.nodeWord = a;
                const b = new Int32Array(size);
                b.set(this.nodeNext);
                this.nodeNext = b;
            }
            n = this.nodes++;
        }
        this.nodeWord[n] = w;
        this.nodeNext[n] = first;
        this.head[k] = n;
    }
    forEach(k, fn) {
        if (k >= this.head.length)
            return;
        for (let n = this.head[k]; n >= 0; n = this.nodeNext[n])
            fn(this.nodeWord[n]);
    }
    /** Empties key k's list, returning its nodes to the free list. */
    clear(k) {
        if (k >= this.head.length)
            return;
        const first = this.head[k];
        if (first < 0)
            return;
        let tail = first;
        while (this.nodeNext[tail] >= 0)
            tail = this.nodeNext[tail];
        this.nodeNext[tail] = this.free;
        this.free = first;
        this.head[k] = -1;
    }
}
/** Pair → the words it occurs in. */
export class PairIndex {
    begin;
    end;
    entries;
    lists = new WordLists(); // occurrences created by merges
    constructor(begin, end, entries) {
        this.begin = begin;
        this.end = end;
        this.entries = entries;
    }
    /**
     * Indexes `words`; `pairAt[i]` is the pair id of symbols i and i + 1 of the pool; `pairs` is
     * the number of pair ids; only pairs that `keep` accepts are indexed.
     */
    static async build(words, pairAt, pairs, keep, pacer) {
        const occ = new Int32Array(pairs + 1);
        const last = new Int32Array(pairs).fill(-1);
        const each = async (fn) => {
            const { spans } = words;
            for (let w = 0; w < words.n; w++) {
                if ((w & 16383) === 0 && pacer)
                    await pacer.pace();
                const st = spans[2 * w];
                const en = st + spans[2 * w + 1] - 1;
                for (let i = st; i < en; i++) {
                    const p = pairAt[i];
                    if (last[p] === w || !keep(p))
                        continue;
                    last[p] = w;
                    fn(p, w);
                }
            }
        };
        await each((p) => {
            occ[p + 1]++;
        });
        for (let p = 0; p < pairs; p++)
            occ[p + 1] += occ[p];
        const begin = occ.slice(0, pairs);
        const end = occ.slice(0, pairs);
        const entries = new Int32Array(occ[pairs]);
        last.fill(-1);
        await each((p, w) => {
            entries[end[p]++] = w;
        });
        return new PairIndex(begin, end, entries);
    }
    /** Bytes held. */
    get bytes() {
        return this.begin.byteLength + this.end.byteLength + this.entries.byteLength + this.lists.bytes;
    }
    /** Records that pair `p` occurs in word `w`. */
    note(p, w) {
        this.lists.add(p, w);
    }
    /** Calls fn for each word pair `p` was noted in. */
    forEach(p, fn) {
        if (p < this.begin.length)
            for (let i = this.begin[p]; i < this.end[p]; i++)
                fn(this.entries[i]);
        this.lists.forEach(p, fn);
    }
    /** Forgets pair `p` (merged: it occurs nowhere any more). */
    clear(p) {
        if (p < this.begin.length)
            this.end[p] = this.begin[p];
        this.lists.clear(p);
    }
}
//# sourceMappingURL=pair-index.js.map