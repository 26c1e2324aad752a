// Streaming corpus reader: the records of one file, from lines of text or JSONL (plain, gzip or
// zstd) or from a text column of Parquet. Bad records stop the read with the file and line (or
// row), or are counted and skipped under skipInvalid.
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import { InputError, InterruptedError, TokextError } from '../errors.js';
import { UNSUPPORTED_HINT, type CorpusFile } from './files.js';
import { LENGTH_PARSERS, NOT_UTF8, STRICT_PARSERS, textCells } from './parquet.js';

export {
  listCorpora,
  listCorpusFiles,
  parseCorpusArg,
  skippedNote,
  type CorpusFile,
  type CorpusListing,
  type InputFile,
} from './files.js';

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
  textField: string; // JSONL field or Parquet column holding the text
  skipInvalid: boolean;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number) => void;
  /** Sees every byte of the file as stored (compressed for .gz/.zst), e.g. to hash it in the same read. */
  onRawChunk?: (chunk: Buffer) => void;
  /** Stop after this many records of the file (verify's samples). */
  maxRecords?: number;
}

/** New zeroed stats. */
export function emptyStats(): ReadStats {
  return {
    files: 0,
    lines: 0,
    records: 0,
    chars: 0,
    bytes: 0,
    emptyLines: 0,
    crlfLines: 0,
    skipped: { invalidUtf8: 0, nul: 0, badJson: 0, missingField: 0 },
  };
}

/** Adds the counts of `b` to `a`. */
export function addStats(a: ReadStats, b: ReadStats): void {
  a.files += b.files;
  a.lines += b.lines;
  a.records += b.records;
  a.chars += b.chars;
  a.bytes += b.bytes;
  a.emptyLines += b.emptyLines;
  a.crlfLines += b.crlfLines;
  for (const k of Object.keys(a.skipped) as (keyof ReadStats['skipped'])[]) a.skipped[k] += b.skipped[k];
}

/** Thrown inside a read to stop it early (maxRecords reached). */
class Enough extends Error {}

/** What receives each record; a promise it returns is awaited before the next record is read
 * (back-pressure: a consumer may encode a batch without the reader running ahead). */
export type OnRecord = (text: string) => void | Promise<void>;

/** Counts a record's text in `stats`: false for an empty one (no record). */
function countRecord(stats: ReadStats, text: string): boolean {
  if (text.length === 0) {
    stats.emptyLines++;
    return false;
  }
  stats.records++;
  stats.chars += text.length;
  return true;
}

/** Turns the text of records into calls of `onRecord`, counting and enforcing maxRecords. */
function recordSink(file: CorpusFile, opts: ReadOptions, stats: ReadStats, onRecord: OnRecord) {
  let records = 0;
  const counted = () => {
    if (++records === opts.maxRecords) throw new Enough();
  };
  return {
    /** A bad record: stop with where it is, or count it under skipInvalid. */
    fail(what: string, key: keyof ReadStats['skipped'], hint: string, line?: number): void {
      if (!opts.skipInvalid) throw new InputError(what, file.path, line, hint);
      stats.skipped[key]++;
    },
    /** Passes a record on; returns the consumer's promise, if it gave one, to be awaited. */
    emit(text: string): void | Promise<void> {
      if (!countRecord(stats, text)) return;
      const pending = onRecord(text);
      if (pending instanceof Promise) return pending.then(counted);
      counted();
    },
  };
}

/** The compression of a stream by its first bytes (gzip, zstd, xz, bzip2), or undefined. */
function compressionByMagic(head: Buffer): string | undefined {
  const starts = (...b: number[]) => b.every((x, i) => head[i] === x);
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  // "BZh", the block size, then the magic of a first block or of the end of an empty stream
  // eslint-disable-next-line no-control-regex -- bzip2's end-of-stream magic is binary
  if (/^BZh[1-9](1AY&SY|\x17rE8P\x90)/.test(head.subarray(0, 10).toString('latin1'))) return 'bzip2';
  return undefined;
}

/** Refuses compressed data in a file named as plain text or JSONL (it would be read as garbage). */
function refuseMisnamed(file: CorpusFile, head: Buffer): void {
  const found = compressionByMagic(head);
  if (!found) return;
  const ext = found === 'gzip' ? '.gz' : found === 'zstd' ? '.zst' : undefined;
  if (ext)
    throw new InputError(
      `${found}-compressed data in a file not named ${ext}`,
      file.path,
      undefined,
      `rename it to end in ${ext}`,
    );
  throw new InputError(
    `unsupported compression (${found} data, by its first bytes)`,
    file.path,
    undefined,
    UNSUPPORTED_HINT,
  );
}

