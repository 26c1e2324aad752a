// SentencePiece's precompiled charsmap (NormalizerSpec.precompiled_charsmap) read, and written as
// normalizers both HF runtimes implement alike when it is NFKC plus a few exceptions (nmt_nfkc).
import { InputError } from '../errors.js';

/** A precompiled charsmap (NormalizerSpec.precompiled_charsmap): SentencePiece's normalization
 * rules, a darts-clone double array of UTF-8 keys (a little-endian u32 byte size, the units) and
 * the NUL-ended texts they map to. */
export interface Charsmap {
  /** Rules whose key is one character: the character → its normalized text. */
  single: Map<string, string>;
  /** Is `key` (any length) a rule? */
  has(key: string): boolean;
}

/** Reads a base64 precompiled charsmap. */
export function readCharsmap(b64: string): Charsmap {
  const buf = Buffer.from(b64, 'base64');
  const size = buf.length < 4 ? -1 : buf.readUInt32LE(0);
  if (size < 0 || size % 4 !== 0 || 4 + size > buf.length)
    throw new InputError('the precompiled_charsmap of its NormalizerSpec is malformed');
  const units = new Uint32Array(size / 4);
  for (let i = 0; i < units.length; i++) units[i] = buf.readUInt32LE(4 + 4 * i);
  const targets = buf.subarray(4 + 4 * units.length);
  const offset = (u: number) => (u >>> 10) << ((u & 0x200) >>> 6);
  const hasLeaf = (u: number) => ((u >>> 8) & 1) === 1;
  /** The node after byte c from the node at pos, with its unit; undefined when there is none. */
  const child = (pos: number, c: number): [number, number] | undefined => {
    const u = units[pos ^ c];
    return u === undefined || (u & 0x800000ff) !== c ? undefined : [pos ^ c ^ offset(u), u];
  };
  const root = offset(units[0] ?? 0);
  const single = new Map<string, string>();
  const walk = (pos: number, key: number[]) => {
    for (let c = 1; c < 256; c++) {
      const next = child(pos, c);
      if (!next) continue;
      const k = [...key, c];
      const text = Buffer.from(k).toString('utf8');
      const oneChar = [...text].length === 1 && Buffer.byteLength(text) === k.length; // not a partial one
      if (hasLeaf(next[1]) && oneChar) {
        const at = units[next[0]]! & 0x7fffffff;
        single.set(text, targets.subarray(at, targets.indexOf(0, at)).toString('utf8'));
      }
      if (k.length < 4) walk(next[0], k); // a character is at most 4 bytes
    }
  };
  walk(root, []);
  const has = (key: string) => {
    let node: [number, number] | undefined = [root, 0];
    for (const c of Buffer.from(key)) if (!(node = child(node[0], c))) return false;
    return key.length > 0 && hasLeaf(node[1]);
  };
  return { single, has };
}

/** The last code point any character with a compatibility or canonical decomposition has. */
const LAST_DECOMPOSABLE = 0x2fa1d;
/** Private-use code points that stand in for characters NFKC must not touch (plane 15). */
const PLACEHOLDER = 0xf0000;
/** More exceptions than this and the charsmap is written as it is (Precompiled). */
const MAX_EXCEPTIONS = 512;

const hex = (c: string) => `\\x{${c.codePointAt(0)!.toString(16)}}`;
const isMark = (c: string | undefined) => c !== undefined && /^\p{M}/u.test(c);

/** The characters a combining mark joins in NFC (each as its NFC and its NFD text), keyed by mark. */
function composersOf(marks: Set<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let cp = 1; cp <= LAST_DECOMPOSABLE; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const d = [...String.fromCodePoint(cp).normalize('NFD')];
    const mark = d.pop();
    if (d.length === 0 || mark === undefined || !marks.has(mark)) continue;
    const base = d.join('');
    out.set(mark, [...(out.get(mark) ?? []), base.normalize('NFC'), base]);
  }
  return out;
}

/** The charsmap as normalizers both HF runtimes implement the same way, when it is NFKC plus a few
 * exceptions (nmt_nfkc is: NFKC; whitespace and format characters to " "; U+FF5E and characters
 * newer than its Unicode left alone). Characters the charsmap maps and NFKC does not are mapped
 * first. Characters NFKC must not see are hidden behind placeholders while it runs: those the
 * charsmap keeps, and those it maps to a combining mark that it never joins to the letter before
 * (U+0344 → U+0308 U+0301; NFKC would make "a\u0344" "ä\u0301"). Undefined when the charsmap is
 * not of this form. */
export function nfkcSteps(charsmap: Charsmap): object[] | undefined {
  const toTarget = new Map<string, string[]>(); // target → characters the charsmap maps to it and NFKC does not
  const hidden: [string, string][] = []; // [character, what it becomes after NFKC]
  const markFirst: [string, string][] = []; // [character, its mapping, which starts with a combining mark]
  for (let cp = 1; cp <= LAST_DECOMPOSABLE; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    const sp = charsmap.single.get(c) ?? c;
    if (sp !== c && isMark(sp)) markFirst.push([c, sp]);
    else if (sp === c.normalize('NFKC')) continue;
    else if (sp === c) hidden.push([c, c]);
    else if (sp.normalize('NFKC') === sp) toTarget.set(sp, [...(toTarget.get(sp) ?? []), c]);
    else return undefined;
  }
  for (const [c, t] of charsmap.single)
    if (c.codePointAt(0)! > LAST_DECOMPOSABLE && t !== c.normalize('NFKC')) return undefined;
  // a mark the charsmap joins to some letter (a rule "カ\uff9e" → "ガ") is joined as NFKC joins it
  const composers = composersOf(new Set(markFirst.map(([, sp]) => [...sp][0]!)));
  for (const [c, sp] of markFirst) {
    const joined = (composers.get([...sp][0]!) ?? []).some((base) => charsmap.has(base + c));
    if (!joined) hidden.push([c, sp]);
    else if (sp !== c.normalize('NFKC')) return undefined;
  }
  if (hidden.length + toTarget.size > MAX_EXCEPTIONS) return undefined;
  const replace = (pattern: object, content: string) => ({ type: 'Replace', pattern, content });
  const placeholder = (i: number) => String.fromCodePoint(PLACEHOLDER + i);
  return [
    ...[...toTarget].map(([t, cs]) => replace({ Regex: `[${cs.map(hex).join('')}]` }, t)),
    ...hidden.map(([c], i) => replace({ String: c }, placeholder(i))),
    { type: 'NFKC' },
    ...hidden.map(([, after], i) => replace({ String: placeholder(i) }, after)),
  ];
}
