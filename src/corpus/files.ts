// Which files a --corpus names: files and directories (recursive), their format and compression.
import fs from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';

/** Record formats: a line per record, a JSON object per line, or rows of a Parquet file. */
export type CorpusFormat = 'text' | 'jsonl' | 'parquet';
/** Stream compression of text and JSONL files. */
export type Compression = 'none' | 'gzip' | 'zstd';

/** A corpus file with its size, format and the weight of its source. */
export interface CorpusFile {
  path: string;
  bytes: number;
  format: CorpusFormat;
  compression: Compression;
  weight: number;
}

/** A corpus input as recorded in manifests, count files and the store. */
export interface InputFile {
  path: string;
  bytes: number;
  sha256: string;
  weight: number;
}

/** File name patterns of corpus files read from directories (a file named explicitly is read whatever its name). */
const CORPUS_NAME = /\.(txt|text|jsonl|parquet)(\.(gz|zst|zstd))?$/i;

/** Format and compression from a file name. */
export function corpusKind(file: string): { format: CorpusFormat; compression: Compression } {
  const compression: Compression = /\.gz$/i.test(file) ? 'gzip' : /\.zstd?$/i.test(file) ? 'zstd' : 'none';
  const bare = file.replace(/\.(gz|zstd?)$/i, '');
  const format: CorpusFormat = /\.parquet$/i.test(bare) ? 'parquet' : /\.jsonl?$/i.test(bare) ? 'jsonl' : 'text';
  return { format, compression };
}

/** Compressions tokext does not read: a file named so is refused rather than read as text. */
const UNSUPPORTED = /\.(bz2|xz|lzma|lz4|br|zip|7z)$/i;
/** What to do with a file in such a compression. */
export const UNSUPPORTED_HINT = 'decompress it first, or recompress it with gzip (.gz) or zstd (.zst)';

/** What listing the corpus sources found: each source's files, and what directory walks passed over. */
export interface CorpusListing {
  sources: CorpusFile[][]; // per source, in the order given; each sorted by path
  skipped: string[]; // files inside directories not read because their names are not corpus names
}

/** Where a listed file came from: its path and the --corpus argument that named it or its directory. */
interface Origin {
  file: string;
  arg: string;
}

