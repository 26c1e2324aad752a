// Pretokenization with the base's rules: ▁ for spaces and as dummy prefix, then split by
// whitespace, Unicode script (Han/Hiragana/Katakana/ー as one) and single digits.
import { SPACE } from '../vocab/model.js';
import { Script, scriptOf } from './unicode.js';
import { normalize } from '../bpe/encoder.js';

// Without the script rule, pieces may join a run and the punctuation that ends it (た。, て、),
// but not cross it: a chunk ends after closing punctuation and starts before opening punctuation.
const CLOSE = new Set(Array.from('、。，．！？」』）】〉》〕!?),.'));
const OPEN = new Set(Array.from('「『（【〈《〔('));

/** Splits one normalized string into chunks no new piece may cross. */
export function splitChunks(norm: string, emit: (chunk: string) => void, byScript = true): void {
  let start = 0;
  let script: number = Script.Unset;
  let i = 0;
  const n = norm.length;
  while (i < n) {
    const cp = norm.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    let s = scriptOf(cp);
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
    } else if (!byScript && i > start && (OPEN.has(norm[i]!) || CLOSE.has(norm[i - 1]!))) {
      boundary = true;
    }
    if (boundary && i > start) {
      emit(norm.slice(start, i));
      start = i;
    }
    script = s;
    i += w;
    if (s === Script.Digit) {
      // A digit stands alone; what follows starts afresh.
      emit(norm.slice(start, i));
      start = i;
      script = Script.Unset;
    }
  }
  if (i > start) emit(norm.slice(start, i));
}

/** Counts chunks of records into a map (weighted). */
export class ChunkCounter {
  readonly counts = new Map<string, number>();
  constructor(readonly addDummyPrefix = true, readonly byScript = true) {}

  /** Adds one record (a line of raw text). */
  add(text: string, weight = 1): void {
    const counts = this.counts;
    splitChunks(normalize(text, this.addDummyPrefix), (c) => {
      counts.set(c, (counts.get(c) ?? 0) + weight);
    }, this.byScript);
  }
}

export { SPACE };
