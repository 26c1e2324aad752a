import type { IdSource } from '../io/id-map-format.js';
import { type InitInput, type InitRow } from './init-file.js';
/** The source of every output row of a resized matrix. */
export interface RowPlan {
    rows: number;
    prefix: number;
    keep: Int32Array;
    init: (InitRow | undefined)[];
    baseRows: number[];
}
/** How many output rows come from each source, and how many base rows were dropped (recorded in the manifest). */
export type RowCounts = Record<IdSource, number> & {
    removed: number;
};
/** The plan for `rows` output rows (at least the tokenizer's ids). */
export declare function rowPlan(input: InitInput, rows: number): RowPlan;
/** Output rows by source (rows beyond the map, or beyond the init file, are padding). */
export declare function rowCounts(input: InitInput, rows: number): RowCounts;
/** Rows of the resized matrices: --pad-to, else the init file's padded size, or the checkpoint's rows if more
 * (its spare rows kept) unless the map shrank the vocabulary below the base's ids (a trim: fewer rows);
 * never fewer than the tokenizer's ids. */
export declare function rowsOut(input: InitInput, padTo: number | undefined, checkpointRows: number): number;
