// HF tokenizers' BPE model: explicit merges applied lowest rank first (leftmost on ties), over
// byte-level symbols (Llama 3, Qwen) or characters with byte fallback (Gemma). New merges are
// appended after the last rank and new tokens after the highest id, as continued training does.
import { BYTE_CHAR, bytesToToken, tokenToBytes } from '../vocab/bytelevel.js';
import { bytePiece } from '../vocab/model.js';
import { CharIds } from './char-ids.js';
import { PairMerger } from './merger.js';
import { writeUtf8 } from '../corpus/unicode.js';

/** What defines a rank-based BPE model. */
export interface RankedBpeSpec {
  vocab: readonly string[]; // token by id ('' where an id has no model token, e.g. an added token)
  merges: readonly (readonly [string, string])[]; // in rank order
  byteLevel: boolean; // symbols are the 256 byte characters
  ignoreMerges: boolean; // a pretoken that is itself a token is emitted whole (Llama 3)
  byteFallback: boolean; // an unknown character becomes its <0xXX> tokens
  free?: readonly number[]; // ids without a token ('' in vocab) that new tokens take first, lowest first
}

/** A 32-bit hash of bytes[0, n) (FNV-1a, then mixed), as a small integer: a set of them is the
 * quick test before a whole-token lookup. */
function wholeKey(bytes: Uint8Array, n: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  return Math.imul(h, 0x85ebca6b) | 0;
}

/** The ids of merge (l, r)'s parts and result by `id`; throws naming what the vocabulary lacks. */
export function mergeIds(l: string, r: string, id: (text: string) => number | undefined): [number, number, number] {
  const a = id(l);
  const b = id(r);
  if (a === undefined || b === undefined)
    throw new Error(
      `merge ${JSON.stringify(`${l} ${r}`)} names ${JSON.stringify(a === undefined ? l : r)}, which is not in the vocabulary`,
    );
  const m = id(l + r);
  if (m === undefined)
    throw new Error(
      `merge ${JSON.stringify(l)} + ${JSON.stringify(r)} has no result: ${JSON.stringify(l + r)} is not in the vocabulary`,
    );
  return [a, b, m];
}

/** The encoder; `texts` and `ids` grow as the trainer appends tokens. */
export class RankedBpe extends PairMerger {
  readonly texts: string[];
  readonly ids = new Map<string, number>();
  readonly byteIds = new Int32Array(256).fill(-1); // byte → its token (byte-level) or its <0xXX> token
  private readonly charIds = new CharIds(); // non-byte-level: code point → its single-character token
  private readonly made = new Map<number, [number, number]>(); // appended token → its merge
  private rank = 0;
  private longest = 0; // the longest token string: a longer pretoken is no token
  private wholeKeys?: Set<number>; // ignore_merges: each token's bytes' hash (wholeKey), made at the first `whole`
  private utf8 = new Uint8Array(256); // a pretoken's UTF-8 (symbols)
  private readonly free: number[]; // ids new tokens take before appending, lowest last (popped)

  constructor(
    readonly spec: RankedBpeSpec,
    size = spec.vocab.length,
  ) {
    super();
    this.free = [...(spec.free ?? [])].sort((a, b) => b - a);
    this.texts = Array.from({ length: size }, (_, id) => spec.vocab[id] ?? '');
    this.texts.forEach((t, id) => {
      if (t !== '') this.index(t, id);
    });
    for (let b = 0; b < 256; b++) this.byteIds[b] = this.ids.get(spec.byteLevel ? BYTE_CHAR[b]! : bytePiece(b)) ?? -1;
    const id = (t: string) => this.ids.get(t);
    for (const [l, r] of spec.merges) {
      const [a, b, m] = mergeIds(l, r, id);
      this.setPair(a, b, m, -this.rank++);
    }
  }

  private index(text: string, id: number): void {
    this.ids.set(text, id);
    this.longest = Math.max(this.longest, text.length);
    if (this.wholeKeys) this.keyWhole(text);
    if (!this.spec.byteLevel) this.charIds.note(text, id);
  }

  /** Adds token `text`'s key to wholeKeys. */
  private keyWhole(text: string): void {
    const bytes = this.spec.byteLevel ? tokenToBytes(text) : Buffer.from(text, 'utf8');
    if (bytes) this.wholeKeys!.add(wholeKey(bytes, bytes.length));
  }

