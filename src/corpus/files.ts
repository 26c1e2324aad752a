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

function statOrExplain(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new InputError('symbolic link loop', file, undefined, 'remove or fix the link');
    if (code === 'ENOENT') throw new InputError('broken symbolic link or vanished file', file, undefined, 'remove or fix the link');
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

/** Lists the corpus files under a path, sorted, with the weight of the source. Directories are
 * followed through symbolic links, each real directory once (a link back up is not a loop). */
export function listCorpusFiles(p: string, weight = 1): CorpusFile[] {
  if (!fs.existsSync(p) && !isSymlink(p)) throw new UsageError(`corpus not found: ${p}`, 'check the path given to --corpus');
  const out: CorpusFile[] = [];
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
    if (!st.isFile()) return;
    if (!explicit && !CORPUS_NAME.test(file)) return;
    out.push({ path: file, bytes: st.size, ...corpusKind(file), weight });
  };
  visit(p, true);
  if (out.length === 0) {
    throw new InputError('no readable corpus files (.txt, .jsonl or .parquet; text and JSONL also as .gz or .zst)', p, undefined,
      'point --corpus at a file or a directory holding corpus files');
  }
  return out;
}

/**
 * The count multiplier of each source's files when sources are balanced with exponent `alpha`:
 * source i's share of the counts goes as size_i^alpha (its bytes on disk), as in the temperature
 * sampling of multilingual corpora (XLM-R, mT5: alpha 0.3). alpha 1 counts every line once (the
 * sizes as they are); alpha 0 gives every source the same share. The largest source keeps
 * multiplier 1 (times its `:WEIGHT`), smaller ones count more. One source: its weight.
 */
export function balancedWeights(sources: readonly { bytes: number; weight: number }[], alpha: number): number[] {
  const max = Math.max(...sources.map((s) => s.bytes));
  return sources.map((s) => (s.bytes > 0 && alpha < 1 ? s.weight * (max / s.bytes) ** (1 - alpha) : s.weight));
}

/** Parses `PATH[:WEIGHT]` (a path that exists as given wins over a weight suffix). */
export function parseCorpusArg(arg: string): { path: string; weight: number } {
  const k = arg.lastIndexOf(':');
  if (k <= 0 || fs.existsSync(arg)) return { path: arg, weight: 1 };
  const w = arg.slice(k + 1);
  const weight = Number(w);
  if (!/^\d+(\.\d+)?$/.test(w) || !(weight > 0) || !Number.isFinite(weight)) {
    throw new UsageError(`bad corpus weight '${w}' in --corpus ${arg}: a weight is a positive number`, 'write PATH or PATH:WEIGHT, e.g. --corpus data/wiki:2');
  }
  return { path: arg.slice(0, k), weight };
}
