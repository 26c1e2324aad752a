import type { Pacer } from '../progress.js';
/** One tensor's entry. */
export interface TensorInfo {
    dtype: string;
    shape: number[];
    data_offsets: [number, number];
}
/** A parsed file header. */
export interface SafetensorsHeader {
    file: string;
    dataStart: number;
    tensors: Map<string, TensorInfo>;
    metadata?: Record<string, string>;
}
/** The reference reader's limit on the header's length. */
export declare const MAX_HEADER_BYTES = 100000000;
/** Bits per element of every dtype the format defines (sub-byte ones packed). */
export declare const DTYPE_BITS: Record<string, number>;
/** Reads and validates the header of a safetensors file. */
export declare function readHeader(file: string): SafetensorsHeader;
/** Serialises a header whose tensors are laid out in the given order; returns the bytes. */
export declare function headerBytes(entries: [string, TensorInfo][], metadata?: Record<string, string>): Buffer;
/**
 * An output file written in chunks: the abort signal is checked and the event loop given a turn
 * between chunks, and the data is flushed to disk every few tens of MB (off the event loop) so
 * that neither the final fsync nor an interruption waits on gigabytes of write-back.
 */
export declare class PacedWriter {
    readonly fd: number;
    private readonly pacer;
    private unsynced;
    constructor(fd: number, pacer: Pacer);
    /** Appends `length` bytes of `buf`. */
    write(buf: Uint8Array, length?: number): Promise<void>;
    /** Flushes everything to disk. */
    sync(): Promise<void>;
}
/** Copies `length` bytes from `src` at `from` to the writer, in chunks; `onBytes` hears the bytes copied so far. */
export declare function copyRange(src: string, from: number, length: number, out: PacedWriter, onBytes?: (n: number) => void): Promise<void>;
/** Reads a tensor's raw bytes, in chunks between which the abort signal is checked; `onBytes` hears the bytes read so far. */
export declare function readTensor(h: SafetensorsHeader, name: string, pacer: Pacer, onBytes?: (n: number, total: number) => void): Promise<Buffer>;
