import { type CorpusFile } from './files.js';
export { listCorpora, listCorpusFiles, parseCorpusArg, skippedNote, type CorpusFile, type CorpusListing, type InputFile, } from './files.js';
/** Counts of what reading skipped or repaired. */
export interface ReadStats {
    files: number;
    lines: number;
    records: number;
    chars: number;
    bytes: number;
    emptyLines: number;
    crlfLines: number;
    skipped: {
        invalidUtf8: number;
        nul: number;
        badJson: number;
        missingField: number;
    };
}
/** Options for reading. */
export interface ReadOptions {
    textField: string;
    skipInvalid: boolean;
    signal?: AbortSignal;
    onProgress?: (bytesRead: number) => void;
    /** Sees every byte of the file as stored (compressed for .gz/.zst), e.g. to hash it in the same read. */
    onRawChunk?: (chunk: Buffer) => void;
    /** Stop after this many records of the file (verify's samples). */
    maxRecords?: number;
}
/** New zeroed stats. */
export declare function emptyStats(): ReadStats;
/** What receives each record; a promise it returns is awaited before the next record is read
 * (back-pressure: a consumer may encode a batch without the reader running ahead). */
export type OnRecord = (text: string) => void | Promise<void>;
/** Streams the records of one file to `onRecord` (text without the line break). */
export declare function readCorpusFile(file: CorpusFile, opts: ReadOptions, stats: ReadStats, onRecord: OnRecord): Promise<void>;
/**
 * A file's size as source balancing weighs it: its bytes after decompression, so the same text
 * weighs the same however it is stored. Plain text and JSONL: the size on disk (not read); .gz
 * and .zst: the decompressed bytes (one streaming pass); Parquet: the text column as a text file
 * would hold it, the UTF-8 bytes of each non-null cell plus one line break (one pass over the column).
 */
export declare function decodedBytes(file: CorpusFile, opts: Pick<ReadOptions, 'textField' | 'signal' | 'onProgress'>): Promise<number>;