function statOrExplain(file: string): fs.BigIntStats {
  try {
    return fs.statSync(file, { bigint: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new InputError('symbolic link loop', file, undefined, 'remove or fix the link');
    if (code === 'ENOENT')
      throw new InputError('broken symbolic link or vanished file', file, undefined, 'remove or fix the link');
    if (code === 'EACCES') throw new InputError('permission denied', file);
    throw new InputError(`cannot read (${(e as Error).message})`, file);
  }
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A file named directly with a compression tokext cannot read: refused, not read as garbage text. */
function refuseUnsupported(file: string): void {
  const ext = UNSUPPORTED.exec(file)?.[0];
  if (ext) throw new InputError(`unsupported compression (${ext})`, file, undefined, UNSUPPORTED_HINT);
}

/** The files of one source, sorted, and the files its walk passed over. Directories are followed
 * through symbolic links, each real directory once (a link back up is not a loop). */
function walkSource(p: string, weight: number): { files: CorpusFile[]; ids: bigint[][]; skipped: string[] } {
  if (!fs.existsSync(p) && !isSymlink(p))
    throw new UsageError(`corpus not found: ${p}`, 'check the path given to --corpus');
  const files: CorpusFile[] = [];
  const ids: bigint[][] = [];
  const skipped: string[] = [];
  const seenDirs = new Set<string>();
  const visit = (file: string, explicit: boolean): void => {
    const st = statOrExplain(file);
    if (st.isDirectory()) {
      const real = fs.realpathSync(file);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let names: string[];
      try {
        names = fs.readdirSync(file).sort();
      } catch (e) {
        throw new InputError(`cannot list directory (${(e as Error).message})`, file);
      }
      for (const name of names) visit(path.join(file, name), false);
      return;
    }
    if (explicit) refuseUnsupported(file);
    if (!st.isFile() || (!explicit && !CORPUS_NAME.test(file))) {
      if (!explicit) skipped.push(file);
      return;
    }
    files.push({ path: file, bytes: Number(st.size), ...corpusKind(file), weight });
    ids.push([st.dev, st.ino]);
  };
  visit(p, true);
  if (files.length === 0) {
    throw new InputError(
      'no readable corpus files (.txt, .jsonl or .parquet; text and JSONL also as .gz or .zst)',
      p,
      undefined,
      'point --corpus at a file or a directory holding corpus files',
    );
  }
  return { files, ids, skipped };
}

/** How an origin reads in a message: the argument itself, or the file and the argument it is in. */
const originText = (o: Origin): string => (o.file === o.arg ? `--corpus ${o.arg}` : `${o.file} (in --corpus ${o.arg})`);

/** Refuses a file listed twice (the same argument again, a link to it, a directory holding it, two
 * overlapping directories): its text would be counted twice without a word. Same file = same
 * resolved path or same device and inode. */
function duplicateCheck(): (origin: Origin, id: bigint[]) => void {
  const seen = new Map<string, Origin>();
  return (origin, [dev, ino]) => {
    const keys = [`path:${fs.realpathSync(origin.file)}`, ...(ino ? [`id:${dev}:${ino}`] : [])];
    for (const k of keys) {
      const first = seen.get(k);
      if (first) {
        throw new UsageError(
          `the same file is read twice: ${originText(first)} and ${originText(origin)}`,
          `give each file once; to count a source more, give it a weight: --corpus ${first.arg}:2`,
        );
      }
    }
    for (const k of keys) seen.set(k, origin);
  };
}

/** Lists the files of every corpus source (a file or a directory, read recursively), refusing a
 * file that two sources (or one walk) reach twice, and collecting what the walks passed over. */
export function listCorpora(sources: readonly (string | { path: string; weight?: number })[]): CorpusListing {
  const check = duplicateCheck();
  const skipped: string[] = [];
  const listed = sources.map((s) => {
    const { path: arg, weight = 1 } = typeof s === 'string' ? { path: s } : s;
    const w = walkSource(arg, weight);
    w.files.forEach((f, k) => check({ file: f.path, arg }, w.ids[k]!));
    skipped.push(...w.skipped);
    return w.files;
  });
  return { sources: listed, skipped };
}

/** Lists the corpus files under a path, sorted, with the weight of the source (see listCorpora). */
export function listCorpusFiles(p: string, weight = 1): CorpusFile[] {
  return listCorpora([{ path: p, weight }]).sources[0]!;
}

/** How many of the skipped files a note names before "and N more". */
const SKIPPED_SHOWN = 5;

/** One line for people about the files directory walks passed over (undefined when none). */
export function skippedNote(skipped: readonly string[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const shown = skipped.slice(0, SKIPPED_SHOWN).join(', ');
  const more = skipped.length > SKIPPED_SHOWN ? ` and ${skipped.length - SKIPPED_SHOWN} more` : '';
  return (
    `skipped ${skipped.length} file(s) in corpus directories whose names are not corpus names (.txt, .text, .jsonl, .parquet, ` +
    `also .gz/.zst): ${shown}${more}; name a file in --corpus to read it anyway (a .json file is then read as JSON lines)`
  );
}

/**
 * The count multiplier of each source's files when sources are balanced with exponent `alpha`:
 * source i's share of the counts goes as size_i^alpha (its decoded bytes: see decodedBytes), as in the temperature
 * sampling of multilingual corpora (XLM-R, mT5: alpha 0.3). alpha 1 counts every line once (the
 * sizes as they are); alpha 0 gives every source the same share. The largest source keeps
 * multiplier 1 (times its `:WEIGHT`), smaller ones count more. One source: its weight.
 */
export function balancedWeights(sources: readonly { bytes: number; weight: number }[], alpha: number): number[] {
  const max = Math.max(...sources.map((s) => s.bytes));
  return sources.map((s) =>
    exactWeight(s.bytes > 0 && alpha < 1 ? s.weight * (max / s.bytes) ** (1 - alpha) : s.weight),
  );
}

/** Weights are multiples of 2^-WEIGHT_BITS, so every weighted count is one too. */
const WEIGHT_BITS = 16;

/**
 * `w` on the grid of multiples of 2^-16 (at least one step). Every count is then a sum of
 * such multiples, which float64 adds exactly (below 2^37): sums do not depend on the order they
 * were added in — the order corpora were read, threads, which pair a merge step updates first — so
 * pairs whose counts are equal compare equal and their order is the tie rule's, never rounding's.
 */
export function exactWeight(w: number): number {
  const scale = 2 ** WEIGHT_BITS;
  return Math.max(1, Math.round(w * scale)) / scale;
}

/** Parses `PATH[:WEIGHT]` (a path that exists as given wins over a weight suffix). */
export function parseCorpusArg(arg: string): { path: string; weight: number } {
  const k = arg.lastIndexOf(':');
  if (k <= 0 || fs.existsSync(arg)) return { path: arg, weight: 1 };
  const w = arg.slice(k + 1);
  const weight = Number(w);
  if (!/^\d+(\.\d+)?$/.test(w) || !(weight > 0) || !Number.isFinite(weight)) {
    throw new UsageError(
      `bad corpus weight '${w}' in --corpus ${arg}: a weight is a positive number`,
      'write PATH or PATH:WEIGHT, e.g. --corpus data/wiki:2',
    );
  }
  return { path: arg.slice(0, k), weight };
}
