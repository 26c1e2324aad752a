/** GGUF value type codes (gguf_type in ggml). */
export declare const GgufType: {
    readonly uint8: 0;
    readonly int8: 1;
    readonly uint16: 2;
    readonly int16: 3;
    readonly uint32: 4;
    readonly int32: 5;
    readonly float32: 6;
    readonly bool: 7;
    readonly string: 8;
    readonly array: 9;
    readonly uint64: 10;
    readonly int64: 11;
    readonly float64: 12;
};
/** The magic number at the start of every GGUF file ("GGUF" in ASCII). */
export declare const GGUF_MAGIC = "GGUF";
/** The format version written. */
export declare const GGUF_VERSION = 3;
/** The alignment readers assume when `general.alignment` is absent. */
export declare const GGUF_DEFAULT_ALIGNMENT = 32;
/** The key that sets the alignment (a uint32 power of two). */
export declare const ALIGNMENT_KEY = "general.alignment";
type NumberType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';
type BigType = 'uint64' | 'int64';
/** The type of a scalar value (also the item type of an array). */
export type GgufScalarType = NumberType | BigType | 'bool' | 'string';
/** One scalar value with its GGUF type. */
export type GgufScalar = {
    type: NumberType;
    value: number;
} | {
    type: BigType;
    value: bigint | number;
} | {
    type: 'bool';
    value: boolean;
} | {
    type: 'string';
    value: string;
};
/** An array value: items of one scalar type. */
export type GgufArray = {
    type: 'array';
    itemType: NumberType;
    value: readonly number[] | Float32Array | Int32Array;
} | {
    type: 'array';
    itemType: BigType;
    value: readonly (bigint | number)[];
} | {
    type: 'array';
    itemType: 'bool';
    value: readonly boolean[];
} | {
    type: 'array';
    itemType: 'string';
    value: readonly string[];
};
/** One metadata entry: a key and a typed value. */
export type GgufKv = {
    key: string;
} & (GgufScalar | GgufArray);
/** The alignment the KVs set (`general.alignment`, a uint32 power of two), else the default. */
export declare function alignmentOf(kvs: readonly GgufKv[]): number;
/** The bytes of a tensor-less GGUF v3 file holding `kvs` in the order given, zero-padded to the
 * alignment (`general.alignment` if among `kvs`, else 32). Same input, same bytes. */
export declare function ggufBytes(kvs: readonly GgufKv[]): Buffer;
/** Writes a tensor-less GGUF file of `kvs` to `file` (via a temporary name and a rename). */
export declare function writeGguf(file: string, kvs: readonly GgufKv[]): void;
export {};
