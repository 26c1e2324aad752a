import { type ParquetParsers } from 'hyparquet';
/** Stands for a string cell whose bytes are not UTF-8 (instead of a string holding U+FFFD). */
export declare const NOT_UTF8: unique symbol;
/** hyparquet parsers that decode string cells strictly: invalid UTF-8 becomes NOT_UTF8. */
export declare const STRICT_PARSERS: {
    stringFromBytes(bytes: Uint8Array | undefined): string | typeof NOT_UTF8 | undefined;
};
/** hyparquet parsers that give the byte length of each string cell instead of its text (sizes without decoding). */
export declare const LENGTH_PARSERS: {
    stringFromBytes: (bytes: Uint8Array | undefined) => number | undefined;
};
/** One row group's cells of the text column: the index of its first row, the cells as `parsers`
 * made them, and the compressed bytes of the row groups done so far (for progress). */
export interface CellGroup {
    first: number;
    cells: unknown[];
    done: number;
}
/** The cells of a Parquet file's text column, one row group at a time, the column checked first. */
export declare function textCells(file: string, field: string, parsers: Partial<ParquetParsers>, signal?: AbortSignal): AsyncGenerator<CellGroup>;
