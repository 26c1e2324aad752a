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
/** Format and compression from a file name. */
export declare function corpusKind(file: string): {
    format: CorpusFormat;
    compression: Compression;
};
/** What to do with a file in such a compression. */
export declare const UNSUPPORTED_HINT = "decompress it first, or recompress it with gzip (.gz) or zstd (.zst)";
/** What listing the corpus sources found: each source's files, and what directory walks passed over. */
export interface CorpusListing {
    sources: CorpusFile[][];
    skipped: string[];
}
/** Lists the files of every corpus source (a file or a directory, read recursively), refusing a
 * file that two sources (or one walk) reach twice, and collecting what the walks passed over. */
export declare function listCorpora(sources: readonly (string | {
    path: string;
    weight?: number;
})[]): CorpusListing;
/** Lists the corpus files under a path, sorted, with the weight of the source (see listCorpora). */
export declare function listCorpusFiles(p: string, weight?: number): CorpusFile[];
/** One line for people about the files directory walks passed over (undefined when none). */
export declare function skippedNote(skipped: readonly string[]): string | undefined;
/**
 * The count multiplier of each source's files when sources are balanced with exponent `alpha`:
 * source i's share of the counts goes as size_i^alpha (its decoded bytes: see decodedBytes), as in the temperature
 * sampling of multilingual corpora (XLM-R, mT5: alpha 0.3). alpha 1 counts every line once (the
 * sizes as they are); alpha 0 gives every source the same share. The largest source keeps
 * multiplier 1 (times its `:WEIGHT`), smaller ones count more. One source: its weight.
 */
export declare function balancedWeights(sources: readonly {
    bytes: number;
    weight: number;
}[], alpha: number): number[];
/** Parses `PATH[:WEIGHT]` (a path that exists as given wins over a weight suffix). */
export declare function parseCorpusArg(arg: string): {
    path: string;
    weight: number;
};
