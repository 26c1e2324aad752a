// Streaming corpus reader: files and directories, .txt and .jsonl, optionally gzipped.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { InputError, InterruptedError, UsageError } from '../errors.js';

const TEXT_EXT = /\.(txt|text|jsonl)(\.gz)?$/i;

/** A corpus file with its size; `jsonl` picks the record format. */
export interface CorpusFile {
  path: string;
  bytes: number;
  jsonl: boolean;
  gzip: boolean;
  weight: number;
  /** Byte range for parallel counting (plain files): the lines that start in [start, end). */
  start?: number;
  end?: number;
}

/** A corpus input as recorded in manifests, count files and the store. */
export interface InputFile {
  path: string;
  bytes: number;
  sha256: string;
  weight: number;
}

/** Counts of what reading skipped or repaired. */
export interface ReadStats {
  files: number;
  lines: number;
  records: number;
  chars: number;
  bytes: number;
  emptyLines: number;
  crlfLines: number;
  skipped: { invalidUtf8: number; nul: number; badJson: number; missingField: number };
}

/** Options for reading. */
export interface ReadOptions {
  textField: string;
  skipInvalid: boolean;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number) => void;
  /** Sees every byte of the file as stored (compressed for .gz), e.g. to hash it in the same read. */
  onRawChunk?: (chunk: Buffer) => void;
  /** Stop after this many records of the file (verify's samples). */
  maxRecords?: number;
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
    if (!explicit && !TEXT_EXT.test(file)) return;
    const gzip = /\.gz$/i.test(file);
    out.push({ path: file, bytes: st.size, jsonl: /\.jsonl(\.gz)?$/i.test(file), gzip, weight });
  };
  visit(p, true);
  if (out.length === 0) {
    throw new InputError('no readable corpus files (.txt, .jsonl, or .gz of either)', p, undefined,
      'point --corpus at a file or a directory containing .txt/.jsonl files');
  }
  return out;
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
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

/** New zeroed stats. */
export function emptyStats(): ReadStats {
  return { files: 0, lines: 0, records: 0, chars: 0, bytes: 0, emptyLines: 0, crlfLines: 0,
    skipped: { invalidUtf8: 0, nul: 0, badJson: 0, missingField: 0 } };
}

/**
 * Streams the records of one file to `onRecord` (text without the line break).
 * Bad lines stop the read with file:line, or are counted and skipped under skipInvalid.
 */
export async function readCorpusFile(
  file: CorpusFile,
  opts: ReadOptions,
  stats: ReadStats,
  onRecord: (text: string) => void,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lineNo = 0;
  let fileRecords = 0;
  let done = false; // the range ended, or maxRecords were read
  let pending: Buffer[] = [];
  const fail = (what: string, key: keyof ReadStats['skipped'], hint: string): boolean => {
    if (!opts.skipInvalid) throw new InputError(what, file.path, lineNo, hint);
    stats.skipped[key]++;
    return false;
  };
  const handle = (raw: Buffer): void => {
    lineNo++;
    stats.lines++;
    let buf = raw;
    if (buf.length > 0 && buf[buf.length - 1] === 13) {
      buf = buf.subarray(0, buf.length - 1);
      stats.crlfLines++;
    }
    if (buf.length === 0) {
      stats.emptyLines++;
      return;
    }
    if (buf.includes(0)) {
      fail('NUL byte in text (binary file?)', 'nul', 'remove binary files from the corpus or pass --skip-invalid');
      return;
    }
    let text: string;
    try {
      text = decoder.decode(buf);
    } catch {
      fail('invalid UTF-8', 'invalidUtf8', 'convert the file to UTF-8 or pass --skip-invalid to skip such lines');
      return;
    }
    if (file.jsonl) {
      let rec: unknown;
      try {
        rec = JSON.parse(text);
      } catch {
        fail('line is not valid JSON', 'badJson', 'fix the line or pass --skip-invalid');
        return;
      }
      const v = rec && typeof rec === 'object' ? (rec as Record<string, unknown>)[opts.textField] : undefined;
      if (typeof v !== 'string') {
        fail(`JSON record has no string field '${opts.textField}'`, 'missingField', 'set --text-field or pass --skip-invalid');
        return;
      }
      text = v;
    }
    if (text.length === 0) {
      stats.emptyLines++;
      return;
    }
    stats.records++;
    stats.chars += text.length;
    onRecord(text);
    if (++fileRecords === opts.maxRecords) done = true;
  };
  const rangeStart = file.start ?? 0;
  const rangeEnd = file.end ?? Infinity;
  const readFrom = rangeStart > 0 ? rangeStart - 1 : 0;
  const raw = fs.createReadStream(file.path, { highWaterMark: 1 << 20, start: readFrom });
  let source: NodeJS.ReadableStream = raw;
  if (file.gzip) {
    if (opts.onRawChunk) raw.on('data', opts.onRawChunk as (c: string | Buffer) => void);
    source = raw.pipe(zlib.createGunzip());
  }
  const rawHook = file.gzip ? undefined : opts.onRawChunk;
  let read = 0;
  let skipping = rangeStart > 0; // the line running into the range belongs to the previous one
  let abs = readFrom; // absolute offset of the current chunk
  let lineStart = readFrom; // absolute offset where the pending line starts
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw new InterruptedError();
      read += chunk.length;
      rawHook?.(chunk);
      let start = 0;
      if (skipping) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          abs += chunk.length;
          continue;
        }
        start = nl + 1;
        skipping = false;
        lineStart = abs + start;
      }
      for (;;) {
        if (lineStart >= rangeEnd) done = true;
        if (done) break;
        const nl = chunk.indexOf(10, start);
        if (nl < 0) break;
        const piece = chunk.subarray(start, nl);
        if (pending.length > 0) {
          pending.push(piece);
          handle(Buffer.concat(pending));
          pending = [];
        } else handle(piece);
        start = nl + 1;
        lineStart = abs + start;
      }
      if (done) {
        pending = [];
        (source as unknown as { destroy?: () => void }).destroy?.();
        raw.destroy();
        break;
      }
      if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
      abs += chunk.length;
      opts.onProgress?.(read);
    }
    if (!done && pending.length > 0 && lineStart < rangeEnd) handle(Buffer.concat(pending));
  } catch (e) {
    if (e instanceof InputError || e instanceof InterruptedError) throw e;
    const msg = (e as Error).message;
    throw new InputError(file.gzip ? `corrupt or truncated gzip data (${msg})` : `cannot read (${msg})`, file.path);
  }
  if (rangeStart === 0) stats.files++;
  stats.bytes += file.end !== undefined ? Math.min(file.end, file.bytes) - rangeStart : file.bytes;
}
