// One typed spec for a build: every option, its default, its meaning and unit.
import { createRequire } from 'node:module';

/** The tool's name and version (the version is package.json's, read once). */
export const TOOL = { name: 'tokext', version: (createRequire(import.meta.url)('../package.json') as { version: string }).version } as const;

/** Largest vocabulary (ids) tokext builds: the trainer packs two ids into one 42-bit tie-break key. */
export const MAX_VOCAB = 1 << 21;

/** The reference job's numbers live here and nowhere else. */
export const DEFAULTS = {
  base: 'mistral-7b-v0.1',
  baseSize: 32000,
  target: 120073,
  padTo: 120128,
  padMultiple: 64, // --pad-to defaults to --target rounded up to this (120,073 -> 120,128)
  padPrefix: '<|extra_', // padding tokens are `<|extra_N|>`
  characterCoverage: 0.9995,
  textField: 'text', // the JSONL field or Parquet column holding the text
} as const;

/** Default --pad-to for a target: the next multiple of 64 (120,073 -> 120,128). */
export function defaultPadTo(target: number): number {
  return Math.ceil(target / DEFAULTS.padMultiple) * DEFAULTS.padMultiple;
}

/** A corpus source with a sampling weight (lines are counted `weight` times). */
export interface CorpusSource {
  path: string; // file or directory, read recursively
  weight: number; // count multiplier, > 0
}

/** All options of a build (SentencePiece's TrainerSpec in spirit). */
export interface BuildSpec {
  base: string; // 'mistral-7b-v0.1' or a path to tokenizer.model / tokenizer.json / HF dir
  corpora: CorpusSource[]; // training text
  counts: string[]; // count shards (tokext count) to train on instead of corpora
  textField: string; // JSONL field holding the text
  target: number; // real vocabulary entries after extension
  padTo: number; // total entries after padding with <|extra_N|>
  characterCoverage: number; // share of Japanese character occurrences covered by single-char pieces
  allowNonJapanese: boolean; // false: every new piece contains a Japanese character
  maxPieceLength: number; // code points per new piece
  minPairCount: number; // a merge must be seen at least this often (weighted)
  skipInvalid: boolean; // skip bad lines (counted) instead of stopping
  splitByScript: boolean; // true: pieces never span a script change (SentencePiece's split_by_unicode_script); false: closing/opening punctuation may join a run
  balance: number; // source balancing exponent: a --corpus source's share of the counts goes as its size^balance (1: as read)
  prune: number; // train this share of the new pieces beyond the target, then prune the least used (0: keep the first trained)
  padPrefix: string; // padding token name prefix; tokens are `${padPrefix}${i}|>`
}

/** Defaults for every field but the corpora. */
export function defaultSpec(corpora: CorpusSource[] = []): BuildSpec {
  return {
    base: DEFAULTS.base,
    corpora,
    counts: [],
    textField: DEFAULTS.textField,
    target: DEFAULTS.target,
    padTo: DEFAULTS.padTo,
    characterCoverage: DEFAULTS.characterCoverage,
    allowNonJapanese: false,
    maxPieceLength: 16,
    minPairCount: 2,
    skipInvalid: false,
    splitByScript: false, // measured: 2.225 vs 2.081 chars/token on ja-eval-jglue for the reference job, English identical
    balance: 0.3, // measured: see README (Sources)
    prune: 0,
    padPrefix: DEFAULTS.padPrefix,
  };
}

/** What new pieces may contain, as manifests and verify name it. */
export type Policy = 'japanese-only' | 'allow-non-japanese';

/** The policy of a spec. */
export function policyOf(spec: Pick<BuildSpec, 'allowNonJapanese'>): Policy {
  return spec.allowNonJapanese ? 'allow-non-japanese' : 'japanese-only';
}

/** The name of padding token i. */
export function padToken(spec: Pick<BuildSpec, 'padPrefix'>, i: number): string {
  return `${spec.padPrefix}${i}|>`;
}

/** Is `piece` a padding token's name (`padToken` of some i)? */
export function isPaddingName(piece: string, padPrefix: string = DEFAULTS.padPrefix): boolean {
  return piece.startsWith(padPrefix) && /^\d+\|>$/.test(piece.slice(padPrefix.length));
}