/** The raw bytes of a file, decompressed, as chunks. */
async function* byteChunks(
  file: CorpusFile,
  opts: Pick<ReadOptions, 'onProgress' | 'onRawChunk'>,
): AsyncGenerator<Buffer> {
  const raw = fs.createReadStream(file.path, { highWaterMark: 1 << 20 });
  let read = 0;
  try {
    if (file.compression === 'zstd') {
      let out: Buffer[] = [];
      const z = new Decompress((c) => {
        out.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
      });
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        opts.onRawChunk?.(chunk);
        read += chunk.length;
        z.push(chunk);
        for (const o of out) yield o;
        out = [];
        opts.onProgress?.(read);
      }
      z.push(new Uint8Array(0), true);
      for (const o of out) yield o;
      return;
    }
    if (file.compression === 'gzip') {
      if (opts.onRawChunk) raw.on('data', opts.onRawChunk as (c: string | Buffer) => void);
      raw.on('data', (c: string | Buffer) => {
        read += c.length;
      });
      for await (const chunk of raw.pipe(zlib.createGunzip()) as AsyncIterable<Buffer>) {
        yield chunk;
        opts.onProgress?.(read);
      }
      return;
    }
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      if (read === 0) refuseMisnamed(file, chunk);
      opts.onRawChunk?.(chunk);
      read += chunk.length;
      yield chunk;
      opts.onProgress?.(read);
    }
  } finally {
    raw.destroy();
  }
}

/** Splits byte chunks into lines (without the line break; a line may span chunks). */
async function* lines(chunks: AsyncIterable<Buffer>, signal?: AbortSignal): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  for await (const chunk of chunks) {
    if (signal?.aborted) throw new InterruptedError();
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      if (pending.length > 0) {
        pending.push(piece);
        yield Buffer.concat(pending);
        pending = [];
      } else yield piece;
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}

/** Why a line is no record: message, the skip counter it goes to, and what to do. */
type BadLine = { what: string; key: keyof ReadStats['skipped']; hint: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The record text of one line (CR already removed, not empty), or why it has none. */
function recordOfLine(buf: Buffer, format: CorpusFile['format'], textField: string): string | BadLine {
  if (buf.includes(0)) return NUL_LINE;
  let text: string;
  try {
    text = UTF8.decode(buf);
  } catch {
    return {
      what: 'invalid UTF-8',
      key: 'invalidUtf8',
      hint: 'convert the file to UTF-8 or pass --skip-invalid to skip such lines',
    };
  }
  return recordOfText(text, format, textField);
}

const NUL_LINE: BadLine = {
  what: 'NUL byte in text (binary file?)',
  key: 'nul',
  hint: 'remove binary files from the corpus or pass --skip-invalid',
};

/** The record of a line's decoded text: the text itself, or a JSONL line's field. */
function recordOfText(text: string, format: CorpusFile['format'], textField: string): string | BadLine {
  if (format !== 'jsonl') return text;
  let rec: unknown;
  try {
    rec = JSON.parse(text);
  } catch {
    return { what: 'line is not valid JSON', key: 'badJson', hint: 'fix the line or pass --skip-invalid' };
  }
  const v = rec && typeof rec === 'object' ? (rec as Record<string, unknown>)[textField] : undefined;
  if (typeof v !== 'string')
    return {
      what: `JSON record has no string field '${textField}'`,
      key: 'missingField',
      hint: 'set --text-field or pass --skip-invalid',
    };
  return v;
}

/** What a line (without its line break) of a text or JSONL file holds: nothing (an empty line),
 * a record's text, or why it has none; counts the line, its CR and an empty line in `stats`. */
function lineRecord(
  raw: Buffer,
  format: CorpusFile['format'],
  textField: string,
  stats: ReadStats,
): string | BadLine | undefined {
  stats.lines++;
  let buf = raw;
  if (buf.length > 0 && buf[buf.length - 1] === 13) {
    buf = buf.subarray(0, buf.length - 1);
    stats.crlfLines++;
  }
  if (buf.length === 0) {
    stats.emptyLines++;
    return undefined;
  }
  return recordOfLine(buf, format, textField);
}

/** A bad line of a batch: why, and its number within the batch (from 1). */
export type LineFault = BadLine & { line: number };

/** What reading a batch of lines needs to know of its file. */
export interface LineFormat {
  format: CorpusFile['format'];
  textField: string;
  skipInvalid: boolean;
}

/**
 * The records of `bytes`, whole lines of a text or JSONL file (see readLineBatches), read where it
 * is handed (another thread): each text goes to `onText` and is counted in `stats`. A bad line is
 * counted under skipInvalid; otherwise reading stops and returns it.
 */
export function batchRecords(
  bytes: Buffer,
  f: LineFormat,
  stats: ReadStats,
  onText: (text: string) => void,
): LineFault | undefined {
  const take = (rec: string | BadLine | undefined, line: number): LineFault | undefined => {
    if (rec === undefined) return undefined;
    if (typeof rec === 'string') {
      if (countRecord(stats, rec)) onText(rec);
    } else if (f.skipInvalid) stats.skipped[rec.key]++;
    else return { ...rec, line };
    return undefined;
  };
  const text = wholeText(bytes);
  let line = 0;
  let start = 0;
  if (text === undefined) {
    // a NUL or invalid UTF-8 somewhere: line by line, to know which
    while (start < bytes.length) {
      let nl = bytes.indexOf(10, start);
      if (nl < 0) nl = bytes.length;
      const fault = take(lineRecord(bytes.subarray(start, nl), f.format, f.textField, stats), ++line);
      if (fault) return fault;
      start = nl + 1;
    }
    return undefined;
  }
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const fault = take(textLineRecord(text, start, nl, f, stats), ++line);
    if (fault) return fault;
    start = nl + 1;
  }
  return undefined;
}

