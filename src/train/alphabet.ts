// What continued training needs from a base, for both model kinds: its segmentation of a chunk
// into words, how a new token is appended (SentencePiece: a piece scored below all; HF: a merge
// ranked after all), which merges are allowed (length, and the Japanese-only policy that keeps
// text without Japanese encoded exactly as before).
import { BpeEncoder } from '../bpe/encoder.js';
import { RankedBpe, type RankedBpeSpec } from '../bpe/ranked.js';
import { pieceRule, type PieceRule } from '../corpus/policy.js';
import { policyOf, type BuildSpec } from '../spec.js';
import { tokenToBytes } from '../vocab/bytelevel.js';
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
  encode(chunk: string): number[]; // the base's tokens of a whole chunk (characters that are no token left out)
  splits(id: number): [number, number][]; // the pairs that merge into id
  mergesWith(id: number): { before: number[]; after: number[] }; // tokens x, y with (x, id) or (id, y) merging into an existing larger token (SentencePiece only)
  allowed(l: number, r: number): boolean; // may (l, r) become a token (length, policy)?
  readonly rule: PieceRule; // what the policy admits (new characters, training text, new tokens)
  recipe(): AlphabetRecipe; // plain data that rebuilds this alphabet as it is now (in a worker thread)
}

/** A token added to an alphabet: a character, or the merge of two ids. */
type Added = { char: string } | { merge: [number, number] };

/** The base an alphabet starts from, as plain data. */
type RecipeBase = { family: 'sentencepiece'; model: Model } | { family: 'hf'; spec: RankedBpeSpec; size: number };

/** How to rebuild an alphabet elsewhere (structured-cloneable): its base, options and additions. */
export type AlphabetRecipe = RecipeBase & { options: AlphabetOptions; added: Added[] };

/** The alphabet a recipe describes, additions replayed in order. */
export function alphabetOf(r: AlphabetRecipe): Alphabet {
  const a =
    r.family === 'sentencepiece'
      ? sentencePieceAlphabet(r.model, r.options)
      : hfAlphabet(new RankedBpe(r.spec, r.size), r.options);
  for (const x of r.added)
    if ('char' in x) a.addChar(x.char);
    else a.addMerge(x.merge[0], x.merge[1]);
  return a;
}

/** `a` with its additions recorded, so that `recipe()` rebuilds it as it is now. */
function recording(a: Omit<Alphabet, 'recipe'>, base: RecipeBase, options: AlphabetOptions): Alphabet {
  const added: Added[] = [];
  return {
    ...a,
    addChar: (ch) => {
      added.push({ char: ch });
      return a.addChar(ch);
    },
    addMerge: (l, r) => {
      added.push({ merge: [l, r] });
      return a.addMerge(l, r);
    },
    recipe: () => ({ ...base, options, added: [...added] }),
  };
}

/** Policy and length of new tokens. */
export type AlphabetOptions = Pick<BuildSpec, 'allowNonJapanese' | 'maxPieceLength'>; // length in code points (byte-level: 3 bytes each)

/** SentencePiece BPE: pieces with scores; every split of a piece merges; characters that are no piece split words. */
export function sentencePieceAlphabet(model: Model, o: AlphabetOptions): Alphabet {
  const enc = new BpeEncoder(model.pieces);
  const origin = appendScoreOrigin(model);
  const rule = pieceRule(policyOf(o), o.maxPieceLength);
  let added = 0;
  const a: Omit<Alphabet, 'recipe'> = {
    rule,
    texts: enc.texts,
    charsNeeded: true,
    has: (t) => enc.pieceToId.has(t),
    addChar: (ch) => enc.addPiece(ch, origin - ++added),
    addMerge: (l, r) => enc.addPiece(enc.texts[l]! + enc.texts[r]!, origin - ++added),
    segment: (chunk, emit) => splitAtUnknown(enc.charSymbols(chunk), (s) => enc.merge(s), emit),
    merge: (s) => enc.merge(s),
    encode: (chunk) => encodeKnown(enc.charSymbols(chunk), (s) => enc.merge(s)),
    splits: (id) => enc.splits(id),
    mergesWith: (id) => enc.mergesWith(id),
    allowed: (l, r) => rule.text(enc.texts[l]! + enc.texts[r]!),
  };
  return recording(a, { family: 'sentencepiece', model }, o);
}

/** Splits symbols where one is unknown (-1) and emits the merged runs of 2+ symbols (`syms` may change). */
function splitAtUnknown(syms: number[], merge: (s: number[]) => number[], emit: (s: number[]) => void): void {
  let s = 0;
  for (let i = 0; i <= syms.length; i++) {
    if (i < syms.length && syms[i]! >= 0) continue;
    if (i - s >= 2) {
      const seg = merge(s === 0 && i === syms.length ? syms : syms.slice(s, i)); // merge may change its input
      if (seg.length >= 2) emit(seg);
    }
    s = i + 1;
  }
}

/** The merged runs of known symbols (unknown: -1) of a chunk, in order. */
function encodeKnown(syms: number[], merge: (s: number[]) => number[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (let i = 0; i <= syms.length; i++) {
    if (i < syms.length && syms[i]! >= 0) continue;
    if (i > s) out.push(...(i - s === 1 ? [syms[s]!] : merge(syms.slice(s, i))));
    s = i + 1;
  }
  return out;
}

/** HF BPE: explicit merges by rank; byte-level (every byte a token) or characters with byte fallback. */
export function hfAlphabet(enc: RankedBpe, o: AlphabetOptions): Alphabet {
  const firstNew = enc.texts.length;
  const freed = new Set(enc.spec.free ?? []); // ids new tokens fill first
  const isNew = (id: number) => id >= firstNew || freed.has(id);
  const rule = pieceRule(policyOf(o), o.maxPieceLength);
  const a: Omit<Alphabet, 'recipe'> = {
    rule,
    texts: enc.texts,
    charsNeeded: !enc.spec.byteLevel,
    has: (t) => enc.has(t),
    addChar: (ch) => enc.addToken(ch),
    addMerge: (l, r) => enc.addMerge(l, r),
    segment: (chunk, emit) => {
      if (enc.whole(chunk) !== undefined) return; // emitted whole: one symbol
      if (enc.spec.byteLevel) {
        const seg = enc.merge(enc.symbols(chunk));
        if (seg.length >= 2) emit(seg);
      } else splitAtUnknown(enc.symbols(chunk), (s) => enc.merge(s), emit);
    },
    merge: (s) => enc.merge(s),
    encode: (chunk) => enc.encodePretoken(chunk),
    splits: (id) => mergeOf(enc, id),
    mergesWith: () => ({ before: [], after: [] }), // a new merge ranks after every other
    allowed: (l, r) => {
      const text = enc.texts[l]! + enc.texts[r]!;
      return enc.spec.byteLevel
        ? rule.bytes(text.length, isNew(l) || isNew(r), () => tokenToBytes(text)!)
        : rule.text(text);
    },
  };
  return recording(a, { family: 'hf', spec: enc.spec, size: firstNew }, o);
}

/** The merge that made token `id` (HF models have exactly one). */
function mergeOf(enc: RankedBpe, id: number): [number, number][] {
  const p = enc.mergeOf(id);
  return p ? [p] : [];
}
