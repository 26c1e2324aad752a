// The one rule for what may become a new token. Under the Japanese-only policy every new token
// can only occur inside Japanese text, so text without Japanese encodes exactly as the base
// encodes it; the trainer, the planner and verify all ask this module.
import type { Policy } from '../spec.js';
import { codePointLength, containsJapanese, isJapaneseCodePoint, unitsContainJapanese } from './unicode.js';

/** SentencePiece's meta symbol for a space: never a new character of its own. */
const META_SPACE = 0x2581;

/** What a policy (and a length limit) admits. */
export interface PieceRule {
  /** May code point `cp` become a new single-character piece? */
  char: (cp: number) => boolean;
  /** Is a chunk of text trained on (does it hold what new tokens are made of)? */
  trainsOn: (text: string) => boolean;
  /** trainsOn of the text that UTF-16 units [start, end) of `units` spell. */
  trainsOnUnits: (units: Uint16Array, start: number, end: number) => boolean;
  /** May `text` be a new piece (SentencePiece, or HF with characters as tokens)? */
  text: (text: string) => boolean;
  /** May a byte-level token of `length` bytes be new? `fromNew`: it is merged from a new token, so
   * it only occurs where that one does; `bytes` gives its bytes, asked for only when they decide. */
  bytes(length: number, fromNew: boolean, bytes: () => Uint8Array): boolean;
}

/** The rule of `policy` for new tokens of at most `maxPieceLength` code points (byte-level: 3
 * bytes each); verify checks the policy alone (no length limit). */
export function pieceRule(policy: Policy, maxPieceLength = Infinity): PieceRule {
  const any = policy === 'allow-non-japanese';
  const japanese = japaneseBytes();
  return {
    char: (cp) => cp !== META_SPACE && (any ? cp !== 0x20 && cp !== 0 : isJapaneseCodePoint(cp)),
    trainsOn: (t) => any || containsJapanese(t),
    trainsOnUnits: (u, start, end) => any || unitsContainJapanese(u, start, end),
    text: (t) => codePointLength(t) <= maxPieceLength && (any || containsJapanese(t)),
    bytes: (length, fromNew, b) => length <= 3 * maxPieceLength && (any || fromNew || japanese(b())),
  };
}

/**
 * Whether bytes can only ever occur inside text that has a Japanese character there: they hold a
 * whole Japanese character, or they end in the start of a character every completion of which
 * is Japanese (E3 81 is the start of hiragana only). Bytes that are only the end of some
 * character prove nothing (81 82 ends あ, but also ⁂).
 */
export function japaneseBytes(): (b: Uint8Array) => boolean {
  const prefixes = new Map<string, boolean>();
  const lengthOf = (lead: number) =>
    lead < 0x80
      ? 1
      : lead >= 0xc2 && lead < 0xe0
        ? 2
        : lead >= 0xe0 && lead < 0xf0
          ? 3
          : lead >= 0xf0 && lead < 0xf5
            ? 4
            : 0;
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
      const cp = Buffer.from(b.subarray(i, i + len))
        .toString('utf8')
        .codePointAt(0)!;
      if (isJapaneseCodePoint(cp)) return true;
      i += len;
    }
    return false;
  };
}
