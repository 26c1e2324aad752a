// Shared option parsing: BuildSpec from commander options.
import { Option, type Command } from 'commander';
import { parseCorpusArg } from '../corpus/read.js';
import { UsageError } from '../errors.js';
import { DEFAULTS, SPEC_RANGES, checkSpec, defaultPadTo, defaultSpec, type BuildSpec } from '../spec.js';
import { BASE_NAMES } from '../base/bundled.js';
import { collect, int, ranged } from './parse.js';
import { BUDGET_SLACK, defaultBudget, formatSize, parseSize } from '../memory.js';
import type { OnProgress } from '../progress.js';
import { threadCount } from '../threads.js';
import type { CliContext } from './context.js';

/** A --flag that fills one BuildSpec field: its flags, help and parser (the value's type is the field's). */
type SpecOption<K extends keyof BuildSpec = keyof BuildSpec> = {
  key: K;
  flags: string; // commander flags; a boolean field has no <value>
  help: (d: BuildSpec) => string;
  parse?: (v: string, previous?: BuildSpec[K]) => BuildSpec[K]; // previous: a repeatable option's values so far
  noDefault?: boolean; // resolved in specFrom (pad-to follows --target)
};

/** Any one field's option: a union over the fields, so each entry's parser must return its own field's type. */
type AnySpecOption = { [K in keyof BuildSpec]-?: SpecOption<K> }[keyof BuildSpec];

/** --text-field for commands that read corpora without a build spec (eval, verify, curve, diff). */
export const TEXT_FIELD_OPTION = [
  '--text-field <name>',
  'JSONL field or Parquet column holding the text',
  DEFAULTS.textField,
] as const;

