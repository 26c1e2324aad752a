// An open-addressing hash table from an ordered id pair to a dense index, on typed arrays:
// the hot maps of the encoder and trainer (a JS Map on 40-bit number keys is several times slower).

const nextPow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/** Pair → dense index (0, 1, 2, … in insertion order), with an optional int32 value per index.
 * The trainer's tables outgrow the processor's caches many times over, so the layout counts cache
 * misses: each slot holds the index and a second 32-bit hash of its pair side by side, so a probe
 * reads one cache line and compares the pair itself only when the tags agree (a lookup that
 * misses, as for a new pair, never reads the pairs, where it once read two arrays for every
 * occupied slot it passed); a pair's two ids sit side by side too (one miss, not two). */
export class PairTable {
  private slots: Int32Array; // [index + 1, tag] per slot, index 0 = empty; a power of two slots, load at most 0.75
  private mask: number; // slots - 1
  private pairs: Int32Array; // [left, right] per index
  values: Int32Array; // empty when the table was made without values
  size = 0;

  constructor(
    capacity = 1024,
    private readonly withValues = true,
  ) {
    const cap = Math.max(1024, capacity);
    this.pairs = new Int32Array(2 * cap);
    this.values = new Int32Array(withValues ? cap : 0);
    const slots = nextPow2(cap / 0.75);
    this.slots = new Int32Array(2 * slots);
    this.mask = slots - 1;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.slots.byteLength + this.pairs.byteLength + this.values.byteLength;
  }

  /** The left id of pair index i. */
  left(i: number): number {
    return this.pairs[2 * i]!;
  }

  /** The right id of pair index i. */
  right(i: number): number {
    return this.pairs[2 * i + 1]!;
  }

  private static hash(l: number, r: number): number {
    return (Math.imul(l, 0x9e3779b1) ^ Math.imul(r + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  }

  /** A second hash, independent of the slot's: equal pairs have equal tags. */
  private static tag(l: number, r: number): number {
    return Math.imul(l ^ Math.imul(r, 0x27d4eb2f), 0x165667b1) ^ (r >>> 7);
  }

  /** Index of (l, r), or -1. */
  find(l: number, r: number): number {
    const t = PairTable.tag(l, r);
    for (let s = PairTable.hash(l, r) & this.mask; ; s = (s + 1) & this.mask) {
      const v = this.slots[2 * s]!;
      if (v === 0) return -1;
      if (this.slots[2 * s + 1] === t && this.pairs[2 * v - 2] === l && this.pairs[2 * v - 1] === r) return v - 1;
    }
  }

  /** Index of (l, r), inserting it (value 0) if absent. */
  intern(l: number, r: number): number {
    const t = PairTable.tag(l, r);
    let s = PairTable.hash(l, r) & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const v = this.slots[2 * s]!;
      if (v === 0) break;
      if (this.slots[2 * s + 1] === t && this.pairs[2 * v - 2] === l && this.pairs[2 * v - 1] === r) return v - 1;
    }
    if (2 * this.size === this.pairs.length) this.growEntries();
    if (this.size + 1 > (this.mask + 1) * 0.75) {
      this.rehash(2 * (this.mask + 1));
      return this.intern(l, r);
    }
    const i = this.size++;
    this.slots[2 * s] = i + 1;
    this.slots[2 * s + 1] = t;
    this.pairs[2 * i] = l;
    this.pairs[2 * i + 1] = r;
    if (this.withValues) this.values[i] = 0;
    return i;
  }

  /** Value stored for (l, r), or -1 if absent. */
  get(l: number, r: number): number {
    const i = this.find(l, r);
    return i < 0 ? -1 : this.values[i]!;
  }

  /** Sets the value of (l, r). */
  set(l: number, r: number, value: number): void {
    const i = this.intern(l, r); // may grow and replace this.values: index first
    this.values[i] = value;
  }

  /** Grows the entry arrays by half (the slots grow on their own, by load). */
  private growEntries(): void {
    const n = this.size;
    const cap = Math.ceil((this.pairs.length / 2) * 1.5);
    const pairs = new Int32Array(2 * cap);
    pairs.set(this.pairs.subarray(0, 2 * n));
    this.pairs = pairs;
    if (this.withValues) {
      const values = new Int32Array(cap);
      values.set(this.values.subarray(0, n));
      this.values = values;
    }
  }

  private rehash(slots: number): void {
    this.slots = new Int32Array(2 * slots);
    this.mask = slots - 1;
    for (let i = 0; i < this.size; i++) {
      const l = this.pairs[2 * i]!;
      const r = this.pairs[2 * i + 1]!;
      let s = PairTable.hash(l, r) & this.mask;
      while (this.slots[2 * s] !== 0) s = (s + 1) & this.mask;
      this.slots[2 * s] = i + 1;
      this.slots[2 * s + 1] = PairTable.tag(l, r);
    }
  }
}