/** The text of a batch, if it holds no NUL and is valid UTF-8 (decoded at once, not line by line). */
function wholeText(bytes: Buffer): string | undefined {
  return bytes.includes(0) || !isUtf8(bytes) ? undefined : bytes.toString('utf8'); // a valid BOM stays: textLineRecord drops it
}

/** lineRecord of line [start, end) of decoded text, as the line decoded alone would give: its CR
 * removed and counted, and a byte order mark at its start dropped (as decoding drops it). */
function textLineRecord(
  text: string,
  start: number,
  end: number,
  f: LineFormat,
  stats: ReadStats,
): string | BadLine | undefined {
  stats.lines++;
  let e = end;
  if (e > start && text.charCodeAt(e - 1) === 13) {
    e--;
    stats.crlfLines++;
  }
  if (e === start) {
    stats.emptyLines++;
    return undefined;
  }
  const s = text.charCodeAt(start) === 0xfeff ? start + 1 : start;
  return recordOfText(text.slice(s, e), f.format, f.textField);
}

/** `parts` joined into a buffer of its own (not a view of a larger or pooled one: it can be moved to another thread). */
function own(parts: Buffer[]): Buffer {
  const out = Buffer.allocUnsafeSlow(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) o += p.copy(out, o);
  return out;
}

/**
 * Reads a text or JSONL file in batches of whole lines: a batch ends at the first line break at
 * or after `size` bytes (the last one at the end of the file), so where batches end depends on the
 * bytes alone, never on how they were read. Each batch is a buffer of its own, handed to `onBatch`
 * and awaited (back-pressure). `linesRead`: how far the caller has got (for a read that fails).
 */
export async function readLineBatches(
  file: CorpusFile,
  opts: Pick<ReadOptions, 'signal' | 'onProgress' | 'onRawChunk'>,
  size: number,
  onBatch: (bytes: Buffer) => void | Promise<void>,
  linesRead: () => number = () => 0,
): Promise<void> {
  let pending: Buffer[] = [];
  let held = 0;
  let handing = false; // an error while handing a batch on is the consumer's, not the file's
  const hand = async (bytes: Buffer) => {
    handing = true;
    await onBatch(bytes);
    handing = false;
  };
  try {
    for await (const read of byteChunks(file, opts)) {
      if (opts.signal?.aborted) throw new InterruptedError();
      let chunk = read;
      while (chunk.length > 0) {
        const from = Math.max(0, size - 1 - held);
        const nl = from < chunk.length ? chunk.indexOf(10, from) : -1;
        if (nl < 0) {
          pending.push(chunk);
          held += chunk.length;
          break;
        }
        pending.push(chunk.subarray(0, nl + 1));
        await hand(own(pending));
        pending = [];
        held = 0;
        chunk = chunk.subarray(nl + 1);
      }
    }
    if (held > 0) await hand(own(pending));
  } catch (e) {
    throw handing ? e : streamError(file, e, linesRead());
  }
}

