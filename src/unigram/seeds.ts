// The seed pieces of Unigram training, as SentencePiece's MakeSeedSentencePieces chooses them: the
// substrings that branch (the internal nodes of a suffix tree: not always followed by one same
// character) ranked by count × length, plus the characters. Instead of a suffix array, substrings
// are counted exactly level by level (length 2, 3, …): a substring is counted only where its
// prefix and its suffix one character shorter are frequent (Apriori), so memory stays bounded by
// the frequent substrings of one length and the text; what occurs fewer than `minCount` times is
// never a seed.
import type { ChunkText } from './chunks.js';

/** What the seeds must be. */
export interface SeedOptions {
  maxLength: number; // longest seed, in characters
  minCount: number; // weighted occurrences a seed needs at least
  size: number; // seeds of two or more characters to keep (the best by count × length)
  admits: (piece: string) => boolean; // may this be a new piece?
  inBase: (piece: string) => boolean; // is it a piece already?
}

/** A seed piece and its weighted occurrences. */
export interface Seed {
  piece: string;
  count: number;
}

/** Typed arrays that grow by doubling. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/** Frequent substrings found so far: each a parent (one character shorter) and a last character. */
class Nodes {
  parent = new Int32Array(1 << 16);
  last = new Int32Array(1 << 16);
  count = new Float64Array(1 << 16);
  length = new Uint8Array(1 << 16);
  nonBranching = new Uint8Array(1 << 16); // always followed by one same character
  size = 0;

  add(parent: number, cp: number, count: number, length: number): number {
    const id = this.size++;
    this.parent = grown(this.parent, this.size);
    this.last = grown(this.last, this.size);
    this.count = grown(this.count, this.size);
    this.length = grown(this.length, this.size);
    this.nonBranching = grown(this.nonBranching, this.size);
    [this.parent[id], this.last[id], this.count[id], this.length[id]] = [parent, cp, count, length];
    return id;
  }

  text(id: number): string {
    const cps: number[] = [];
    for (let n = id; n >= 0; n = this.parent[n]!) cps.push(this.last[n]!);
    return String.fromCodePoint(...cps.reverse());
  }
}

/** Counts of (parent node, next character) pairs of one length: an open-addressing table whose
 * slots hold parent, character and entry number side by side (one cache line per probe), and the
 * counts by entry number (the frequent pairs come first, so their counts share cache lines). */
class LevelCounts {
  size = 0;
  count = new Float64Array(1 << 16);
  private slots = new Int32Array(4 << 20).fill(-1);
  private mask = (1 << 20) - 1;

  /** Adds `w` to the count of (parent, cp); returns its entry number (0, 1, … in order of arrival). */
  add(parent: number, cp: number, w: number): number {
    const t = this.slots;
    let s = hash(parent, cp) & this.mask;
    for (; t[4 * s]! !== -1; s = (s + 1) & this.mask)
      if (t[4 * s] === parent && t[4 * s + 1] === cp) {
        const e = t[4 * s + 2]!;
        this.count[e]! += w;
        return e;
      }
    const e = this.size++;
    t[4 * s] = parent;
    t[4 * s + 1] = cp;
    t[4 * s + 2] = e;
    this.count = grown(this.count, this.size);
    this.count[e] = w;
    if (2 * this.size > this.mask + 1) this.grow();
    return e;
  }

  /** Calls `f(parent, cp, count, entry)` for every entry. */
  forEach(f: (parent: number, cp: number, count: number, entry: number) => void): void {
    const t = this.slots;
    for (let s = 0; s <= this.mask; s++)
      if (t[4 * s]! !== -1) f(t[4 * s]!, t[4 * s + 1]!, this.count[t[4 * s + 2]!]!, t[4 * s + 2]!);
  }

  private grow(): void {
    const old = this.slots;
    this.mask = 2 * this.mask + 1;
    const t = (this.slots = new Int32Array(4 * (this.mask + 1)).fill(-1));
    for (let o = 0; o < old.length; o += 4) {
      if (old[o] === -1) continue;
      let s = hash(old[o]!, old[o + 1]!) & this.mask;
      while (t[4 * s]! !== -1) s = (s + 1) & this.mask;
      t[4 * s] = old[o]!;
      t[4 * s + 1] = old[o + 1]!;
      t[4 * s + 2] = old[o + 2]!;
    }
  }
}

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** Substrings of `text` of 1..maxLength characters occurring at least `minCount` times, as nodes;
 * a node is marked nonBranching when every occurrence is followed by one same character. */
