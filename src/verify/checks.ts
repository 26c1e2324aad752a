// Checks both kinds of directory run the same way: the padding layout, round trips, text without
// Japanese encoded as the base encodes it, padding never produced, and the embedding-init rows.
import path from 'node:path';
import { containsJapanese } from '../corpus/unicode.js';
import { pieceRule } from '../corpus/policy.js';
import { PieceType, type Model, type Piece } from '../vocab/model.js';
import { unreachedAside, type Token } from './reachable.js';
import { InputError } from '../errors.js';
import { DEFAULTS, padToken, type Policy } from '../spec.js';
import { Pacer, type RunControl } from '../progress.js';
import { EMBEDDING_TENSORS, type InitRow } from '../write/embedding-init.js';
import {
  REBUILD,
  readJson,
  same,
  textsToCheck,
  type Outcome,
  type ReportBuilder,
  type VerifyOptions,
} from './report.js';
import { loadRuntimes, rustEncodeAll, type Runtimes } from './runtimes.js';
import fs from 'node:fs';

/** Where the real ids end and how many padding ids follow, as recorded (or as found). */
export interface Layout {
  target: number;
  padTo: number;
  padPrefix: string;
}

/** The layout the manifest records, else the one the directory shows. */
export function layoutOf(
  manifest: { spec?: { target?: number; padTo?: number; padPrefix?: string } } | undefined,
  paddingIds: readonly number[],
  size: number,
): Layout {
  return {
    target: manifest?.spec?.target ?? paddingIds[0] ?? size,
    padTo: manifest?.spec?.padTo ?? size,
    padPrefix: manifest?.spec?.padPrefix ?? DEFAULTS.padPrefix,
  };
}

/** Size and padding problems: `size` ids in all, padding ids right after the real ones, named in order.
 * `paddingProblem` says what is wrong with padding token `id` named `name`, if anything. */
export function layoutProblems(
  size: number,
  paddingIds: readonly number[],
  l: Layout,
  paddingProblem: (id: number, name: string) => string | undefined,
): string[] {
  const bad: string[] = [];
  if (size !== l.padTo) bad.push(`${size} entries, expected ${l.padTo}`);
  paddingIds.forEach((id, i) => {
    if (id !== l.target + i) bad.push(`padding id ${id} expected ${l.target + i}`);
    const problem = paddingProblem(id, padToken(l, i));
    if (problem) bad.push(problem);
  });
  if (paddingIds.length !== l.padTo - l.target)
    bad.push(`${paddingIds.length} padding tokens, expected ${l.padTo - l.target}`);
  return bad;
}

/** The texts verify encoded and what the runtimes made of them. */
export interface Encoded {
  texts: string[];
  /** Ids from the Rust binding (the reference runtime). */
  ids: number[][];
  /** Ids the base gives each text (empty for a standalone model). */
  baseIds: number[][];
  /** Which texts came from the corpus sample (efficiency is measured on those). */
  fromCorpus: boolean[];
  sampled: number;
}

/** Every other runtime gives the reference runtime's ids for every text; `agree` names them all for the report. */
export async function checkParity(
  e: Encoded,
  others: readonly { name: string; encode: (text: string) => number[] }[],
  agree: string,
  r: ReportBuilder,
  run: RunControl,
): Promise<void> {
  const pacer = new Pacer(run.signal);
  const bad: string[] = [];
  for (let i = 0; i < e.texts.length; i++) {
    const t = e.texts[i]!;
    const want = e.ids[i]!;
    const got = others.map((o) => o.encode(t));
    if (got.some((ids) => !same(want, ids)))
      bad.push(
        `${JSON.stringify(t.slice(0, 60))}: rust ${want.length} ids, ${others.map((o, k) => `${o.name} ${got[k]!.length}`).join(', ')}`,
      );
    if (i % 32 === 0) {
      await pacer.pace();
      if (i % 1024 === 0) run.onProgress?.({ stage: 'verify', current: i, total: e.texts.length });
    }
  }
  r.add('parity', bad, `${agree} agree on ${e.texts.length} texts`, 'texts where the runtimes disagree');
}

/** Against the base: under the Japanese-only policy text without Japanese encodes as the base
 * encodes it, and no text encodes in more tokens than with the base. */
export function checkAgainstBase(e: Encoded, policy: Policy | 'standalone', r: ReportBuilder): void {
  checkBaseLanguage(e, policy, r);
  r.addNeverLonger(
    e.texts,
    e.ids.map((x) => x.length),
    e.baseIds.map((x) => x.length),
  );
}

