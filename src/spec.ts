// One typed spec for a build: every option, its default, its meaning and unit.
import { createRequire } from 'node:module';
import { z } from 'zod';
import { UsageError } from './errors.js';

/** The tool's name and version (the version is package.json's, read once). */
export const TOOL = {
  name: 'tokext',
  version: (createRequire(import.meta.url)('../package.json') as { version: string }).version,
} as const;

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
  maxKeepLoss: 0.005, // --replace/--trim-to: a keep corpus may take at most 0.5% more tokens than with the base
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
  replace?: number; // free this many base ids (leaf pieces the corpora need least) for new pieces; kept ids unchanged
  trimTo?: number; // remove base pieces (the same rule) down to this many ids, renumbered compactly
  keepCorpora?: string[]; // with replace/trimTo: text that must keep encoding well (usage ranks what goes)
  maxKeepLoss?: number; // with replace/trimTo: largest tokens-per-line increase on a keep corpus (DEFAULTS.maxKeepLoss)
}

/** The values a numeric field allows: [min, max], or (min, max] when `openMin`; whole numbers when `whole`. */
export interface Range {
  min: number;
  max: number;
  openMin?: boolean;
  whole?: boolean;
}

/** The allowed values of each numeric BuildSpec field: the spec schema and the CLI's parsers both read these. */
export const SPEC_RANGES = {
  target: { min: 1, max: MAX_VOCAB, whole: true },
  padTo: { min: 1, max: MAX_VOCAB, whole: true },
  characterCoverage: { min: 0, max: 1, openMin: true },
  maxPieceLength: { min: 1, max: 1024, whole: true },
  minPairCount: { min: 1, max: Number.MAX_SAFE_INTEGER, whole: true },
  balance: { min: 0, max: 1 },
  prune: { min: 0, max: 4 },
  replace: { min: 1, max: MAX_VOCAB, whole: true },
  trimTo: { min: 1, max: MAX_VOCAB, whole: true },
  maxKeepLoss: { min: 0, max: 1 },
} as const satisfies Partial<Record<keyof BuildSpec, Range>>;

/** Is `x` one of the values `r` allows? */
export function inRange(r: Range, x: number): boolean {
  return Number.isFinite(x) && (!r.whole || Number.isInteger(x)) && (r.openMin ? x > r.min : x >= r.min) && x <= r.max;
}

/** A range as messages say it: "between 1 and 2,097,152", "at least 1", "in (0, 1]". */
export function rangeText(r: Range): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (!r.whole) return `in ${r.openMin ? '(' : '['}${r.min}, ${r.max}]`;
  return r.max >= Number.MAX_SAFE_INTEGER ? `at least ${n(r.min)}` : `between ${n(r.min)} and ${n(r.max)}`;
}

/** A number in `r`, with the one message the CLI's parsers give too. */
const numberIn = (r: Range) => {
  const error = `must be a ${r.whole ? 'whole ' : ''}number ${rangeText(r)}`;
  return z.number({ error }).refine((x) => inRange(r, x), { error });
};

/** A non-empty string (a schema part the library's entry points share). */
export const nonEmptyText = z
  .string({ error: 'must be a non-empty string' })
  .min(1, { error: 'must be a non-empty string' });
/** A boolean. */
export const trueOrFalse = z.boolean({ error: 'must be true or false' });
/** A function (a callback). */
export const aFunction = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', {
  error: 'must be a function',
});
const text = nonEmptyText;
const flag = trueOrFalse;

/** The rules of RunControl's fields, for the schemas of the library's entry points. */
export const runControlShape = {
  signal: z.instanceof(AbortSignal, { error: 'must be an AbortSignal' }).optional(),
  onProgress: aFunction.optional(),
  onNote: aFunction.optional(),
  threads: z
    .number({ error: 'must be a whole number of threads, at least 1' })
    .int({ error: 'must be a whole number of threads, at least 1' })
    .min(1, { error: 'must be a whole number of threads, at least 1' })
    .optional(),
};

/** A --corpus source as the library takes it. */
const corpusSourceSchema = z.strictObject(
  {
    path: text,
    weight: z.number({ error: 'must be a positive number' }).positive({ error: 'must be a positive number' }),
  },
  { error: 'must be { path, weight }' },
);

/** Cross-field rules: pad-to not below the target; text from corpora or from count shards, not both. */
function checkSpecFields(s: BuildSpec, ctx: z.RefinementCtx): void {
  const refuse = (field: keyof BuildSpec, message: string, hint: string) =>
    ctx.addIssue({ code: 'custom', path: [field], message, params: { hint } });
  if (s.padTo < s.target) {
    refuse(
      'padTo',
      `is below the target (${s.target}): it must be at least the target`,
      `pad-to must be at least the target: ${defaultPadTo(s.target)} is the target rounded up to a multiple of ${DEFAULTS.padMultiple} ` +
        "(defaultPadTo(target); the CLI's default when --pad-to is not given)",
    );
  }
  if (s.corpora.length > 0 && s.counts.length > 0) {
    refuse(
      'counts',
      'and the corpora exclude each other',
      'count the corpora into shards (tokext count, countShard) and pass every shard in counts',
    );
  }
  if (s.replace !== undefined && s.trimTo !== undefined)
    refuse('trimTo', 'and replace exclude each other', 'free ids for new pieces (replace) or trim the base (trimTo)');
  if (s.replace === undefined && s.trimTo === undefined)
    for (const f of ['keepCorpora', 'maxKeepLoss'] as const)
      if (s[f] !== undefined)
        refuse(f, 'applies only when base ids are freed', 'set replace or trimTo, or leave it out');
  if (s.corpora.length === 0 && s.counts.length === 0) {
    refuse(
      'corpora',
      'is empty and so are the counts: there is no text to learn from',
      "give corpora, e.g. defaultSpec([{ path: 'corpora/sample', weight: 1 }]), or count shards in counts",
    );
  }
}

