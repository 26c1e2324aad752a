// Shared option parsing: BuildSpec from commander options.
import { Option, type Command } from 'commander';
import { parseCorpusArg } from '../corpus/read.js';
import { UsageError } from '../errors.js';
import { DEFAULTS, MAX_VOCAB, defaultPadTo, defaultSpec, type BuildSpec } from '../options.js';
import { collect, int, real } from './parse.js';

/** Adds the options that make a BuildSpec. */
export function specOptions(cmd: Command): Command {
  const d = defaultSpec();
  return cmd
    .option('--corpus <path[:weight]>', 'training text: file or directory (.txt, .jsonl, .gz); repeatable; :WEIGHT counts it WEIGHT times', collect, [])
    .option('--base <name|path>', `base tokenizer: '${DEFAULTS.base}' (bundled) or tokenizer.model/tokenizer.json/HF dir`, d.base)
    .option('--target <n>', 'real vocabulary entries after extension', int('--target', 1, MAX_VOCAB), d.target)
    .option('--pad-to <n>', `total entries after padding with <|extra_N|> tokens (default: --target rounded up to a multiple of ${DEFAULTS.padMultiple}, ${d.padTo} for the default target)`, int('--pad-to', 1, MAX_VOCAB))
    .option('--text-field <name>', 'JSONL field holding the text', d.textField)
    .option('--character-coverage <x>', 'share of Japanese character occurrences given single-character pieces, in (0, 1]', real('--character-coverage', 0, 1, true), d.characterCoverage)
    .option('--allow-non-japanese', 'also learn pieces without a Japanese character (changes non-Japanese encodings)', false)
    .option('--min-count <n>', 'minimum weighted frequency of a merge', int('--min-count', 1), d.minPairCount)
    .option('--skip-invalid', 'skip (and count) bad lines instead of stopping', false)
    .option('--no-split-by-script', 'let pieces span script changes (e.g. た。); SentencePiece and the base forbid it');
}

/** Adds --progress and --json. */
export function progressOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--progress <mode>', 'progress on stderr: auto (bar on a TTY), json (JSON lines), none').choices(['auto', 'json', 'none']).default('auto'))
    .option('--json', 'print the result (or the error) as JSON on stdout', false);
}

/** Resolves a BuildSpec from parsed options (text comes from --corpus unless counts are given). */
export function specFrom(o: Record<string, unknown>, needCorpus = true): BuildSpec {
  const corpora = (o.corpus as string[]).map(parseCorpusArg);
  if (corpora.length === 0 && needCorpus) throw new UsageError('no --corpus given', 'pass --corpus PATH (repeatable), e.g. --corpus corpora/sample');
  return {
    ...defaultSpec(corpora),
    base: o.base as string,
    target: o.target as number,
    padTo: (o.padTo as number | undefined) ?? defaultPadTo(o.target as number),
    textField: o.textField as string,
    characterCoverage: o.characterCoverage as number,
    allowNonJapanese: o.allowNonJapanese as boolean,
    minPairCount: o.minCount as number,
    skipInvalid: o.skipInvalid as boolean,
    splitByScript: o.splitByScript !== false,
  };
}