/** decode(encode(x)) == x, with the reference runtime's decoding. */
export function checkRoundTrip(e: Encoded, decoded: readonly string[], r: ReportBuilder): void {
  r.add(
    'round-trip',
    e.texts.flatMap((t, i) => (decoded[i] === t ? [] : [JSON.stringify(t.slice(0, 60))])),
    `decode(encode(x)) == x on ${e.texts.length} texts`,
    'texts that do not round-trip',
  );
}

/** Under the Japanese-only policy, text without Japanese encodes exactly as the base encodes it. */
export function checkBaseLanguage(e: Encoded, policy: Policy | 'standalone', r: ReportBuilder): void {
  if (policy !== 'japanese-only') return;
  const bad: string[] = [];
  let n = 0;
  e.texts.forEach((t, i) => {
    if (containsJapanese(t)) return;
    n++;
    if (!same(e.ids[i]!, e.baseIds[i]!)) bad.push(JSON.stringify(t.slice(0, 60)));
  });
  r.add(
    'base-language-preserved',
    bad,
    `${n} texts without Japanese encode exactly as the base`,
    'non-Japanese texts encode differently from the base',
  );
}

/** Padding ids never come out of text, and every runtime decodes each of them without throwing. */
export async function checkPadding(
  e: Encoded,
  paddingIds: readonly number[],
  decoders: readonly ((id: number) => unknown)[],
  r: ReportBuilder,
): Promise<void> {
  const pad = new Set(paddingIds);
  const bad = e.ids.flatMap((x, i) =>
    x.some((id) => pad.has(id)) ? [`produced by ${JSON.stringify(e.texts[i]!.slice(0, 40))}`] : [],
  );
  for (const id of paddingIds) {
    try {
      for (const decode of decoders) await decode(id);
    } catch (err) {
      bad.push(`decoding ${id} throws: ${(err as Error).message}`);
    }
  }
  r.add(
    'padding-tokens',
    bad,
    `${paddingIds.length} padding tokens are special, unproduced, and decode safely`,
    'padding problems',
  );
}

/** What verify reads of an embedding-init.json. */
interface InitFile {
  rows: InitRow[];
  base?: { vocab_size?: number };
  padded_vocab_size?: number;
  tensors?: string[];
}

/** The embedding-init.json of `dir`, its shape checked. */
export function readInitFile(dir: string): InitFile {
  const file = path.join(dir, 'embedding-init.json');
  const init = readJson<InitFile>(file);
  if (!init || !Array.isArray(init.rows))
    throw new InputError('not an embedding-init.json (no rows)', file, undefined, REBUILD);
  return init as InitFile;
}

/** Problems of the embedding-init rows: one per new id in order, padding zero-initialised, and
 * `rowProblem` (the kind's own decomposition rule) for every other row. */
export function initRowProblems(
  init: ReturnType<typeof readInitFile>,
  baseSize: number,
  size: number,
  paddingIds: readonly number[],
  rowProblem: (row: InitRow, id: number) => string | undefined,
): string[] {
  const bad: string[] = [];
  const { rows } = init;
  if (rows.length !== size - baseSize) bad.push(`${rows.length} rows for ${size - baseSize} new ids`);
  if (init.base?.vocab_size !== baseSize) bad.push(`base.vocab_size ${init.base?.vocab_size}`);
  if (init.padded_vocab_size !== size) bad.push(`padded_vocab_size ${init.padded_vocab_size}`);
  if (!EMBEDDING_TENSORS.every((t) => init.tensors?.includes(t)))
    bad.push(`tensors must name ${EMBEDDING_TENSORS.join(' and ')}`);
  const pad = new Set(paddingIds);
  rows.forEach((row, i) => {
    const id = baseSize + i;
    if (row.id !== id) bad.push(`row ${i} is for id ${row.id}`);
    else if (pad.has(id)) {
      if (row.init !== 'zero' || row.from.length !== 0) bad.push(`padding ${id} must be zero-init`);
    } else {
      const problem = rowProblem(row, id);
      if (problem) bad.push(problem);
    }
  });
  return bad;
}

/** Base ids keep piece, type and score (a Unigram score is the piece's log probability); ids in
 * `free` (pieces --replace freed) are the new pieces' now. */
export function checkBasePreserved(
  base: readonly Piece[],
  pieces: readonly Piece[],
  free: readonly number[],
  r: ReportBuilder,
): void {
  const bad: string[] = [];
  const freed = new Set(free);
  base.forEach((p, id) => {
    if (freed.has(id)) return;
    const q = pieces[id];
    if (!q || q.piece !== p.piece || q.type !== p.type || Math.fround(q.score) !== Math.fround(p.score))
      bad.push(`id ${id}: ${JSON.stringify(p)} -> ${JSON.stringify(q)}`);
  });
  const but = freed.size > 0 ? ` (but the ${freed.size} freed)` : '';
  r.add('base-preserved', bad, `ids 0..${base.length - 1}${but} unchanged`, 'base ids changed');
}

