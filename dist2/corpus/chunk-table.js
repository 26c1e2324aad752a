// A compact counting table of chunks: keys as UTF-16 code units in one arena, an open-addressing
// index and parallel typed arrays. About 28 bytes per distinct chunk plus 2 per code unit, against
// ~100 for a JS Map of strings, and no garbage per occurrence (chunks are hashed in place).
/** The table's hash of code units [start, end) of `s`: stable across runs, orders, machines. */
export function hashUnits(s, start, end) {
    let h = 0x811c9dc5 ^ (end - start);
    for (let i = start; i < end; i++)
        h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h >>> 0;
}
/** Chunk → weighted count, with exact memory accounting (`bytes`); never grows past `limit` bytes. */
export class ChunkTable {
    limit;
    slots; // entry + 1; 0 = empty
    mask;
    arena;
    arenaLen = 0;
    hashes;
    offs; // arena offset of each key (code units)
    lens; // key length in code units
    counts;
    size = 0;
    /** @param limit bytes the table may grow to: `add` returns false instead of growing past it. */
    constructor(capacity = 1 << 12, limit = Infinity) {
        this.limit = limit;
        let cap = 16;
        while (cap < capacity)
            cap *= 2;
        this.slots = new Int32Array(cap * 2);
        this.mask = cap * 2 - 1;
        this.hashes = new Uint32Array(cap);
        this.offs = new Int32Array(cap);
        this.lens = new Int32Array(cap);
        this.counts = new Float64Array(cap);
        this.arena = new Uint16Array(cap * 8);
    }
    /** Bytes held by the table's arrays. */
    get bytes() {
        return (this.slots.byteLength +
            this.arena.byteLength +
            this.hashes.byteLength +
            this.offs.byteLength +
            this.lens.byteLength +
            this.counts.byteLength);
    }
    equals(e, s, start, end) {
        if (this.lens[e] !== end - start)
            return false;
        const a = this.arena;
        let o = this.offs[e];
        for (let i = start; i < end; i++, o++)
            if (a[o] !== s.charCodeAt(i))
                return false;
        return true;
    }
    /** Adds `count` to the chunk made of code units [start, end) of `s`; false (nothing added) if
     * a new entry would grow the table past its limit. */
    add(s, start, end, count, hash = hashUnits(s, start, end)) {
        let slot = hash & this.mask;
        for (;;) {
            const v = this.slots[slot];
            if (v === 0)
                break;
            const e = v - 1;
            if (this.hashes[e] === hash && this.equals(e, s, start, end)) {
                this.counts[e] = this.counts[e] + count;
                return true;
            }
            slot = (slot + 1) & this.mask;
        }
        const e = this.size;
        if (e === this.counts.length) {
            if (this.bytes + this.entryBytes() > this.limit && this.size > 0)
                return false;
            this.growEntries();
            return this.add(s, start, end, count, hash);
        }
        const len = end - start;
        if (this.arenaLen + len > this.arena.length) {
            const grown = Math.max(this.arena.length * 2, this.arenaLen + len);
            if (this.bytes + 2 * (grown - this.arena.length) > this.limit && this.size > 0)
                return false;
            this.growArena(grown);
        }
        const a = this.arena;
        let o = this.arenaLen;
        for (let i = start; i < end; i++)
            a[o++] = s.charCodeAt(i);
        this.offs[e] = this.arenaLen;
        this.lens[e] = len;
        this.arenaLen = o;
        this.hashes[e] = hash;
        this.counts[e] = count;
        this.slots[slot] = e + 1;
        this.size++;
        return true;
    }
    /** The chunk of entry `e` as a string. */
    key(e) {
        const o = this.offs[e];
        return Buffer.from(this.arena.buffer, this.arena.byteOffset + 2 * o, 2 * this.lens[e]).toString('utf16le');
    }
    /** Calls fn for every entry, in insertion order. */
    forEach(fn) {
        for (let e = 0; e < this.size; e++)
            fn(this.key(e), this.counts[e], this.hashes[e]);
    }
    /** The raw code units of entry `e` (a view into the arena; valid until the next add). */
    units(e) {
        const o = this.offs[e];
        return this.arena.subarray(o, o + this.lens[e]);
    }
    /** Bytes of the per-entry arrays (what growing them adds). */
    entryBytes() {
        return (this.slots.byteLength +
            this.hashes.byteLength +
            this.offs.byteLength +
            this.lens.byteLength +
            this.counts.byteLength);
    }
    growArena(length) {
        const g = new Uint16Array(length);
        g.set(this.arena.subarray(0, this.arenaLen));
        this.arena = g;
    }
    growEntries() {
        const cap = this.counts.length * 2;
        const grow = (a, make) => {
            const b = make(cap);
            b.set(a);
            return b;
        };
        this.hashes = grow(this.hashes, (n) => new Uint32Array(n));
        this.offs = grow(this.offs, (n) => new Int32Array(n));
        this.lens = grow(this.lens, (n) => new Int32Array(n));
        this.counts = grow(this.counts, (n) => new Float64Array(n));
        this.slots = new Int32Array(cap * 2);
        this.mask = cap * 2 - 1;
        for (let e = 0; e < this.size; e++) {
            let slot = this.hashes[e] & this.mask;
            while (this.slots[slot] !== 0)
                slot = (slot + 1) & this.mask;
            this.slots[slot] = e + 1;
        }
    }
}
//# sourceMappingURL=chunk-table.js.map