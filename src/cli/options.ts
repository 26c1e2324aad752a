// Shared option parsing: BuildSpec from commander options.
import { Option, type Command } from 'commander';
import { parseCorpusArg } from '../corpus/read.js';
import { UsageError } from '../errors.js';
import { DEFAULTS, MAX_VOCAB, defaultPadTo, defaultSpec, type BuildSpec } from '../options.js';
import { collect, int, real } from './parse.js';
import { defaultBudget, formatSize, parseSize } from '../memory.js';
import type { OnProgress } from '../progress.js';
import type { CliContext } from './context.js';

/** Adds the options that make a BuildSpec. */
export function specOptions(cmd: Command): Command {
  const d = defaultSpec();
  return cmd
    .option('--corpus <path[:weight]>', 'training text: file or directory (.txt, .jsonl, .parquet; text and JSONL also .gz or .zst); repeatable; :WEIGHT counts it WEIGHT times', collect, [])
    .option('--base <name|path>', `base tokenizer: '${DEFAULTS.base}' (bundled) or tokenizer.model/tokenizer.json/HF dir`, d.base)
    .option('--target <n>', 'real vocabulary entries after extension', int('--target', 1, MAX_VOCAB), d.target)
    .option('--pad-to <n>', `total entries after padding with <|extra_N|> tokens (default: --target rounded up to a multiple of ${DEFAULTS.padMultiple}, ${d.padTo} for the default target)`, int('--pad-to', 1, MAX_VOCAB))
    .option('--text-field <name>', 'JSONL field or Parquet column holding the text', d.textField)
    .option('--character-coverage <x>', 'share of Japanese character occurrences given single-character pieces, in (0, 1]', real('--character-coverage', 0, 1, true), d.characterCoverage)
    .option('--allow-non-japanese', 'also learn pieces without a Japanese character (changes non-Japanese encodings)', false)
    .option('--min-count <n>', 'minimum weighted frequency of a merge', int('--min-count', 1), d.minPairCount)
    .option('--skip-invalid', 'skip (and count) bad lines instead of stopping', false)
    .option('--balance <alpha>', 'balance several --corpus sources: each one\'s share of the counts goes as its size (bytes on disk) to the power ALPHA; 1 counts every line once, 0 gives every source the same share', real('--balance', 0, 1), d.balance)
    .option('--prune <share>', `train this share of the new pieces beyond --target, then drop the least used ones (leaf-frequency pruning on the training counts); 0 keeps the first trained`, real('--prune', 0, 4), d.prune)
    .option('--split-by-script', "SentencePiece's training rule: no piece spans a script change, so none ends with the punctuation closing a run (lower Japanese efficiency; default off)")
    .option('--no-split-by-script', 'the default: a piece may end with the punctuation closing a run (た。) or start with the one opening it, never span it');
}

/** Adds --memory and --tmp-dir (commands that count or train). */
export function memoryOptions(cmd: Command): Command {
  return cmd
    .option('--memory <size>', `memory budget of the whole run, e.g. 4G or 800M (default: a third of this machine's RAM, ${formatSize(defaultBudget())}); counting spills to disk and training leaves out the rarest chunks (recorded) to stay within it`, (v: string) => parseSize(v))
    .option('--tmp-dir <dir>', 'where counting spills when the corpus outgrows the budget (default: the system temporary directory)');
}

/** The run options --memory, --tmp-dir and the shell's services, for a library stage. */
export function runFrom(o: Record<string, unknown>, ctx: CliContext, onProgress: OnProgress) {
  return { memory: o.memory as number | undefined, tmpDir: o.tmpDir as string | undefined, signal: ctx.signal, onProgress, onNote: ctx.warn };
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
  const counts = (o.counts as string[] | undefined) ?? [];
  if (corpora.length === 0 && counts.length === 0 && needCorpus) throw new UsageError('no --corpus given', 'pass --corpus PATH (repeatable), e.g. --corpus corpora/sample, or --counts with count shards');
  if (corpora.length > 0 && counts.length > 0) throw new UsageError('--corpus and --counts exclude each other', 'count the corpus into a shard with tokext count and pass every shard to --counts');
  return {
    ...defaultSpec(corpora),
    counts,
    base: o.base as string,
    target: o.target as number,
    padTo: (o.padTo as number | undefined) ?? defaultPadTo(o.target as number),
    textField: o.textField as string,
    characterCoverage: o.characterCoverage as number,
    allowNonJapanese: o.allowNonJapanese as boolean,
    minPairCount: o.minCount as number,
    skipInvalid: o.skipInvalid as boolean,
    prune: o.prune as number,
    balance: o.balance as number,
    splitByScript: (o.splitByScript as boolean | undefined) ?? defaultSpec().splitByScript,
  };
}