/** Exact sizes, padding named in order right after the real ids, no piece twice. */
export function checkSizes(pieces: readonly Piece[], paddingIds: readonly number[], l: Layout, r: ReportBuilder): void {
  const bad = layoutProblems(pieces.length, paddingIds, l, (id, name) =>
    pieces[id]!.piece !== name ? `id ${id} is ${pieces[id]!.piece}` : undefined,
  );
  const seen = new Set<string>();
  for (const p of pieces) {
    if (seen.has(p.piece)) bad.push(`duplicate piece ${JSON.stringify(p.piece)}`);
    seen.add(p.piece);
  }
  r.add('sizes', bad, `${l.target} real entries + ${l.padTo - l.target} padding = ${l.padTo}`, 'size problems');
}

/** Every new piece (`fresh` ids) encodes to itself, in tokenizers (Rust, the tokenizer.json of
 * `dir`) and in SentencePiece (`model`) alike; decided on another thread beside the checks after it. */
export function checkReachable(
  dir: string,
  model: Model,
  fresh: readonly number[],
  r: ReportBuilder,
  run: RunControl = {},
): void {
  const tokens = fresh.map((id): Token => ({ id, text: model.pieces[id]!.piece }));
  const outcome = async (): Promise<Outcome> => {
    try {
      const bad = await unreachedAside({ dir, spm: model, tokens }, run);
      return [
        'reachable',
        bad.map((id) => `${id} ${JSON.stringify(model.pieces[id]!.piece)}`),
        'every new piece encodes to itself',
        'unreachable new pieces',
      ];
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return ['reachable', [e.message], '', 'runtime cannot load the directory: reachability was not decided'];
    }
  };
  r.addLater('reachable', outcome());
}

/** Under the Japanese-only policy every new NORMAL piece holds a Japanese character. */
export function checkJapaneseOnly(
  policy: Policy | 'standalone',
  pieces: readonly Piece[],
  fresh: readonly number[],
  r: ReportBuilder,
): void {
  if (policy !== 'japanese-only') return;
  const rule = pieceRule(policy);
  const bad: string[] = [];
  for (const id of fresh) {
    const p = pieces[id]!;
    if (p.type === PieceType.NORMAL && !rule.text(p.piece)) bad.push(`${id} ${JSON.stringify(p.piece)}`);
  }
  r.add('policy-japanese-only', bad, 'every new piece contains a Japanese character', 'new pieces without Japanese');
}

/** `dir`'s file `name`, which a directory tokext built has (an input error naming it when missing). */
export function builtFile(dir: string, name: string): string {
  const f = path.join(dir, name);
  if (!fs.existsSync(f))
    throw new InputError(`missing ${name}`, dir, undefined, 'verify expects a directory written by tokext build');
  return f;
}

/** The three runtimes of a SentencePiece-format `dir`, or undefined with why they cannot load it in `r`. */
export async function runtimesOrReport(dir: string, r: ReportBuilder): Promise<Runtimes | undefined> {
  try {
    return await loadRuntimes(dir);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    r.add(
      'runtimes-load',
      [e.message],
      '',
      'runtime cannot load the directory: parity, round-trip, base-language and padding checks were not run',
    );
    return undefined;
  }
}

/** Encodes verify's texts (special-token texts of `pieces` left out) with the Rust binding, and
 * with `base` when there is one to compare with. */
export async function encodeTexts(
  pieces: readonly Piece[],
  rt: Runtimes,
  base: ((text: string) => number[]) | undefined,
  opts: VerifyOptions,
  r: ReportBuilder,
): Promise<Encoded> {
  const specials = pieces
    .filter((p) => p.type === PieceType.CONTROL || p.type === PieceType.UNKNOWN)
    .map((p) => p.piece);
  const { texts, fromCorpus, sampled } = await textsToCheck(opts, specials, r);
  const ids = await rustEncodeAll(rt.rust, texts, opts.signal);
  const pacer = new Pacer(opts.signal);
  const baseIds: number[][] = [];
  if (base)
    for (let i = 0; i < texts.length; i++) {
      if (i % 64 === 0) await pacer.pace();
      baseIds.push(base(texts[i]!));
    }
  return { texts, ids, baseIds, fromCorpus, sampled };
}
