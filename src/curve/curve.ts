// The vocabulary-size curve of an extension: continued BPE makes every prefix of the new tokens
// (in id order) a tokenizer, the one `tokext plan --target N` gives from the same training. Each
// prefix is cut from the built tokenizer.json and run on the Rust binding over every corpus.
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { emptyStats, listCorpora, readCorpusFile } from '../corpus/read.js';
import { InputError, UsageError } from '../errors.js';
import { codePointLength } from '../corpus/unicode.js';
import { DEFAULTS } from '../spec.js';
import { readJsonFile } from '../io/json.js';
import { mergePair } from '../hf/merges.js';
import { MANIFEST_NAME } from '../io/staged-dir.js';
import { readManifest } from '../io/manifest-format.js';
import { throwIfAborted, type RunControl } from '../progress.js';
import { tokenizerJson } from '../hf/tokenizer-json.js';
import { resolveTokenizer } from '../store/resolve.js';
import type { CurveRun, StoredCurvePoint } from '../store/curves.js';

/** One point of the curve. */
export type CurvePoint = StoredCurvePoint;

/** The curve with what a reader needs around it. */
export interface CurveResult extends CurveRun {
  tokenizer: string;
  baseSize: number;
  target: number;
  points: CurvePoint[];
  knees: { corpus: string; size: number; added: number }[]; // smallest size reaching KNEE_SHARE of the gain at the target
  versionId?: number; // the store version measured, when the tokenizer is one (recordCurve keeps the curve with it)
}

/** The knee of a curve: the smallest size reaching this share of the target's gain over the base. */
export const KNEE_SHARE = 0.95;

interface TokenizerJson {
  model:
    | { type?: 'BPE'; vocab: Record<string, number>; merges: (string | [string, string])[] }
    | { type: 'Unigram'; vocab: [string, number][] };
  added_tokens: { id: number }[];
}

/** The tokenizer.json of the first `size` ids of `json`: later tokens, the merges that make or use
 * them and the added tokens past them (padding) removed; everything else as it is. */
export function prefixTokenizerJson(json: TokenizerJson, size: number): TokenizerJson {
  return prefixesOf(json)(size);
}

/** The prefixes of a tokenizer.json by size, sharing the work every size needs. BPE: each merge's
 * size is worked out once (the ids of its two parts and its result, plus one; never when one is
 * not in the vocabulary), so a prefix keeps exactly the merges prefixTokenizerJson's rule keeps.
 * Unigram: the first pieces with their scores (a Unigram extension's new pieces are in the
 * trainer's order, highest score first, so a prefix is the best-scored pieces). */
function prefixesOf(json: TokenizerJson): (size: number) => TokenizerJson {
  const m = json.model;
  const added = (size: number) => json.added_tokens.filter((t) => t.id < size);
  if (m.type === 'Unigram')
    return (size) => ({ ...json, model: { ...m, vocab: m.vocab.slice(0, size) }, added_tokens: added(size) });
  const entries = Object.entries(m.vocab);
  const id = (t: string) => (Object.hasOwn(m.vocab, t) ? m.vocab[t]! : Infinity);
  const from = m.merges.map((x) => {
    const [a, b] = mergePair(x);
    return Math.max(id(a), id(b), id(a + b)) + 1;
  });
  return (size) => ({
    ...json,
    model: {
      ...m,
      vocab: Object.fromEntries(entries.filter(([, i]) => i < size)),
      merges: m.merges.filter((_, k) => from[k]! <= size),
    },
    added_tokens: added(size),
  });
}

/** The sizes measured: the base, `points` log-spaced added counts from 1/256 of the new ids to all of them, and `extra`. */
export function curveSizes(baseSize: number, target: number, points: number, extra: readonly number[]): number[] {
  const added = target - baseSize;
  const lo = Math.max(1, added / 256);
  const out = new Set<number>([baseSize, target]);
  for (let i = 0; i < points; i++) out.add(baseSize + Math.round(lo * (added / lo) ** (i / Math.max(1, points - 1))));
  for (const s of extra) {
    if (!Number.isInteger(s) || s < baseSize || s > target)
      throw new UsageError(`--sizes ${s} is outside ${baseSize}..${target} (the base and the built size)`);
    out.add(s);
  }
  return [...out].sort((a, b) => a - b);
}

