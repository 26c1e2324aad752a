// An open-addressing hash table from an ordered id pair to a dense index, on typed arrays:
// the hot maps of the encoder and trainer (a JS Map on 40-bit number keys is several times slower).

/** Pair → dense index (0, 1, 2, … in insertion order), with an int32 value per index. */
export class PairTable {
  private slots: Int32Array; // index + 1, 0 = empty
  private mask: number;
  lefts: Int32Array;
  rights: Int32Array;
  values: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.lefts = new Int32Array(cap >> 1);
    this.rights = new Int32Array(cap >> 1);
    this.values = new Int32Array(cap >> 1);
  }

  private static hash(l: number, r: number): number {
    return (Math.imul(l, 0x9e3779b1) ^ Math.imul(r + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  }

  /** Index of (l, r), or -1. */
  find(l: number, r: number): number {
    let s = PairTable.hash(l, r) & this.mask;
    for (;;) {
      const v = this.slots[s]!;
      if (v === 0) return -1;
      const i = v - 1;
      if (this.lefts[i] === l && this.rights[i] === r) return i;
      s = (s + 1) & this.mask;
    }
  }

  /** Index of (l, r), inserting it (value 0) if absent. */
  intern(l: number, r: number): number {
    let s = PairTable.hash(l, r) & this.mask;
    for (;;) {
      const v = this.slots[s]!;
      if (v === 0) break;
      const i = v - 1;
      if (this.lefts[i] === l && this.rights[i] === r) return i;
      s = (s + 1) & this.mask;
    }
    const i = this.size++;
    if (i >= this.lefts.length) {
      this.grow();
      return this.intern(l, r);
    }
    this.slots[s] = i + 1;
    this.lefts[i] = l;
    this.rights[i] = r;
    this.values[i] = 0;
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

  private grow(): void {
    this.size--;
    const n = this.size;
    const cap = this.slots.length * 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(cap >> 1);
      b.set(a.subarray(0, n));
      return b;
    };
    this.lefts = grow(this.lefts);
    this.rights = grow(this.rights);
    this.values = grow(this.values);
    for (let i = 0; i < n; i++) {
      let s = PairTable.hash(this.lefts[i]!, this.rights[i]!) & this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
      this.slots[s] = i + 1;
    }
  }
}
