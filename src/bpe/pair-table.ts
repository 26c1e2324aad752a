// An open-addressing hash table from an ordered id pair to a dense index, on typed arrays:
// the hot maps of the encoder and trainer (a JS Map on 40-bit number keys is several times slower).

const nextPow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/** Bits of a record's first word that hold the left id; the rest hold the trainer's flags. */
const ID_MASK = 0xffffff;

/** Pair → dense index (0, 1, 2, … in insertion order), with a record per index: the pair, then
 * an int32 value (the encoder's merge results) or a float64 count and a few flag bits (the
 * trainer's pair statistics).
 * The trainer's tables outgrow the processor's caches many times over, so the layout counts cache
 * misses: each slot holds the index and a second 32-bit hash of its pair side by side, so a probe
 * reads one cache line and compares the pair itself only when the tags agree (a lookup that
 * misses, as for a new pair, never reads the records); a record is 16 bytes, so finding a pair
 * and reading or changing its count and flags is one more miss, where separate arrays were three. */
export class PairTable {
  private slots: Int32Array; // [index + 1, tag] per slot, index 0 = empty; a power of two slots, load at most 0.75
  private mask: number; // slots - 1
  private ints: Int32Array; // 4 per index: left (low 24 bits) and flags (high 8), right, value or count
  private nums: Float64Array; // the same memory: nums[2i + 1] is index i's count
  size = 0;
  generation = 0; // counts the times the arrays were replaced (a shared table's readers must re-attach)

  /** @param shared whether the arrays live in memory other threads can read (`buffers`, `reader`) */
  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    const cap = Math.max(1024, capacity);
    this.ints = new Int32Array(this.memory(16 * cap));
    this.nums = new Float64Array(this.ints.buffer);
    const slots = nextPow2(cap / 0.75);
    this.slots = new Int32Array(this.memory(8 * slots));
    this.mask = slots - 1;
  }

  private memory(bytes: number): ArrayBuffer | SharedArrayBuffer {
    return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  }

  /** A shared table's arrays, for `reader` in another thread (valid until `generation` changes). */
  buffers(): PairTableBuffers {
    if (!this.shared) throw new Error('pair table: not in shared memory');
    return { slots: this.slots.buffer as SharedArrayBuffer, ints: this.ints.buffer as SharedArrayBuffer };
  }

  /** A table over another thread's shared arrays, for `find` while that thread adds no pair that
   * would need them to grow (`reserve`): a pair present before the other thread's additions is
   * found whatever they write, since they only fill slots that were empty, which never lie on
   * its probe path. */
  static reader(b: PairTableBuffers): PairTable {
    const t = new PairTable(1024);
    t.ints = new Int32Array(b.ints);
    t.nums = new Float64Array(b.ints);
    t.slots = new Int32Array(b.slots);
    t.mask = t.slots.length / 2 - 1;
    return t;
  }

  /** Makes room for `more` pairs without growing or rehashing (see `reader`), with records for
   * `records` more (at least `more`): records are written in order, so memory for ones not yet
   * used is not yet touched, and costs the process nothing until it is. */
  reserve(more: number, records = more): void {
    const least = this.size + Math.max(more, records);
    if (4 * least > this.ints.length) this.growEntries(least);
    if (this.size + more > (this.mask + 1) * 0.75) this.rehash(nextPow2((this.size + more) / 0.75));
  }

  /** Bytes held. */
  get bytes(): number {
    return this.slots.byteLength + this.ints.byteLength;
  }

  /** The left id of pair index i. */
  left(i: number): number {
    return this.ints[4 * i]! & ID_MASK;
  }

  /** The right id of pair index i. */
  right(i: number): number {
    return this.ints[4 * i + 1]!;
  }

  /** The int32 value of index i (a table of values). */
  value(i: number): number {
    return this.ints[4 * i + 2]!;
  }

  setValue(i: number, v: number): void {
    this.ints[4 * i + 2] = v;
  }

  /** The count of index i (a table of counts). */
  count(i: number): number {
    return this.nums[2 * i + 1]!;
  }

  setCount(i: number, c: number): void {
    this.nums[2 * i + 1] = c;
  }

  /** The flag bits of index i (8 at most). */
  flags(i: number): number {
    return this.ints[4 * i]! >>> 24;
  }

  setFlags(i: number, f: number): void {
    this.ints[4 * i] = (this.ints[4 * i]! & ID_MASK) | (f << 24);
  }

  /** The slot hash of (l, r) (PairFilter's too). */
  static hash(l: number, r: number): number {
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
      if (this.slots[2 * s + 1] === t && (this.ints[4 * v - 4]! & ID_MASK) === l && this.ints[4 * v - 3] === r)
        return v - 1;
    }
  }

  /** Index of (l, r), inserting it (value, count and flags 0) if absent. */
  intern(l: number, r: number): number {
    const t = PairTable.tag(l, r);
    let s = PairTable.hash(l, r) & this.mask;
    for (; ; s = (s + 1) & this.mask) {
      const v = this.slots[2 * s]!;
      if (v === 0) break;
      if (this.slots[2 * s + 1] === t && (this.ints[4 * v - 4]! & ID_MASK) === l && this.ints[4 * v - 3] === r)
        return v - 1;
    }
    if ((l | r) & ~ID_MASK) throw new Error(`pair table: ids ${l}, ${r} above 2^24 - 1`);
    if (4 * this.size === this.ints.length) this.growEntries();
    if (this.size + 1 > (this.mask + 1) * 0.75) {
      this.rehash(2 * (this.mask + 1));
      return this.intern(l, r);
    }
    const i = this.size++;
    this.slots[2 * s] = i + 1;
    this.slots[2 * s + 1] = t;
    this.ints[4 * i] = l; // new records are zero: value, count and flags 0
    this.ints[4 * i + 1] = r;
    return i;
  }

  /** Value stored for (l, r), or -1 if absent. */
  get(l: number, r: number): number {
    const i = this.find(l, r);
    return i < 0 ? -1 : this.value(i);
  }

  /** Sets the value of (l, r). */
  set(l: number, r: number, value: number): void {
    this.setValue(this.intern(l, r), value);
  }

  /** Grows the records by half, or to `least` records if that is more (the slots grow on their own, by load). */
  private growEntries(least = 0): void {
    const ints = new Int32Array(this.memory(16 * Math.max(least, Math.ceil((this.ints.length / 4) * 1.5))));
    ints.set(this.ints.subarray(0, 4 * this.size));
    this.ints = ints;
    this.nums = new Float64Array(ints.buffer);
    this.generation++;
  }

  private rehash(slots: number): void {
    this.generation++;
    this.slots = new Int32Array(this.memory(8 * slots));
    this.mask = slots - 1;
    for (let i = 0; i < this.size; i++) {
      const l = this.left(i);
      const r = this.right(i);
      let s = PairTable.hash(l, r) & this.mask;
      while (this.slots[2 * s] !== 0) s = (s + 1) & this.mask;
      this.slots[2 * s] = i + 1;
      this.slots[2 * s + 1] = PairTable.tag(l, r);
    }
  }
}