  /** Writes the pretoken's UTF-8 to `utf8` (grown as needed); returns its length. */
  private writeUtf8(pretoken: string): number {
    if (this.utf8.length < 3 * pretoken.length) this.utf8 = new Uint8Array(6 * pretoken.length);
    return writeUtf8(pretoken, 0, pretoken.length, this.utf8, 0);
  }

  /** True if `text` is a token. */
  has(text: string): boolean {
    return this.ids.has(text);
  }

  /** Puts a new token's text at the lowest free id, else after the last; returns its id. */
  private place(text: string): number {
    const id = this.free.pop() ?? this.texts.length;
    this.texts[id] = text;
    this.index(text, id);
    return id;
  }

  /** Adds token texts[l] + texts[r] (at a free id, else after the last), made by a new merge of the lowest priority so far. */
  addMerge(l: number, r: number): number {
    const id = this.place(this.texts[l]! + this.texts[r]!);
    this.setPair(l, r, id, -this.rank++);
    this.made.set(id, [l, r]);
    return id;
  }

  /** The merge that made an appended token. */
  mergeOf(id: number): [number, number] | undefined {
    return this.made.get(id);
  }

  /** Adds a token without a merge (a new single character of a character-level model), as addMerge places it. */
  addToken(text: string): number {
    return this.place(text);
  }

  /** The token string of a pretoken (byte-level: its UTF-8 bytes as characters). */
  tokenString(pretoken: string): string {
    return this.spec.byteLevel ? bytesToToken(Buffer.from(pretoken, 'utf8')) : pretoken;
  }

  /** The token a pretoken is as a whole, when ignore_merges emits it so. A pretoken longer than
   * the longest token is none (its token string has at least as many characters: one per UTF-16
   * unit, or one per byte); one whose bytes' hash is no token's is none either. Only the rest
   * build and look up a token string, a few in a language without spaces, where most pretokens
   * are no token. */
  whole(pretoken: string): number | undefined {
    if (!this.spec.ignoreMerges || pretoken.length > this.longest) return undefined;
    if (!this.wholeKeys) {
      this.wholeKeys = new Set();
      for (const t of this.ids.keys()) this.keyWhole(t);
    }
    if (!this.wholeKeys.has(wholeKey(this.utf8, this.writeUtf8(pretoken)))) return undefined;
    return this.ids.get(this.tokenString(pretoken));
  }

  /** Initial symbols of a pretoken: its bytes, or its characters (-1 where a character is no token). */
  symbols(pretoken: string): number[] {
    if (!this.spec.byteLevel) return this.charIds.symbols(pretoken);
    const out: number[] = [];
    const n = this.writeUtf8(pretoken);
    for (let i = 0; i < n; i++) out.push(this.byteIds[this.utf8[i]!]!);
    return out;
  }

  /** Encodes one pretoken as the HF runtime does: whole if ignore_merges finds it, else merged;
   * unknown characters become their byte tokens. */
  encodePretoken(pretoken: string): number[] {
    const whole = this.whole(pretoken);
    if (whole !== undefined) return [whole];
    if (this.spec.byteLevel) return this.merge(this.symbols(pretoken));
    const out: number[] = [];
    const syms = this.symbols(pretoken);
    const chars = Array.from(pretoken);
    let start = 0;
    const flush = (end: number) => {
      if (end > start) out.push(...this.merge(syms.slice(start, end)));
    };
    syms.forEach((s, k) => {
      if (s >= 0) return;
      flush(k);
      for (const b of Buffer.from(chars[k]!, 'utf8')) out.push(this.byteIds[b]!);
      start = k + 1;
    });
    flush(syms.length);
    return out;
  }

  /** Byte-level: encodes raw bytes as one pretoken (a token may be part of a character). */
  encodeBytes(bytes: Uint8Array): number[] {
    if (this.spec.ignoreMerges) {
      const whole = this.ids.get(bytesToToken(bytes));
      if (whole !== undefined) return [whole];
    }
    return this.merge(Array.from(bytes, (b) => this.byteIds[b]!));
  }
}