/** A built directory or a store version: its tokenizer.json and sizes. */
function openBuild(
  ref: string,
  db: string,
): { name: string; json: TokenizerJson; baseSize: number; target: number; versionId?: number } {
  const r = resolveTokenizer(ref, db, 'build directory');
  if (r.kind === 'bundled')
    throw new InputError(
      'a bundled base, not a build',
      ref,
      undefined,
      'pass a directory tokext build wrote, or a store version',
    );
  const sizes = (
    baseSize: number | undefined,
    spec: { target?: number; replace?: number; trimTo?: number } | undefined,
    where: string,
  ) => {
    if (spec?.replace !== undefined || spec?.trimTo !== undefined)
      throw new UsageError(
        `${ref} freed base ids (--replace or --trim-to): its new pieces are no prefix after the base, so it has no size curve`,
        'measure the curve of a build that grows the base, or compare sizes with tokext eval',
      );
    if (baseSize === undefined || spec?.target === undefined)
      throw new InputError('no base size or target recorded (a from-scratch model has no base to grow from)', where);
    return { baseSize, target: spec.target };
  };
  if (r.kind === 'stored') {
    const v = r.version;
    const stored =
      v.files?.['tokenizer.json']?.toString('utf8') ?? (v.format === 'hf' ? undefined : tokenizerJson(v.model));
    if (stored === undefined) throw new InputError('the stored version has no tokenizer.json', ref);
    return {
      name: v.label,
      json: JSON.parse(stored) as TokenizerJson,
      versionId: v.id,
      ...sizes(v.baseSize, v.spec, ref),
    };
  }
  const dir = r.path;
  const m = readManifest(dir);
  if (!m)
    throw new InputError(
      `no ${MANIFEST_NAME}: not a directory tokext build wrote`,
      dir,
      undefined,
      'the curve needs the base size the manifest records',
    );
  const file = path.join(dir, 'tokenizer.json');
  const json = readJsonFile(file) as TokenizerJson;
  const ok = json?.model?.type === 'Unigram' ? Array.isArray(json.model.vocab) : Array.isArray(json?.model?.merges);
  if (!json?.model?.vocab || !ok) throw new InputError('not a BPE or Unigram tokenizer.json', file);
  return {
    name: path.basename(path.resolve(ref)),
    json,
    ...sizes(m.base?.vocab_size, m.spec, path.join(dir, MANIFEST_NAME)),
  };
}

/** Defaults of the curve: log-spaced sizes between base and build, and Mistral-7B's width. */
export const CURVE_DEFAULTS = { points: 16, hiddenSize: 4096 } as const;

/** Measures chars/token of every corpus at every size. */
export async function curve(
  opts: {
    tokenizer: string;
    corpora: string[];
    db: string;
    points?: number;
    sizes?: number[];
    hiddenSize?: number;
    tied?: boolean;
    textField?: string;
  } & RunControl,
): Promise<CurveResult> {
  if (opts.corpora.length === 0) throw new UsageError('no --corpus given', 'pass --corpus PATH (repeatable)');
  const b = openBuild(opts.tokenizer, opts.db);
  const sizes = curveSizes(b.baseSize, b.target, opts.points ?? CURVE_DEFAULTS.points, opts.sizes ?? []);
  const hidden = opts.hiddenSize ?? CURVE_DEFAULTS.hiddenSize;
  const tied = opts.tied ?? false;
  const texts: { name: string; lines: string[]; chars: number }[] = [];
  const listing = listCorpora(opts.corpora);
  for (const [k, c] of opts.corpora.entries()) {
    const lines: string[] = [];
    for (const f of listing.sources[k]!)
      await readCorpusFile(
        f,
        { textField: opts.textField ?? DEFAULTS.textField, skipInvalid: false, signal: opts.signal },
        emptyStats(),
        (t) => {
          lines.push(t);
        },
      );
    if (lines.length === 0)
      throw new InputError('corpus has no non-empty lines', c, undefined, 'check the --corpus path');
    let chars = 0;
    for (const l of lines) chars += codePointLength(l);
    texts.push({ name: path.basename(path.resolve(c)), lines, chars });
  }
  const points: CurvePoint[] = [];
  let done = 0;
  const prefix = prefixesOf(b.json);
  for (const size of sizes) {
    const tok = RustTokenizer.fromString(JSON.stringify(prefix(size)));
    for (const t of texts) {
      let tokens = 0;
      for (let i = 0; i < t.lines.length; i += 2048) {
        throwIfAborted(opts.signal);
        for (const e of await tok.encodeBatch(t.lines.slice(i, i + 2048), { addSpecialTokens: false }))
          tokens += e.getIds().length;
      }
      const added = size - b.baseSize;
      points.push({
        corpus: t.name,
        size,
        added,
        chars_per_token: Number((t.chars / tokens).toFixed(4)),
        added_parameters: added * hidden * (tied ? 1 : 2),
      });
    }
    opts.onProgress?.({ stage: 'curve', current: ++done, total: sizes.length });
  }
  const knees = texts.map((t) => {
    const mine = points.filter((p) => p.corpus === t.name);
    const first = mine[0]!.chars_per_token;
    const gain = mine.at(-1)!.chars_per_token - first;
    const k = mine.find((p) => p.chars_per_token - first >= KNEE_SHARE * gain)!;
    return { corpus: t.name, size: k.size, added: k.added };
  });
  return {
    tokenizer: b.name,
    baseSize: b.baseSize,
    target: b.target,
    hiddenSize: hidden,
    tied,
    points,
    knees,
    versionId: b.versionId,
  };
}
