// A trie over code points in typed arrays: the prefix matcher of the Unigram lattice (SentencePiece
// uses a double-array trie over UTF-8 bytes; pieces are whole characters, so matches are the same).
// A node below the root is the slot of an open-addressing table keyed by (parent, code point), and
// the slot also holds the node's value: one cache line per step of a walk.

const EMPTY = -1;
const STRIDE = 4; // [parent, code point, value, unused]

/** Mixes a (node, code point) pair into a 32-bit hash (murmur3's finalizer). */
function mix(node: number, cp: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(cp, 0x85ebca77);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

/** Code points of `s` (what SentencePiece calls characters). */
export function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    out[n++] = cp;
  }
  return out.subarray(0, n);
}

/** A trie's arrays, to rebuild it elsewhere (a worker thread). */
export interface PieceTrieData {
  rootChild: Int32Array;
  slots: Int32Array;
  order: Int32Array;
  nodes: number;
}

/** Strings of code points mapped to values (piece indices ≥ 0); walk it with `child` from ROOT and
 * read `valueOf` each node reached. */
export class PieceTrie {
  static readonly ROOT = 0;
  private rootChild = new Int32Array(0x110000).fill(EMPTY); // node of each one-character string
  private slots: Int32Array;
  private order: Int32Array; // slots in the order their nodes were made (parents first)
  private mask: number;
  private nodes = 0; // nodes below the root

  /** @param expectedNodes nodes to make room for (an upper bound avoids any regrowth) */
  constructor(expectedNodes = 1024) {
    let cap = 1024;
    while (cap < 2 * expectedNodes) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(STRIDE * cap).fill(EMPTY);
    this.order = new Int32Array(cap);
  }

  /** Nodes in the trie (the root included). */
  get size(): number {
    return this.nodes + 1;
  }

  /** The child of `node` along code point `cp`, or -1. */
  child(node: number, cp: number): number {
    if (node === PieceTrie.ROOT) return this.rootChild[cp]!;
    const slots = this.slots;
    const mask = this.mask;
    for (let s = mix(node, cp) & mask; ; s = (s + 1) & mask) {
      const k = slots[STRIDE * s]!;
      if (k === EMPTY) return EMPTY;
      if (k === node && slots[STRIDE * s + 1] === cp) return s + 1;
    }
  }

  /** The value of a node reached by `child` (-1: no piece ends there). */
  valueOf(node: number): number {
    return this.slots[STRIDE * (node - 1) + 2]!;
  }

  /** Sets the value of `cps` (creating its nodes). A later set replaces an earlier one. */
  set(cps: ArrayLike<number>, value: number): void {
    let node = PieceTrie.ROOT;
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i]!;
      let next = this.child(node, cp);
      if (next === EMPTY) next = this.add(node, cp);
      node = next;
    }
    if (node !== PieceTrie.ROOT) this.slots[STRIDE * (node - 1) + 2] = value;
  }

  /** The value of `cps`, or -1. */
  get(cps: ArrayLike<number>): number {
    let node = PieceTrie.ROOT;
    for (let i = 0; i < cps.length && node !== EMPTY; i++) node = this.child(node, cps[i]!);
    return node === EMPTY || node === PieceTrie.ROOT ? EMPTY : this.valueOf(node);
  }

  /** The trie's arrays (shared, not copied). */
  data(): PieceTrieData {
    const { rootChild, slots, order, nodes } = this;
    return { rootChild, slots, order, nodes };
  }

  /** The trie of `data()`. */
  static of(d: PieceTrieData): PieceTrie {
    const t = Object.create(PieceTrie.prototype) as PieceTrie; // no tables of its own to throw away
    Object.assign(t, d, { mask: d.slots.length / STRIDE - 1 });
    return t;
  }

  /** Makes the child of `node` along `cp`; a one-character string's node is its slot as any other. */
  private add(node: number, cp: number): number {
    if (2 * (this.nodes + 1) > this.mask + 1) this.grow();
    const s = this.insert(node, cp, EMPTY);
    if (node === PieceTrie.ROOT) this.rootChild[cp] = s + 1;
    return s + 1;
  }

  private insert(parent: number, cp: number, value: number): number {
    const mask = this.mask;
    let s = mix(parent, cp) & mask;
    while (this.slots[STRIDE * s] !== EMPTY) s = (s + 1) & mask;
    this.slots[STRIDE * s] = parent;
    this.slots[STRIDE * s + 1] = cp;
    this.slots[STRIDE * s + 2] = value;
    this.order[this.nodes++] = s;
    return s;
  }

  /** Doubles the table: nodes move to new slots (so get new ids), parents before children. */
  private grow(): void {
    const [old, oldOrder, count] = [this.slots, this.order, this.nodes];
    this.mask = 2 * this.mask + 1;
    this.slots = new Int32Array(STRIDE * (this.mask + 1)).fill(EMPTY);
    this.order = new Int32Array(this.mask + 1);
    this.nodes = 0;
    const moved = new Int32Array(old.length / STRIDE);
    for (let k = 0; k < count; k++) {
      const s = oldOrder[k]!;
      const parent = old[STRIDE * s]!;
      const cp = old[STRIDE * s + 1]!;
      const p = parent === PieceTrie.ROOT ? parent : moved[parent - 1]! + 1;
      moved[s] = this.insert(p, cp, old[STRIDE * s + 2]!);
      if (p === PieceTrie.ROOT) this.rootChild[cp] = moved[s] + 1;
    }
  }
}
