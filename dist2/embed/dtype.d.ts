/** Supported dtypes and their byte widths. */
export declare const DTYPE_BYTES: Record<string, number>;
/** float32 -> bf16 bits, round to nearest even (NaN stays NaN). */
export declare function f32ToBf16(x: number): number;
/** bf16 bits -> float32 value. */
export declare function bf16ToF32(h: number): number;
/** fp16 bits -> float32 value. */
export declare function f16ToF32(h: number): number;
/** float32 value -> fp16 bits, round to nearest even. */
export declare function f32ToF16(x: number): number;
/** Reads row `i` (cols wide) of a raw matrix into a float32 array. */
export declare function readRow(buf: Buffer, dtype: string, i: number, cols: number, out: Float32Array): void;
/** Writes a float32 row into `out` at byte offset `at`, rounded once to dtype. */
export declare function writeRow(row: Float32Array, dtype: string, out: Buffer, at: number): void;