function frequentSubstrings(text: ChunkText, maxLength: number, minCount: number): Nodes {
  const { cps, starts, weights } = text;
  const nodes = new Nodes();
  const charCount = new Float64Array(0x110000);
  const chunkOf = new Int32Array(cps.length);
  const left = new Uint8Array(cps.length); // characters from here to the chunk's end (at most 255)
  for (let k = 0; k + 1 < starts.length; k++)
    for (let i = starts[k]!, end = starts[k + 1]!; i < end; i++) {
      charCount[cps[i]!]! += weights[k]!;
      chunkOf[i] = k;
      left[i] = Math.min(255, end - i);
    }
  const charNode = new Int32Array(0x110000).fill(-1);
  for (let cp = 0; cp < 0x110000; cp++)
    if (charCount[cp]! >= minCount) charNode[cp] = nodes.add(-1, cp, charCount[cp]!, 1);
  // positions whose substring of the current length is frequent, with that substring's node
  const nodeAt = new Int32Array(cps.length);
  const active = new Int32Array(cps.length);
  let live = 0;
  for (let i = 0; i < cps.length; i++) if ((nodeAt[i] = charNode[cps[i]!]!) >= 0) active[live++] = i;
  const entry = new Int32Array(live);
  for (let len = 2; len <= maxLength + 1 && live > 0; len++) {
    const level = new LevelCounts();
    let kept = 0;
    for (let t = 0; t < live; t++) {
      const i = active[t]!;
      if (left[i]! < len || nodeAt[i + 1]! < 0) {
        nodeAt[i] = -1; // position i-1, the only other reader, is done
        continue;
      }
      entry[kept] = level.add(nodeAt[i]!, cps[i + len - 1]!, weights[chunkOf[i]!]!);
      active[kept++] = i;
    }
    const nodeOf = new Int32Array(level.size).fill(-1);
    level.forEach((parent, cp, count, e) => {
      // every occurrence of the parent is followed by cp: the parent never branches
      if (count === nodes.count[parent]) nodes.nonBranching[parent] = 1;
      if (len <= maxLength && count >= minCount) nodeOf[e] = nodes.add(parent, cp, count, len);
    });
    live = 0;
    for (let t = 0; t < kept; t++) {
      const i = active[t]!;
      const e = entry[t]!;
      if ((nodeAt[i] = nodeOf[e]!) < 0) continue;
      active[live] = i;
      entry[live++] = e;
    }
  }
  return nodes;
}

/** Seeds ordered by count × length, best first, then by text. */
function ranked(seeds: (Seed & { length: number })[]): Seed[] {
  seeds.sort((a, b) => b.count * b.length - a.count * a.length || (a.piece < b.piece ? -1 : a.piece > b.piece ? 1 : 0));
  return seeds.map(({ piece, count }) => ({ piece, count }));
}

/**
 * The seeds: every new character (admitted, not in the base, at least minCount occurrences), then the
 * `size` best branching substrings of 2..maxLength characters (admitted, not in the base) by
 * count × length, ties by text.
 */
export function seedPieces(text: ChunkText, o: SeedOptions): Seed[] {
  const nodes = frequentSubstrings(text, o.maxLength, o.minCount);
  const chars: (Seed & { length: number })[] = [];
  const branching: number[] = [];
  for (let id = 0; id < nodes.size; id++) {
    if (nodes.length[id] === 1) {
      const piece = nodes.text(id);
      if (o.admits(piece) && !o.inBase(piece)) chars.push({ piece, count: nodes.count[id]!, length: 1 });
    } else if (!nodes.nonBranching[id]) branching.push(id);
  }
  const score = (id: number) => nodes.count[id]! * nodes.length[id]!;
  branching.sort((a, b) => score(b) - score(a) || a - b);
  const longer: (Seed & { length: number })[] = [];
  let boundary = -1; // the score of the size-th seed: every seed scoring as much is a candidate
  for (const id of branching) {
    if (longer.length >= o.size && score(id) < boundary) break;
    const piece = nodes.text(id);
    if (!o.admits(piece) || o.inBase(piece)) continue;
    longer.push({ piece, count: nodes.count[id]!, length: nodes.length[id]! });
    if (longer.length === o.size) boundary = score(id);
  }
  return [...ranked(chars), ...ranked(longer).slice(0, o.size)];
}
