/** Byte → its character. */
export declare const BYTE_CHAR: readonly string[];
/** The token string of raw bytes. */
export declare function bytesToToken(bytes: Uint8Array): string;
/** The raw bytes of a byte-level token string; undefined if a character is not of the alphabet. */
export declare function tokenToBytes(token: string): Buffer | undefined;
