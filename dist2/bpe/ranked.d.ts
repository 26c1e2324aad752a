import { PairMerger } from './merger.js';
/** What defines a rank-based BPE model. */
export interface RankedBpeSpec {
    vocab: readonly string[];
    merges: readonly (readonly [string, string])[];
    byteLevel: boolean;
    ignoreMerges: boolean;
    byteFallback: boolean;
    free?: readonly number[];
}
/** The encoder; `texts` and `ids` grow as the trainer appends tokens. */
export declare class RankedBpe extends PairMerger {
    readonly spec: RankedBpeSpec;
    readonly texts: string[];
    readonly ids: Map<string, number>;
    readonly byteIds: Int32Array<ArrayBuffer>;
    private readonly charIds;
    private readonly made;
    private rank;
    private readonly free;
    constructor(spec: RankedBpeSpec, size?: number);
    private index;
    /** True if `text` is a token. */
    has(text: string): boolean;
    /** Puts a new token's text at the lowest free id, else after the last; returns its id. */
    private place;
    /** Adds token texts[l] + texts[r] (at a free id, else after the last), made by a new merge of the lowest priority so far. */
    addMerge(l: number, r: number): number;
    /** The merge that made an appended token. */
    mergeOf(id: number): [number, number] | undefined;
    /** Adds a token without a merge (a new single character of a character-level model), as addMerge places it. */
    addToken(text: string): number;
    /** The token string of a pretoken (byte-level: its UTF-8 bytes as characters). */
    tokenString(pretoken: string): string;
    /** Initial symbols of a pretoken: its bytes, or its characters (-1 where a character is no token). */
    symbols(pretoken: string): number[];
    /** Encodes one pretoken as the HF runtime does: whole if ignore_merges finds it, else merged;
     * unknown characters become their byte tokens. */
    encodePretoken(pretoken: string): number[];
    /** Byte-level: encodes raw bytes as one pretoken (a token may be part of a character). */
    encodeBytes(bytes: Uint8Array): number[];
}