/** Every spec option, in --help order: the one table specOptions and specFrom both read. */
const SPEC_OPTIONS: readonly AnySpecOption[] = [
  {
    key: 'base',
    flags: '--base <name|path>',
    help: () =>
      `base tokenizer: one of ${BASE_NAMES.join(', ')} (bundled), or a path: a SentencePiece BPE or Unigram tokenizer.model (llm-jp, rinna, T5), a BPE tokenizer.json, or an HF dir`,
  },
  {
    key: 'target',
    flags: '--target <n>',
    help: (d) =>
      `real vocabulary entries after extension (every id: base, its added tokens, new ones; default ${d.target}, with --replace the base's ids, with --trim-to N N)`,
    parse: ranged('--target', SPEC_RANGES.target),
    noDefault: true,
  },
  {
    key: 'padTo',
    flags: '--pad-to <n>',
    help: (d) =>
      `total entries after padding with ${d.padPrefix}N|> tokens (default: --target rounded up to a multiple of ${DEFAULTS.padMultiple}, ${d.padTo} for the default target)`,
    parse: ranged('--pad-to', SPEC_RANGES.padTo),
    noDefault: true,
  },
  { key: 'textField', flags: TEXT_FIELD_OPTION[0], help: () => TEXT_FIELD_OPTION[1] },
  {
    key: 'characterCoverage',
    flags: '--character-coverage <x>',
    help: () => 'share of Japanese character occurrences given single-character pieces, in (0, 1]',
    parse: ranged('--character-coverage', SPEC_RANGES.characterCoverage),
  },
  {
    key: 'allowNonJapanese',
    flags: '--allow-non-japanese',
    help: () => 'also learn pieces without a Japanese character (changes non-Japanese encodings)',
  },
  {
    key: 'minPairCount',
    flags: '--min-count <n>',
    help: () => 'minimum weighted frequency of a merge',
    parse: ranged('--min-count', SPEC_RANGES.minPairCount),
  },
  { key: 'skipInvalid', flags: '--skip-invalid', help: () => 'skip (and count) bad lines instead of stopping' },
  {
    key: 'balance',
    flags: '--balance <alpha>',
    help: () =>
      "balance several --corpus sources: each one's share of the counts goes as its size to the power ALPHA (its text after decompression: plain files by their size, .gz/.zst decompressed in a first pass, Parquet as the text column's bytes); 1 counts every line once, 0 gives every source the same share",
    parse: ranged('--balance', SPEC_RANGES.balance),
  },
  {
    key: 'prune',
    flags: '--prune <share>',
    help: () =>
      'train this share of the new pieces beyond --target, then drop the least used ones (leaf-frequency pruning on the training counts); 0 keeps the first trained',
    parse: ranged('--prune', SPEC_RANGES.prune),
  },
  {
    key: 'replace',
    flags: '--replace <n>',
    help: () =>
      "free N base ids for new pieces: leaf pieces of the base's merge graph that --keep-corpus and the training corpus need least go (never bytes, special/added tokens or single characters); kept pieces keep their ids, new pieces take the freed ids first; writes id-map.json",
    parse: ranged('--replace', SPEC_RANGES.replace),
    noDefault: true,
  },
  {
    key: 'trimTo',
    flags: '--trim-to <n>',
    help: () =>
      'remove base pieces (the same rule as --replace) down to N ids, renumbered compactly in the base order; new pieces only if --target is above N; writes id-map.json',
    parse: ranged('--trim-to', SPEC_RANGES.trimTo),
    noDefault: true,
  },
  {
    key: 'keepCorpora',
    flags: '--keep-corpus <path>',
    help: () =>
      'with --replace/--trim-to: text that must keep encoding well (e.g. English, code); repeatable; its usage decides which base pieces go, and verify bounds its loss',
    parse: (v: string, previous?: string[]) => [...(previous ?? []), v],
    noDefault: true,
  },
  {
    key: 'maxKeepLoss',
    flags: '--max-keep-loss <share>',
    help: () =>
      `with --replace/--trim-to: the build fails if a --keep-corpus takes more than this share more tokens than with the base (default ${DEFAULTS.maxKeepLoss})`,
    parse: ranged('--max-keep-loss', SPEC_RANGES.maxKeepLoss),
    noDefault: true,
  },
  {
    key: 'splitByScript',
    flags: '--split-by-script',
    help: () =>
      "SentencePiece's training rule: no piece spans a script change, so none ends with the punctuation closing a run (lower Japanese efficiency; default off)",
  },
];

/** The commander attribute name of a flag (--min-count -> minCount). */
const attr = (flags: string) => new Option(flags).attributeName();

/** The flag that sets a spec field, for messages (`padTo` -> `--pad-to`); `spec.FIELD` for a field without one. */
function flagOf(field: string): string {
  if (field === 'corpora') return '--corpus';
  if (field === 'counts') return '--counts';
  return SPEC_OPTIONS.find((o) => o.key === field)?.flags.split(' ')[0] ?? `spec.${field}`;
}

/** Adds --corpus and the options that set the spec fields `keys` (default: all of them; a command that reads only some,
 * like count, offers only those). */
export function specOptions(cmd: Command, keys?: readonly (keyof BuildSpec)[]): Command {
  const d = defaultSpec();
  cmd.option(
    '--corpus <path[:weight]>',
    'training text: file or directory (.txt, .jsonl, .parquet; text and JSONL also .gz or .zst); repeatable; :WEIGHT counts it WEIGHT times',
    collect,
    [],
  );
  for (const o of SPEC_OPTIONS.filter((x) => !keys || keys.includes(x.key))) {
    if (o.parse)
      cmd.option(o.flags, o.help(d), o.parse as (v: string, p: unknown) => unknown, o.noDefault ? undefined : d[o.key]);
    else if (o.flags.includes('<')) cmd.option(o.flags, o.help(d), o.noDefault ? undefined : (d[o.key] as string));
    else cmd.option(o.flags, o.help(d));
  }
  if (keys && !keys.includes('splitByScript')) return cmd;
  // the default of --split-by-script, spelled out so both spellings are accepted
  return cmd.option(
    '--no-split-by-script',
    'the default: a piece may end with the punctuation closing a run (た。) or start with the one opening it, never span it',
  );
}

