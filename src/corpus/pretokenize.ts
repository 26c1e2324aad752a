// Pretokenization: how a line of text becomes the chunks that are counted and trained on. A
// Pretokenizer is the base's own normalisation plus the chunk rules no new piece may cross.
import { Script, scriptOf } from './unicode.js';
import { workerUrl } from '../threads.js';

/** The space marker SentencePiece substitutes for ' ' (U+2581). */
export const SPACE = '\u2581';

/** Normalizes as the Mistral/Llama SentencePiece models do: dummy prefix, spaces to ▁. */
export function normalize(text: string, addDummyPrefix = true): string {
  const body = text.replaceAll(' ', SPACE);
  return addDummyPrefix ? SPACE + body : body;
}

/** Turns a line into chunks: ranges [start, end) of a (normalized) string. */
export interface Pretokenizer {
  /** Everything that decides the chunks (recorded in count shards; shards must agree on it). */
  readonly id: string;
  chunks(text: string, emit: (s: string, start: number, end: number) => void): void;
  /** How another thread makes the same pretokenizer (without one, counting stays on one thread). */
  readonly recipe?: PretokenizerRecipe;
}

/** A pretokenizer as plain data: export `make` of module `module` (a URL) builds it from `data`. */
export interface PretokenizerRecipe {
  module: string;
  make: string;
  data: unknown;
}

/** The pretokenizer a recipe describes (in a worker thread). */
export async function pretokenizerOf(r: PretokenizerRecipe): Promise<Pretokenizer> {
  const m = (await import(r.module)) as Record<string, (data: unknown) => Pretokenizer>;
  const make = m[r.make];
  if (typeof make !== 'function') throw new Error(`${r.module} has no pretokenizer maker ${r.make}`);
  return make(r.data);
}

// Without the script rule, pieces may join a run and the punctuation that ends it (た。, て、),
// but not cross it: a chunk ends after closing punctuation and starts before opening punctuation.
const CLOSE = '、。，．！？」』）】〉》〕!?),.';
const OPEN = '「『（【〈《〔(';
/** Per UTF-16 unit: 1 opens a run, 2 closes one (all of them are in the BMP). */
const PUNCT = new Uint8Array(0x10000);
for (const ch of OPEN) PUNCT[ch.charCodeAt(0)] = 1;
for (const ch of CLOSE) PUNCT[ch.charCodeAt(0)] = 2;

/** Splits one normalized string into chunks no new piece may cross; emits [start, end) ranges.
 * `space` is the character that starts a word (▁ after SentencePiece normalisation, ' ' in
 * byte-level text): it attaches to what follows. */
export function splitChunks(
  norm: string,
  emit: (start: number, end: number) => void,
  byScript = true,
  space = 0x2581,
): void {
  let start = 0;
  let script: Script = Script.Unset;
  let i = 0;
  const n = norm.length;
  while (i < n) {
    const cp = norm.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    let s = cp === space ? Script.Space : scriptOf(cp);
    let boundary = false;
    if (s === Script.Space) {
      boundary = true;
      s = Script.Unset;
    } else if (s === Script.Digit) {
      boundary = true;
    } else if (s === Script.Inherited) {
      s = script === Script.Unset ? Script.Common : script;
    } else if (script === Script.Digit || (byScript && script !== Script.Unset && script !== s)) {
      boundary = true;
    } else if (!byScript && i > start && (PUNCT[norm.charCodeAt(i)] === 1 || PUNCT[norm.charCodeAt(i - 1)] === 2)) {
      boundary = true;
    }
    if (boundary && i > start) {
      emit(start, i);
      start = i;
    }
    script = s;
    i += w;
    if (s === Script.Digit) {
      // A digit stands alone; what follows starts afresh.
      emit(start, i);
      start = i;
      script = Script.Unset;
    }
  }
  if (i > start) emit(start, i);
}

/** The SentencePiece pretokenizer (Mistral, Llama 2; Unigram models too): ▁ normalisation, then
 * whitespace, script (or, without it, punctuation) and single digits. `nfkc`: the model's
 * normaliser is NFKC-based (nmt_nfkc, rinna's and T5's), applied first as Unicode NFKC. */
export function sentencePiecePretokenizer(opts: {
  addDummyPrefix: boolean;
  splitByScript: boolean;
  nfkc?: boolean;
}): Pretokenizer {
  return {
    recipe: {
      module: workerUrl(import.meta.url, './pretokenize.js').href,
      make: 'sentencePiecePretokenizer',
      data: opts,
    },
    id: `sentencepiece:dummy-prefix=${opts.addDummyPrefix}:split-by-script=${opts.splitByScript}${opts.nfkc ? ':nfkc' : ''}`,
    chunks(text, emit) {
      const norm = normalize(opts.nfkc ? text.normalize('NFKC') : text, opts.addDummyPrefix);
      splitChunks(norm, (a, b) => emit(norm, a, b), opts.splitByScript);
    },
  };
}

/** The chunks of `text` as strings (tests, small tools). */
export function chunkStrings(p: Pretokenizer, text: string): string[] {
  const out: string[] = [];
  p.chunks(text, (s, a, b) => out.push(s.slice(a, b)));
  return out;
}
