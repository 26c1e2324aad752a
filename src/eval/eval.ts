// tokext eval: every tokenizer on every corpus, streamed in batches.
import path from 'node:path';
import { emptyStats, listCorpora, readCorpusFile, skippedNote, type CorpusFile } from '../corpus/read.js';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { throwIfAborted, type RunControl } from '../progress.js';
import { openEvalTokenizer, type EvalTokenizer } from './engine.js';
import { MetricsAccumulator, type EvalRow } from './metrics.js';
import { SCRIPTS, pieceScriptClass } from '../corpus/unicode.js';
import { isNewKind } from '../vocab/model.js';
import { DEFAULTS, checkAs, nonEmptyText, runControlShape, type CoversKeys } from '../spec.js';

/** Facts about one evaluated tokenizer. */
export interface EvalTokenizerInfo {
  name: string;
  model_type: string;
  engine: string;
  vocab_size: number;
  new_pieces: number | null;
  dead_pieces: { id: number; piece: string }[] | null; // new pieces unused on every corpus
  new_by_script: Record<string, number> | null;
  new_by_length: Record<string, number> | null;
}

/** The whole evaluation. */
export interface EvalResult {
  rows: EvalRow[];
  tokenizers: EvalTokenizerInfo[];
  corpora: { name: string; path: string }[];
}

function newIds(t: EvalTokenizer): number[] | null {
  const ids = t.kinds.flatMap((k, i) => (isNewKind(k) ? [i] : []));
  return ids.length > 0 ? ids : null;
}

/** Display labels: a name given twice gets #2, #3, … */
function labelsOf(toks: readonly EvalTokenizer[]): string[] {
  const names = new Map<string, number>();
  return toks.map((t) => {
    const n = (names.get(t.name) ?? 0) + 1;
    names.set(t.name, n);
    return n > 1 ? `${t.name}#${n}` : t.name;
  });
}

/** Streams one corpus through every tokenizer in batches (the reader waits for each batch). */
async function measureCorpus(
  files: readonly CorpusFile[],
  toks: readonly EvalTokenizer[],
  batchSize: number,
  textField: string,
  run: RunControl,
  onFile: (f: CorpusFile) => void,
): Promise<MetricsAccumulator[]> {
  const acc = toks.map((t) => new MetricsAccumulator(t.pieces, t.tokenBytes));
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    for (let k = 0; k < toks.length; k++) {
      throwIfAborted(run.signal);
      const ids = await toks[k]!.encodeBatch(lines);
      const decoded = await toks[k]!.decodeBatch(ids);
      lines.forEach((t, i) => acc[k]!.add(t, ids[i]!, decoded[i]!));
    }
  };
  for (const f of files) {
    await readCorpusFile(f, { textField, skipInvalid: false, signal: run.signal }, emptyStats(), (t) => {
      batch.push(t);
      return batch.length >= batchSize ? flush() : undefined;
    });
    await flush();
    onFile(f);
  }
  return acc;
}

/** What a tokenizer's new pieces are and which of them no corpus used. */
function tokenizerInfo(t: EvalTokenizer, label: string, ids: number[] | null, used: Uint8Array): EvalTokenizerInfo {
  const byScript: Record<string, number> = {};
  const byLength: Record<string, number> = {};
  for (const id of ids ?? []) {
    const p = t.pieces[id]!.piece;
    const s = pieceScriptClass(p);
    byScript[s] = (byScript[s] ?? 0) + 1;
    const len = String(Array.from(p).length);
    byLength[len] = (byLength[len] ?? 0) + 1;
  }
  return {
    name: label,
    model_type: t.modelType,
    engine: t.engine,
    vocab_size: t.pieces.length,
    new_pieces: ids ? ids.length : null,
    dead_pieces: ids ? ids.filter((id) => used[id] === 0).map((id) => ({ id, piece: t.pieces[id]!.piece })) : null,
    new_by_script: ids ? Object.fromEntries(SCRIPTS.map((s) => [s, byScript[s] ?? 0])) : null,
    new_by_length: ids ? byLength : null,
  };
}

/** What `evaluate` accepts (checked at its entry: a bad option is a UsageError naming the field). */
const evalOptionsSchema = z.strictObject(
  {
    tokenizers: z.array(nonEmptyText, { error: 'must be an array of tokenizer references' }).min(1, {
      error:
        'must name at least one tokenizer (--tokenizer): a store version, a directory, tokenizer.json or tokenizer.model',
    }),
    corpora: z
      .array(nonEmptyText, { error: 'must be an array of paths' })
      .min(1, { error: 'must name at least one corpus (--corpus): a file or directory of text' }),
    db: nonEmptyText,
    batch: z
      .int({ error: 'must be a whole number of lines, at least 1' })
      .min(1, { error: 'must be a whole number of lines, at least 1' })
      .optional(),
    textField: nonEmptyText.optional(),
    ...runControlShape,
  },
  { error: 'must be an object { tokenizers, corpora, db, ... }' },
);
/** Every option of evaluate has its rule above (tsc fails here when one is added and not to the schema). */
const _optionsCovered: CoversKeys<Parameters<typeof evaluate>[0], z.infer<typeof evalOptionsSchema>> = true;

/** Runs the evaluation: every tokenizer on every corpus. */
export async function evaluate(
  opts: { tokenizers: string[]; corpora: string[]; db: string; batch?: number; textField?: string } & RunControl,
): Promise<EvalResult> {
  checkAs(evalOptionsSchema, opts, 'options');
  const toks: EvalTokenizer[] = [];
  for (const ref of opts.tokenizers) toks.push(await openEvalTokenizer(ref, opts.db));
  const labels = labelsOf(toks);
  const news = toks.map(newIds);
  const usedAll = toks.map((t) => new Uint8Array(t.pieces.length));
  const rows: EvalRow[] = [];
  const listing = listCorpora(opts.corpora);
  const skipped = skippedNote(listing.skipped);
  if (skipped) opts.onNote?.(skipped);
  const corpora = opts.corpora.map((p, k) => ({
    name: path.basename(path.resolve(p)),
    path: p,
    files: listing.sources[k]!,
  }));
  const totalBytes = corpora.reduce((s, c) => s + c.files.reduce((x, f) => x + f.bytes, 0), 0);
  let doneBytes = 0;
  for (const c of corpora) {
    const acc = await measureCorpus(
      c.files,
      toks,
      opts.batch ?? 2048,
      opts.textField ?? DEFAULTS.textField,
      opts,
      (f) => {
        doneBytes += f.bytes;
        opts.onProgress?.({ stage: 'eval', current: doneBytes, total: totalBytes });
      },
    );
    if (acc[0]!.lines === 0)
      throw new InputError('corpus has no non-empty lines', c.path, undefined, 'check the --corpus path');
    toks.forEach((_, k) => {
      rows.push(acc[k]!.row(labels[k]!, c.name, news[k]!));
      acc[k]!.used.forEach((u, id) => {
        if (u) usedAll[k]![id] = 1;
      });
    });
  }
  const tokenizers = toks.map((t, k) => tokenizerInfo(t, labels[k]!, news[k]!, usedAll[k]!));
  return { rows, tokenizers, corpora: corpora.map((c) => ({ name: c.name, path: c.path })) };
}
