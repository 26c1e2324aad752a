// A compact counting table of chunks: keys as UTF-16 code units in one arena, an open-addressing
// index and parallel typed arrays. About 28 bytes per distinct chunk plus 2 per code unit, against
// ~100 for a JS Map of strings, and no garbage per occurrence (chunks are hashed in place).

/** The table's hash of code units [start, end) of `s`: stable across runs, orders, machines. */
export function hashUnits(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mixHash(h);
}

/** hashUnits of the string that code units [start, end) of `u` spell, without making it. */
export function hashUnitArray(u: Uint16Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ u[i]!, 0x01000193);
  return mixHash(h);
}

/** The last step of hashUnits: spreads the bits of the running hash. */
function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Chunks with their counts, in order: chunk k is the next lens[k] UTF-16 units of `units`. */
export interface ChunkRows {
  units: Uint16Array;
  lens: Int32Array;
  counts: Float64Array;
}

/** A table's entries in insertion order, with their hashes. */
export interface ChunkEntries extends ChunkRows {
  hashes: Uint32Array;
}

const GREW = -1;
const FULL = -2;

/** Chunk → weighted count, with exact memory accounting (`bytes`); never grows past `limit` bytes. */
export class ChunkTable {
  private slots: Int32Array; // entry + 1; 0 = empty
  private mask: number;
  private arena: Uint16Array;
  private arenaLen = 0;
  hashes: Uint32Array;
  private offs: Int32Array; // arena offset of each key (code units)
  lens: Int32Array; // key length in code units
  counts: Float64Array;
  size = 0;

  /** @param limit bytes the table may grow to: `add` returns false instead of growing past it. */
  constructor(
    capacity = 1 << 12,
    readonly limit = Infinity,
  ) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    this.hashes = new Uint32Array(cap);
    this.offs = new Int32Array(cap);
    this.lens = new Int32Array(cap);
    this.counts = new Float64Array(cap);
    this.arena = new Uint16Array(cap * 8);
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return (
      this.slots.byteLength +
      this.arena.byteLength +
      this.hashes.byteLength +
      this.offs.byteLength +
      this.lens.byteLength +
      this.counts.byteLength
    );
  }

  private equals(e: number, s: string, start: number, end: number): boolean {
    if (this.lens[e] !== end - start) return false;
    const a = this.arena;
    let o = this.offs[e]!;
    for (let i = start; i < end; i++, o++) if (a[o] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Adds `count` to the chunk made of code units [start, end) of `s`; false (nothing added) if
   * a new entry would grow the table past its limit. */
  add(s: string, start: number, end: number, count: number, hash = hashUnits(s, start, end)): boolean {
    let slot = hash & this.mask;
    for (;;) {
      const v = this.slots[slot]!;
      if (v === 0) break;
      const e = v - 1;
      if (this.hashes[e] === hash && this.equals(e, s, start, end)) {
        this.counts[e] = this.counts[e]! + count;
        return true;
      }
      slot = (slot + 1) & this.mask;
    }
    const o = this.place(slot, end - start, hash, count);
    if (o < 0) return o === GREW ? this.add(s, start, end, count, hash) : false;
    const a = this.arena;
    for (let i = start; i < end; i++) a[o + i - start] = s.charCodeAt(i);
    return true;
  }

  /** `add` for a chunk given as code units [start, end) of `units` (another table's arena). */
  addUnits(units: Uint16Array, start: number, end: number, count: number, hash: number): boolean {
    let slot = hash & this.mask;
    for (;;) {
      const v = this.slots[slot]!;
      if (v === 0) break;
      const e = v - 1;
      if (this.hashes[e] === hash && this.lens[e] === end - start) {
        const a = this.arena;
        const d = this.offs[e]! - start;
        let i = start;
        while (i < end && a[d + i] === units[i]) i++;
        if (i === end) {
          this.counts[e] = this.counts[e]! + count;
          return true;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    const o = this.place(slot, end - start, hash, count);
    if (o < 0) return o === GREW ? this.addUnits(units, start, end, count, hash) : false;
    const a = this.arena;
    for (let i = start; i < end; i++) a[o + i - start] = units[i]!;
    return true;
  }

  /** Reads the first slot of each hash in [from, to) of `hashes`: independent reads the processor
   * makes at once, so the adds that follow find their slots in the cache. */
  touch(hashes: Uint32Array, from: number, to: number): number {
    let x = 0;
    const end = Math.min(to, hashes.length);
    for (let k = from; k < end; k++) x |= this.slots[hashes[k]! & this.mask]!;
    return x;
  }

  /** Makes a new entry of `len` code units in empty slot `slot` and returns its arena offset (the
   * caller copies the units there); GREW if the table grew instead (probe again), FULL if it may not. */
  private place(slot: number, len: number, hash: number, count: number): number {
    const e = this.size;
    if (e === this.counts.length) {
      if (this.bytes + this.entryBytes() > this.limit && this.size > 0) return FULL;
      this.growEntries();
      return GREW;
    }
    if (this.arenaLen + len > this.arena.length) {
      const grown = Math.max(this.arena.length * 2, this.arenaLen + len);
      if (this.bytes + 2 * (grown - this.arena.length) > this.limit && this.size > 0) return FULL;
      this.growArena(grown);
    }
    const o = this.arenaLen;
    this.offs[e] = o;
    this.lens[e] = len;
    this.arenaLen = o + len;
    this.hashes[e] = hash;
    this.counts[e] = count;
    this.slots[slot] = e + 1;
    this.size++;
    return o;
  }

  /** The entries as compact arrays, in insertion order (what a counting thread hands back). */
  entries(): ChunkEntries {
    return { ...this.rows(0, this.size), hashes: this.hashes.slice(0, this.size) };
  }

  /** Entries [from, to) as compact arrays (their units lie one after another in the arena). */
  rows(from: number, to: number): ChunkRows {
    const start = from < to ? this.offs[from]! : 0;
    const end = from < to ? this.offs[to - 1]! + this.lens[to - 1]! : 0;
    return {
      units: this.arena.slice(start, end),
      lens: this.lens.slice(from, to),
      counts: this.counts.slice(from, to),
    };
  }

  /** The chunk of entry `e` as a string. */
  key(e: number): string {
    const o = this.offs[e]!;
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + 2 * o, 2 * this.lens[e]!).toString('utf16le');
  }

  /** Calls fn for every entry, in insertion order. */
  forEach(fn: (chunk: string, count: number, hash: number) => void): void {
    for (let e = 0; e < this.size; e++) fn(this.key(e), this.counts[e]!, this.hashes[e]!);
  }

  /** The raw code units of entry `e` (a view into the arena; valid until the next add). */
  units(e: number): Uint16Array {
    const o = this.offs[e]!;
    return this.arena.subarray(o, o + this.lens[e]!);
  }

  /** Bytes of the per-entry arrays (what growing them adds). */
  private entryBytes(): number {
    return (
      this.slots.byteLength +
      this.hashes.byteLength +
      this.offs.byteLength +
      this.lens.byteLength +
      this.counts.byteLength
    );
  }

  private growArena(length: number): void {
    const g = new Uint16Array(length);
    g.set(this.arena.subarray(0, this.arenaLen));
    this.arena = g;
  }

  private growEntries(): void {
    const cap = this.counts.length * 2;
    const grow = <T extends Int32Array | Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
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
      let slot = this.hashes[e]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = e + 1;
    }
  }
}
