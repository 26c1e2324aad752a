// verify's checks for a tokenizer that freed base ids (--replace, --trim-to), beside every check
// an extension has (run against the base without the freed pieces): the id map agrees with the
// base and the directory (kept pieces at their mapped ids, removed ones gone), and what freeing
// cost on each keep corpus against the original base, bounded by --max-keep-loss.
import fs from 'node:fs';
import type { IdMap } from '../io/id-map-format.js';
import { DEFAULTS } from '../spec.js';
import type { TokenizerRuntime } from '../vocab/runtime.js';
import { readInitFile } from './checks.js';
import { sampleCorpora, type ReportBuilder, type VerifyOptions } from './report.js';

/** What verify knows of a directory that freed base ids: its map and the original base. */
export interface FreedContext {
  map: IdMap;
  /** The original base's pieces by old id, and the base in a runtime. */
  original: { pieces: readonly string[]; runtime(): Promise<TokenizerRuntime> };
}

/** Lines read from each keep-corpus file for the loss bound (0 in VerifyOptions.sample: all). */
export const KEEP_SAMPLE = 20_000;

/** The map fits the original base and the directory: every kept old id holds its piece at its new id,
 * a removed piece is gone or came back as a new piece (training over the base without it learned it
 * again: counted), the sizes are the directory's. */
export function checkIdMap(f: FreedContext, pieces: readonly string[], r: ReportBuilder): void {
  const { map, original } = f;
  const bad: string[] = [];
  if (map.base.vocab_size !== original.pieces.length)
    bad.push(`base.vocab_size ${map.base.vocab_size}, the base has ${original.pieces.length} ids`);
  if (map.padded_vocab_size !== pieces.length)
    bad.push(`padded_vocab_size ${map.padded_vocab_size}, the directory has ${pieces.length} ids`);
  const idOf = new Map(pieces.map((p, id) => [p, id]));
  let relearned = 0;
  map.old_to_new.forEach((n, o) => {
    const want = original.pieces[o] ?? '';
    if (n >= 0 && pieces[n] !== want)
      bad.push(`old id ${o} ${JSON.stringify(want)} -> ${n} ${JSON.stringify(pieces[n])}`);
  });
  for (const x of map.removed) {
    const now = idOf.get(x.piece);
    if (original.pieces[x.id] !== x.piece) bad.push(`removed id ${x.id} is ${JSON.stringify(original.pieces[x.id])}`);
    else if (now !== undefined && map.source[now] === 'kept')
      bad.push(`removed piece ${JSON.stringify(x.piece)} is still id ${now}, a kept one`);
    else if (now !== undefined) relearned++;
  }
  const counts = map.source.reduce<Record<string, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {});
  const what = Object.entries(counts)
    .map(([s, n]) => `${n.toLocaleString('en-US')} ${s}`)
    .join(', ');
  const again = relearned > 0 ? ` (${relearned} of them learned again as new pieces)` : '';
  r.add(
    'id-map',
    bad,
    `${map.mode}: ${map.removed.length} base pieces removed${again}; ids ${what}`,
    'id map problems',
  );
}

/** A directory that freed ids: one embedding-init row per id that is not a kept base row, in id
 * order, each decomposition naming kept rows of the original base (old ids) whose bytes (`bytesOf`
 * an original piece's text) rebuild its piece's (`bytesOf` the directory's `pieces[id]`). */
export function checkFreedInit(
  dir: string,
  f: FreedContext,
  pieces: readonly string[],
  paddingIds: readonly number[],
  bytesOf: (text: string) => Buffer,
  r: ReportBuilder,
): void {
  const { map, original } = f;
  const init = readInitFile(dir);
  const want = map.source.flatMap((s, id) => (s === 'kept' ? [] : [id]));
  const pad = new Set(paddingIds);
  const bad: string[] = [];
  if (init.rows.length !== want.length) bad.push(`${init.rows.length} rows for ${want.length} ids that are not kept`);
  if (init.base?.vocab_size !== map.base.vocab_size) bad.push(`base.vocab_size ${init.base?.vocab_size}`);
  if (init.padded_vocab_size !== pieces.length) bad.push(`padded_vocab_size ${init.padded_vocab_size}`);
  init.rows.forEach((row, k) => {
    const id = want[k];
    if (row.id !== id) bad.push(`row ${k} is for id ${row.id}, expected ${id}`);
    else if (pad.has(id)) {
      if (row.init !== 'zero' || row.from.length !== 0) bad.push(`padding ${id} must be zero-init`);
    } else if (row.from.length === 0 || row.from.some((o) => !(map.old_to_new[o]! >= 0)))
      bad.push(`${id} from ${JSON.stringify(row.from)}: not all kept base rows`);
    else if (!Buffer.concat(row.from.map((o) => bytesOf(original.pieces[o] ?? ''))).equals(bytesOf(pieces[id]!)))
      bad.push(`${id} ${JSON.stringify(pieces[id])}: from does not rebuild its bytes`);
  });
  r.add(
    'embedding-init',
    bad,
    "one row per id that is not a kept base row; kept base rows (old ids) rebuild each piece's bytes; padding zero",
    'row problems',
  );
}