/** Adds --memory, --tmp-dir and --threads (commands that count or train). */
export function memoryOptions(cmd: Command): Command {
  return threadsOption(cmd)
    .option(
      '--memory <size>',
      `memory budget of the whole run, with a unit K, M, G or T (powers of 1,024), e.g. 4G or 800M (default: a third of this machine's RAM, ${formatSize(defaultBudget())}); counting spills to disk and training leaves out the rarest chunks (recorded) to stay within it; the peak RSS may exceed it by up to ${formatSize(BUDGET_SLACK)} (allocator and garbage-collector slack)`,
      (v: string) => parseSize(v),
    )
    .option(
      '--tmp-dir <dir>',
      'where counting spills when the corpus outgrows the budget (default: the system temporary directory)',
    );
}

/** Adds --threads (commands whose work splits over threads). */
export function threadsOption(cmd: Command): Command {
  return cmd.option(
    '--threads <n>',
    `worker threads for the work that splits (counting the corpus, writing a count shard, segmenting the training chunks by the base, the merge loop's helper, verify's reachability check); the result is the same bytes for any number (default: one per core, ${threadCount()} here)`,
    int('--threads', 1, 1024),
  );
}

/** The run options --memory, --tmp-dir, --threads and the shell's services, for a library stage. */
export function runFrom(o: Record<string, unknown>, ctx: CliContext, onProgress: OnProgress) {
  return {
    memory: o.memory as number | undefined,
    tmpDir: o.tmpDir as string | undefined,
    threads: o.threads as number | undefined,
    signal: ctx.signal,
    onProgress,
    onNote: ctx.warn,
  };
}

/** Adds --progress and --json. */
export function progressOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--progress <mode>', 'progress on stderr: auto (bar on a TTY), json (JSON lines), none')
        .choices(['auto', 'json', 'none'])
        .default('auto'),
    )
    .option('--json', 'print the result (or the error) as JSON on stdout', false);
}

/** --target when not given: the reference job's, or with --trim-to N N, or with --replace the base's ids
 * (its size: loading the base is the only way to know it). */
async function defaultTarget(spec: BuildSpec): Promise<number> {
  if (spec.trimTo !== undefined) return spec.trimTo;
  if (spec.replace === undefined) return DEFAULTS.target;
  const { loadBase } = await import('../family/load.js'); // only here: the flags module stays light
  return loadBase(spec.base).size;
}

/** Resolves a BuildSpec from parsed options (text comes from --corpus unless counts are given), checked by the
 * library's own schema (checkSpec) so that the CLI and the library never disagree on what a spec may be. */
export async function specFrom(o: Record<string, unknown>): Promise<BuildSpec> {
  const corpora = (o.corpus as string[]).map(parseCorpusArg);
  const counts = (o.counts as string[] | undefined) ?? [];
  if (corpora.length === 0 && counts.length === 0)
    throw new UsageError(
      'no --corpus given',
      'pass --corpus PATH (repeatable), e.g. --corpus corpora/sample, or --counts with count shards',
    );
  if (corpora.length > 0 && counts.length > 0)
    throw new UsageError(
      '--corpus and --counts exclude each other',
      'count the corpus into a shard with tokext count and pass every shard to --counts',
    );
  const spec: BuildSpec = { ...defaultSpec(corpora), counts };
  const fill = <K extends keyof BuildSpec>(key: K, v: unknown) => {
    if (v !== undefined) spec[key] = v as BuildSpec[K];
  };
  for (const opt of SPEC_OPTIONS) fill(opt.key, o[attr(opt.flags)]);
  if (o.target === undefined) spec.target = await defaultTarget(spec);
  if (o.padTo === undefined) spec.padTo = defaultPadTo(spec.target);
  return checkSpec(spec, flagOf);
}
