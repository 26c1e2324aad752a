/** No script: an added or special token, a byte piece, a piece that is not whole characters. */
export declare const NO_SCRIPT = -1;
/** The text of a vocabulary piece: byte-level strings decoded (undefined unless whole UTF-8 characters);
 * SentencePiece byte pieces (<0xE3>) have none. */
export declare function pieceText(piece: string, byteLevel: boolean): string | undefined;
/** The script (index in SCRIPTS) of a text: its first letter or digit's; other when it has none; NO_SCRIPT for ''. */
export declare function textScript(text: string | undefined): number;
/** The scripts norm-mean groups rows by: of each base (checkpoint) row, and of any new piece. */
export interface PieceScripts {
    base: Int8Array;
    ofPiece: (piece: string) => number;
}
/** Reads the extension's tokenizer.json (its vocabulary holds the kept base pieces at their new ids). */
export declare function pieceScripts(file: string, baseIds: number, newIdOf: (old: number) => number): PieceScripts;
/** Median L2 norms of base rows, by script (NaN where a script has no row) and over all rows with a script. */
export interface ScriptNorms {
    byScript: number[];
    all: number;
}
/** The median of `xs` (the mean of the middle two for an even count; NaN when empty); sorts `xs`. */
export declare function median(xs: number[]): number;
/** Median L2 norms of the rows `rows` of a raw matrix, grouped by the rows' scripts. */
export declare function scriptNorms(base: Buffer, dtype: string, cols: number, rows: readonly number[], scripts: Int8Array, pace: () => Promise<void>): Promise<ScriptNorms>;
/** Rescales `acc` in place to the median norm of `script`'s base rows (of all base rows when it has none);
 * a zero row, or a matrix with no base row of any script, stays as it is. */
export declare function rescaleToScript(acc: Float32Array, norms: ScriptNorms, script: number): void;