/** The checks a directory that freed ids adds to its family's: its id map, and the keep corpora's
 * loss against the original base (those of `opts`, else the manifest's `spec`). */
export async function checkFreed(
  f: FreedContext,
  ours: TokenizerRuntime,
  pieces: readonly string[], // the directory's pieces by id
  spec: { keepCorpora?: string[]; maxKeepLoss?: number } | undefined,
  opts: VerifyOptions,
  r: ReportBuilder,
): Promise<void> {
  checkIdMap(f, pieces, r);
  const keep = opts.keepCorpora ?? spec?.keepCorpora ?? [];
  await checkKeepLoss(f, ours, pieces, keep, opts.maxKeepLoss ?? spec?.maxKeepLoss, opts, r);
}

/** One keep corpus's cost: tokens with the base and with the directory, lines changed, the worst lines. */
export interface KeepLoss {
  corpus: string;
  lines: number;
  baseTokens: number;
  tokens: number;
  changed: number;
  worst: { text: string; base: number; ours: number }[];
}

/** The cost of freeing on `texts` (a keep corpus's sample), each encoded as pieces by the base and by
 * the directory (pieces, not ids: a kept piece may have a new id). */
function lossOn(corpus: string, texts: readonly string[], base: string[][], ours: string[][]): KeepLoss {
  let baseTokens = 0;
  let tokens = 0;
  let changed = 0;
  const worst: KeepLoss['worst'] = [];
  texts.forEach((text, i) => {
    const b = base[i]!;
    const o = ours[i]!;
    baseTokens += b.length;
    tokens += o.length;
    if (b.length !== o.length || b.some((x, k) => x !== o[k])) changed++;
    if (o.length > b.length) worst.push({ text: text.slice(0, 80), base: b.length, ours: o.length });
  });
  worst.sort((a, b) => b.ours - b.base - (a.ours - a.base) || a.text.localeCompare(b.text));
  return { corpus, lines: texts.length, baseTokens, tokens, changed, worst: worst.slice(0, 3) };
}

/** The loss as a share (0.004 = 0.4% more tokens than with the base). */
export const lossShare = (k: KeepLoss) => (k.baseTokens === 0 ? 0 : k.tokens / k.baseTokens - 1);

/**
 * On each keep corpus: tokens against the original base, the share of lines whose encoding changed,
 * the worst lines; fails when a corpus takes more than `maxKeepLoss` more tokens. Texts are
 * compared by their pieces, not ids (a kept piece may have a new id).
 */
export async function checkKeepLoss(
  f: FreedContext,
  ours: TokenizerRuntime,
  pieces: readonly string[], // the directory's pieces by id
  keepCorpora: readonly string[],
  maxKeepLoss: number | undefined,
  opts: VerifyOptions,
  r: ReportBuilder,
): Promise<KeepLoss[]> {
  const max = maxKeepLoss ?? DEFAULTS.maxKeepLoss;
  if (keepCorpora.length === 0) {
    r.note('no keep corpus recorded: what freeing base ids costs outside the training language was not measured');
    return [];
  }
  const base = await f.original.runtime();
  const asPieces = (ids: number[][], p: readonly string[]) => ids.map((x) => x.map((id) => p[id] ?? `#${id}`));
  const out: KeepLoss[] = [];
  const bad: string[] = [];
  for (const corpus of keepCorpora) {
    if (!fs.existsSync(corpus)) {
      // the manifest's paths are as the build was given them: from elsewhere they may not be there
      r.note(`keep corpus ${corpus} not found (from ${process.cwd()}): its loss was not measured; pass --keep-corpus`);
      continue;
    }
    const sample = opts.sample === 0 ? 0 : KEEP_SAMPLE;
    const { texts } = await sampleCorpora([corpus], sample, opts.textField ?? DEFAULTS.textField, opts.signal);
    const b = asPieces(await base.encodeBatch(texts), f.original.pieces);
    const o = asPieces(await ours.encodeBatch(texts), pieces);
    const k = lossOn(corpus, texts, b, o);
    out.push(k);
    if (lossShare(k) > max)
      bad.push(
        `${corpus}: ${(100 * lossShare(k)).toFixed(2)}% more tokens than the base (limit ${(100 * max).toFixed(2)}%)`,
      );
  }
  if (out.length === 0) return out;
  const detail = out
    .map(
      (k) =>
        `${k.corpus}: ${k.tokens.toLocaleString('en-US')} tokens vs the base's ${k.baseTokens.toLocaleString('en-US')} (${(100 * lossShare(k)).toFixed(2)}%), ` +
        `${k.changed} of ${k.lines} lines changed`,
    )
    .join('; ');
  r.add('keep-loss', bad, `${detail} (limit ${(100 * max).toFixed(2)}%)`, 'keep corpora lost too much');
  for (const k of out)
    for (const w of k.worst) r.note(`keep-loss ${k.corpus}: ${JSON.stringify(w.text)} ${w.base} -> ${w.ours} tokens`);
  return out;
}