/** A read-only copy of a table's first pairs whose slots hold the pair itself and its index, for
 * loops that look a pair up at every position (the pair index's build): a lookup reads one place
 * where a PairTable reads its slot and then its record, two that each missed the processor's
 * cache on a large corpus. */
export class PairLookup {
  private readonly slots: Int32Array; // [left + 1 (0: empty), right, index] per slot
  private readonly mask: number;

  /** The first `size` pairs of `table` (a reader's size is not its writer's). */
  constructor(table: PairTable, size: number) {
    const n = nextPow2(size / 0.75);
    this.mask = n - 1;
    this.slots = new Int32Array(3 * n);
    for (let k = 0; k < size; k++) {
      const l = table.left(k);
      const r = table.right(k);
      let s = PairTable.hash(l, r) & this.mask;
      while (this.slots[3 * s] !== 0) s = (s + 1) & this.mask;
      this.slots[3 * s] = l + 1;
      this.slots[3 * s + 1] = r;
      this.slots[3 * s + 2] = k;
    }
  }

  /** Index of (l, r), or -1. */
  find(l: number, r: number): number {
    for (let s = PairTable.hash(l, r) & this.mask; ; s = (s + 1) & this.mask) {
      const a = this.slots[3 * s]!;
      if (a === l + 1 && this.slots[3 * s + 1] === r) return this.slots[3 * s + 2]!;
      if (a === 0) return -1;
    }
  }
}

/** A shared table's arrays. */
export interface PairTableBuffers {
  slots: SharedArrayBuffer;
  ints: SharedArrayBuffer;
}

/** The hash bits a PairFilter keeps: the top 32 - FILTER_SHIFT of a pair's slot hash (2^21). */
const FILTER_SHIFT = 11;

/** A bit per value of a pair hash's top bits (256 KB): `has` is false for a pair never added, and
 * rarely true for one (a few percent with 10^5 pairs added). It answers from an array that stays
 * in the processor's cache where a table's slots and records do not, so loops that look up mostly
 * absent pairs skip the table for nearly all of them (the encoder's merges, the pair index's
 * listed pairs). */
export class PairFilter {
  private readonly bits = new Int32Array(1 << (32 - FILTER_SHIFT - 5));

  add(l: number, r: number): void {
    const h = PairTable.hash(l, r) >>> FILTER_SHIFT;
    this.bits[h >>> 5]! |= 1 << (h & 31);
  }

  has(l: number, r: number): boolean {
    const h = PairTable.hash(l, r) >>> FILTER_SHIFT;
    return (this.bits[h >>> 5]! & (1 << (h & 31))) !== 0;
  }

  /** A filter of the first `size` pairs of `table` (a reader's size is not its writer's). */
  static of(table: PairTable, size: number): PairFilter {
    const f = new PairFilter();
    for (let k = 0; k < size; k++) f.add(table.left(k), table.right(k));
    return f;
  }
}