/** Records of a text or JSONL file. */
async function readLines(
  file: CorpusFile,
  opts: ReadOptions,
  stats: ReadStats,
  sink: ReturnType<typeof recordSink>,
): Promise<void> {
  let lineNo = 0;
  try {
    for await (const raw of lines(byteChunks(file, opts), opts.signal)) {
      lineNo++;
      const rec = lineRecord(raw, file.format, opts.textField, stats);
      if (rec === undefined) continue;
      if (typeof rec === 'string') {
        const pending = sink.emit(rec);
        if (pending) await pending;
      } else sink.fail(rec.what, rec.key, rec.hint, lineNo);
    }
  } catch (e) {
    throw streamError(file, e, lineNo);
  }
}

/** What a failed stream read becomes: our own errors as they are, others an InputError naming the file. */
function streamError(file: CorpusFile, e: unknown, lineNo = 0): unknown {
  if (e instanceof TokextError || e instanceof Enough) return e;
  const msg = (e as Error).message;
  const what =
    file.compression === 'none'
      ? 'cannot read'
      : `corrupt or truncated ${file.compression === 'gzip' ? 'gzip' : 'zstd'} data`;
  return new InputError(`${what} (${msg})${lineNo > 0 ? ` after line ${lineNo}` : ''}`, file.path);
}

/** Records of a Parquet file, one row group at a time. */
async function readParquet(
  file: CorpusFile,
  opts: ReadOptions,
  stats: ReadStats,
  sink: ReturnType<typeof recordSink>,
): Promise<void> {
  for await (const { first, cells, done } of textCells(file.path, opts.textField, STRICT_PARSERS, opts.signal)) {
    for (let i = 0; i < cells.length; i++) {
      stats.lines++;
      const v = cells[i];
      if (typeof v !== 'string') {
        const at = `row ${first + i}:`;
        const convert = 'convert the text to UTF-8 or pass --skip-invalid to skip such rows';
        if (v === NOT_UTF8) sink.fail(`${at} invalid UTF-8 in '${opts.textField}'`, 'invalidUtf8', convert);
        else if (v === null || v === undefined)
          sink.fail(`${at} null '${opts.textField}'`, 'missingField', 'pass --skip-invalid to skip such rows');
        else sink.fail(`${at} '${opts.textField}' is not text`, 'missingField', 'set --text-field to a string column');
        continue;
      }
      const pending = sink.emit(v);
      if (pending) await pending;
    }
    opts.onProgress?.(Math.min(done, file.bytes));
  }
}

/** Streams the records of one file to `onRecord` (text without the line break). */
export async function readCorpusFile(
  file: CorpusFile,
  opts: ReadOptions,
  stats: ReadStats,
  onRecord: OnRecord,
): Promise<void> {
  const sink = recordSink(file, opts, stats, onRecord);
  try {
    if (file.format === 'parquet') await readParquet(file, opts, stats, sink);
    else await readLines(file, opts, stats, sink);
  } catch (e) {
    if (!(e instanceof Enough)) throw e;
  }
  stats.files++;
  stats.bytes += file.bytes;
}

/**
 * A file's size as source balancing weighs it: its bytes after decompression, so the same text
 * weighs the same however it is stored. Plain text and JSONL: the size on disk (not read); .gz
 * and .zst: the decompressed bytes (one streaming pass); Parquet: the text column as a text file
 * would hold it, the UTF-8 bytes of each non-null cell plus one line break (one pass over the column).
 */
export async function decodedBytes(
  file: CorpusFile,
  opts: Pick<ReadOptions, 'textField' | 'signal' | 'onProgress'>,
): Promise<number> {
  let n = 0;
  if (file.format === 'parquet') {
    for await (const { cells, done } of textCells(file.path, opts.textField, LENGTH_PARSERS, opts.signal)) {
      for (const c of cells) if (typeof c === 'number') n += c + 1;
      opts.onProgress?.(Math.min(done, file.bytes));
    }
    return n;
  }
  if (file.compression === 'none') return file.bytes;
  try {
    for await (const chunk of byteChunks(file, { onProgress: opts.onProgress })) {
      if (opts.signal?.aborted) throw new InterruptedError();
      n += chunk.length;
    }
  } catch (e) {
    throw streamError(file, e);
  }
  return n;
}