/** The one schema of a BuildSpec: the library's entry points and the CLI's specFrom both check a spec with it. */
export const buildSpecSchema: z.ZodType<BuildSpec> = z
  .strictObject(
    {
      base: text,
      corpora: z.array(corpusSourceSchema, { error: 'must be an array of { path, weight }' }),
      counts: z.array(text, { error: 'must be an array of count shard paths' }),
      textField: text,
      target: numberIn(SPEC_RANGES.target),
      padTo: numberIn(SPEC_RANGES.padTo),
      characterCoverage: numberIn(SPEC_RANGES.characterCoverage),
      allowNonJapanese: flag,
      maxPieceLength: numberIn(SPEC_RANGES.maxPieceLength),
      minPairCount: numberIn(SPEC_RANGES.minPairCount),
      skipInvalid: flag,
      splitByScript: flag,
      balance: numberIn(SPEC_RANGES.balance),
      prune: numberIn(SPEC_RANGES.prune),
      padPrefix: text,
      replace: numberIn(SPEC_RANGES.replace).optional(),
      trimTo: numberIn(SPEC_RANGES.trimTo).optional(),
      keepCorpora: z.array(text, { error: 'must be an array of paths' }).optional(),
      maxKeepLoss: numberIn(SPEC_RANGES.maxKeepLoss).optional(),
    },
    { error: 'must be an object (a BuildSpec: start from defaultSpec(corpora))' },
  )
  .superRefine(checkSpecFields);

/** `true` when `Shape` (a schema's output) names every key of `T`, else the missing keys: declaring
 * `const covered: CoversKeys<T, z.infer<typeof schema>> = true` makes tsc fail when a field is added to T but not to its schema. */
export type CoversKeys<T, Shape> = [Exclude<keyof T, keyof Shape>] extends [never]
  ? true
  : Exclude<keyof T, keyof Shape>;

/** How a checked value's field is named in messages: `spec.padTo` for the library, `--pad-to` for the CLI. */
export type FieldNamer = (field: string) => string;

/** A value for a message: numbers and strings as JSON, long values cut. */
function shown(v: unknown): string {
  if (typeof v === 'function') return 'a function';
  const t = v === undefined ? 'undefined' : ((JSON.stringify(v) as string | undefined) ?? typeof v);
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** The value at `at` inside `value` (undefined when absent). */
function valueAt(value: unknown, at: readonly PropertyKey[]): unknown {
  return at.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    value,
  );
}

/** `value` as `schema` describes it, or a UsageError naming the first wrong field (`what.field (value) problem`). */
export function checkAs<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  name: FieldNamer = (f) => `${what}.${f}`,
): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `'${k}'`).join(', ');
    throw new UsageError(
      `${what} has unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`,
      'check the spelling against the type (BuildSpec, BuildRun, ...)',
    );
  }
  const [head, ...rest] = issue.path;
  const tail = rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const field = head === undefined ? what : `${name(String(head))}${tail}`;
  const v = valueAt(value, issue.path);
  const hint = issue.code === 'custom' ? (issue.params?.hint as string | undefined) : undefined;
  throw new UsageError(
    v === undefined ? `${field} is missing: it ${issue.message}` : `${field} (${shown(v)}) ${issue.message}`,
    hint,
  );
}

/** `spec` itself once checked against the BuildSpec schema (bounds, types, pad-to ≥ target, one source of text):
 * every library entry point calls it first, so a bad spec is a UsageError naming the field, never a raw TypeError. */
export function checkSpec(spec: unknown, name?: FieldNamer): BuildSpec {
  checkAs(buildSpecSchema, spec, 'spec', name);
  return spec as BuildSpec;
}

/** Things a valid spec's author may not have meant: padding far beyond the target (padTo kept from defaultSpec). */
export function specNotes(spec: Pick<BuildSpec, 'target' | 'padTo'>): string[] {
  const pad = spec.padTo - spec.target;
  if (pad < DEFAULTS.padMultiple || spec.padTo === defaultPadTo(spec.target)) return [];
  const d = defaultPadTo(spec.target);
  return [
    `padTo ${spec.padTo} adds ${pad.toLocaleString('en-US')} padding tokens to the target ${spec.target} (defaultPadTo(${spec.target}) would be ${d})`,
  ];
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

/** How a spec frees base ids: 'replace', 'trim', or undefined when it only grows the base. */
export function freeModeOf(spec: Pick<BuildSpec, 'replace' | 'trimTo'>): 'replace' | 'trim' | undefined {
  return spec.replace !== undefined ? 'replace' : spec.trimTo !== undefined ? 'trim' : undefined;
}

/** The name of padding token i. */
export function padToken(spec: Pick<BuildSpec, 'padPrefix'>, i: number): string {
  return `${spec.padPrefix}${i}|>`;
}

/** Is `piece` a padding token's name (`padToken` of some i)? */
export function isPaddingName(piece: string, padPrefix: string = DEFAULTS.padPrefix): boolean {
  return piece.startsWith(padPrefix) && /^\d+\|>$/.test(piece.slice(padPrefix.length));
}
