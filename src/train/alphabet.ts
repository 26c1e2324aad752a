// What continued training needs from a base, for both model kinds: its segmentation of a chunk
// into words, how a new token is appended (SentencePiece: a piece scored below all; HF: a merge
// ranked after all), which merges are allowed (length, and the Japanese-only policy that keeps
// text without Japanese encoded exactly as before).
import { BpeEncoder } from '../bpe/encoder.js';
import type { RankedBpe } from '../bpe/ranked.js';
import { containsJapanese, isJapaneseCodePoint } from '../corpus/unicode.js';
import { tokenToBytes } from '../hf/bytelevel.js';
import { appendScoreOrigin } from '../vocab/scores.js';
import type { Model } from '../vocab/model.js';

/** A base as the trainer sees it. */
export interface Alphabet {
  readonly texts: string[]; // token strings by id (byte-level strings for byte-level bases)
  readonly charsNeeded: boolean; // false: every character is made of byte tokens already
  has(text: string): boolean;
  addChar(ch: string): number; // a new single-character token
  addMerge(l: number, r: number): number; // a new token l + r, of the lowest priority so far
  segment(chunk: string, emit: (symbols: number[]) => void): void; // the base's words of a chunk (2+ symbols)
  merge(symbols: number[]): number[]; // re-encodes a word's symbols
  splits(id: number): [number, number][]; // the pairs that merge into id
  completesLarger(id: number): boolean; // does id complete an existing larger token (SentencePiece only)
  allowed(l: number, r: number): boolean; // may (l, r) become a token (length, policy)?
}

/** Policy and length of new tokens. */
export interface AlphabetOptions {
  allowNonJapanese: boolean;
  maxPieceLength: number; // code points (byte-level: 3 bytes each)
}

const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** SentencePiece BPE: pieces with scores; every split of a piece merges; characters that are no piece split words. */
export function sentencePieceAlphabet(model: Model, o: AlphabetOptions): Alphabet {
  const enc = new BpeEncoder(model.pieces);
  const origin = appendScoreOrigin(model);
  let added = 0;
  return {
    texts: enc.texts,
    charsNeeded: true,
    has: (t) => enc.pieceToId.has(t),
    addChar: (ch) => enc.addPiece(ch, origin - ++added),
    addMerge: (l, r) => enc.addPiece(enc.texts[l]! + enc.texts[r]!, origin - ++added),
    segment: (chunk, emit) => splitAtUnknown(enc.charSymbols(chunk), (s) => enc.merge(s), emit),
    merge: (s) => enc.merge(s),
    splits: (id) => enc.splits(id),
    completesLarger: (id) => enc.completesLarger(id),
    allowed: (l, r) => {
      const text = enc.texts[l]! + enc.texts[r]!;
      return codePoints(text) <= o.maxPieceLength && (o.allowNonJapanese || containsJapanese(text));
    },
  };
}

/** Splits symbols where one is unknown (-1) and emits the merged runs of 2+ symbols. */
function splitAtUnknown(syms: number[], merge: (s: number[]) => number[], emit: (s: number[]) => void): void {
  let s = 0;
  for (let i = 0; i <= syms.length; i++) {
    if (i < syms.length && syms[i]! >= 0) continue;
    if (i - s >= 2) {
      const seg = merge(syms.slice(s, i));
      if (seg.length >= 2) emit(seg);
    }
    s = i + 1;
  }
}

/** HF BPE: explicit merges by rank; byte-level (every byte a token) or characters with byte fallback. */
export function hfAlphabet(enc: RankedBpe, o: AlphabetOptions): Alphabet {
  const firstNew = enc.texts.length;
  const japanese = japaneseBytes();
  return {
    texts: enc.texts,
    charsNeeded: !enc.spec.byteLevel,
    has: (t) => enc.has(t),
    addChar: (ch) => enc.addToken(ch),
    addMerge: (l, r) => enc.addMerge(l, r),
    segment: (chunk, emit) => {
      if (enc.spec.ignoreMerges && enc.has(enc.tokenString(chunk))) return; // emitted whole: one symbol
      if (enc.spec.byteLevel) {
        const seg = enc.merge(enc.symbols(chunk));
        if (seg.length >= 2) emit(seg);
      } else splitAtUnknown(enc.symbols(chunk), (s) => enc.merge(s), emit);
    },
    merge: (s) => enc.merge(s),
    splits: (id) => mergeOf(enc, id),
    completesLarger: () => false,
    allowed: (l, r) => {
      const text = enc.texts[l]! + enc.texts[r]!;
      if (!enc.spec.byteLevel) return codePoints(text) <= o.maxPieceLength && (o.allowNonJapanese || containsJapanese(text));
      if (text.length > 3 * o.maxPieceLength) return false;
      // A token made with a new one only ever occurs where that one does: inside Japanese text.
      return o.allowNonJapanese || l >= firstNew || r >= firstNew || japanese(tokenToBytes(text)!);
    },
  };
}

/** The merge that made token `id` (HF models have exactly one). */
function mergeOf(enc: RankedBpe, id: number): [number, number][] {
  const p = enc.mergeOf(id);
  return p ? [p] : [];
}

/**
 * Whether bytes can only ever occur inside text that has a Japanese character there: they hold a
 * whole Japanese character, or they end in the start of a character every completion of which
 * is Japanese (E3 81 is the start of hiragana only). Bytes that are only the end of some
 * character prove nothing (81 82 ends あ, but also ⁂).
 */
export function japaneseBytes(): (b: Uint8Array) => boolean {
  const prefixes = new Map<string, boolean>();
  const lengthOf = (lead: number) => (lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0);
  const allJapanese = (prefix: Uint8Array, len: number): boolean => {
    const key = Buffer.from(prefix).toString('hex');
    const known = prefixes.get(key);
    if (known !== undefined) return known;
    let ok = true;
    const rest = len - prefix.length;
    const buf = Buffer.alloc(len);
    buf.set(prefix);
    for (let k = 0; k < 64 ** rest && ok; k++) {
      let x = k;
      for (let j = len - 1; j >= prefix.length; j--) {
        buf[j] = 0x80 | (x & 63);
        x >>= 6;
      }
      const s = buf.toString('utf8');
      const cp = s.codePointAt(0)!;
      if (s.length !== (cp > 0xffff ? 2 : 1) || cp === 0xfffd) continue; // not a valid encoding: never occurs
      if (!isJapaneseCodePoint(cp)) ok = false;
    }
    prefixes.set(key, ok);
    return ok;
  };
  return (b) => {
    let i = 0;
    while (i < b.length && (b[i]! & 0xc0) === 0x80) i++; // the end of a character: proves nothing
    while (i < b.length) {
      const len = lengthOf(b[i]!);
      if (len === 0) return false;
      if (i + len > b.length) return allJapanese(b.subarray(i), len);
      const cp = Buffer.from(b.subarray(i, i + len)).toString('utf8').codePointAt(0)!;
      if (isJapaneseCodePoint(cp)) return true;
      i += len;
    }
    return false;
  };
}
