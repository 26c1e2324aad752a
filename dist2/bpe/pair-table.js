// An open-addressing hash table from an ordered id pair to a dense index, on typed arrays:
// the hot maps of the encoder and trainer (a JS Map on 40-bit number keys is several times slower).
const nextPow2 = (n) => 2 ** Math.ceil(Math.log2(Math.max(2, n)));
/** Pair → dense index (0, 1, 2, … in insertion order), with an optional int32 value per index. */
export class PairTable {
    withValues;
    slots; // index + 1, 0 = empty; a power of two, load at most 0.75
    mask;
    lefts;
    rights;
    values; // empty when the table was made without values
    size = 0;
    constructor(capacity = 1024, withValues = true) {
        this.withValues = withValues;
        const cap = Math.max(1024, capacity);
        this.lefts = new Int32Array(cap);
        this.rights = new Int32Array(cap);
        this.values = new Int32Array(withValues ? cap : 0);
        this.slots = new Int32Array(nextPow2(cap / 0.75));
        this.mask = this.slots.length - 1;
    }
    /** Bytes held. */
    get bytes() {
        return this.slots.byteLength + this.lefts.byteLength + this.rights.byteLength + this.values.byteLength;
    }
    static hash(l, r) {
        return (Math.imul(l, 0x9e3779b1) ^ Math.imul(r + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    }
    /** Index of (l, r), or -1. */
    find(l, r) {
        let s = PairTable.hash(l, r) & this.mask;
        for (;;) {
            const v = this.slots[s];
            if (v === 0)
                return -1;
            const i = v - 1;
            if (this.lefts[i] === l && this.rights[i] === r)
                return i;
            s = (s + 1) & this.mask;
        }
    }
    /** Index of (l, r), inserting it (value 0) if absent. */
    intern(l, r) {
        let s = PairTable.hash(l, r) & this.mask;
        for (;;) {
            const v = this.slots[s];
            if (v === 0)
                break;
            const i = v - 1;
            if (this.lefts[i] === l && this.rights[i] === r)
                return i;
            s = (s + 1) & this.mask;
        }
        if (this.size === this.lefts.length)
            this.growEntries();
        if (this.size + 1 > this.slots.length * 0.75) {
            this.rehash(this.slots.length * 2);
            return this.intern(l, r);
        }
        const i = this.size++;
        this.slots[s] = i + 1;
        this.lefts[i] = l;
        this.rights[i] = r;
        if (this.withValues)
            this.values[i] = 0;
        return i;
    }
    /** Value stored for (l, r), or -1 if absent. */
    get(l, r) {
        const i = this.find(l, r);
        return i < 0 ? -1 : this.values[i];
    }
    /** Sets the value of (l, r). */
    set(l, r, value) {
        const i = this.intern(l, r); // may grow and replace this.values: index first
        this.values[i] = value;
    }
    /** Grows the entry arrays by half (the slots grow on their own, by load). */
    growEntries() {
        const n = this.size;
        const cap = Math.ceil(this.lefts.length * 1.5);
        const grow = (a) => {
            const b = new Int32Array(cap);
            b.set(a.subarray(0, n));
            return b;
        };
        this.lefts = grow(this.lefts);
        this.rights = grow(this.rights);
        if (this.withValues)
            this.values = grow(this.values);
    }
    rehash(slots) {
        this.slots = new Int32Array(slots);
        this.mask = slots - 1;
        for (let i = 0; i < this.size; i++) {
            let s = PairTable.hash(this.lefts[i], this.rights[i]) & this.mask;
            while (this.slots[s] !== 0)
                s = (s + 1) & this.mask;
            this.slots[s] = i + 1;
        }
    }
}
//# sourceMappingURL=pair-table.js.map