import type { Policy } from '../spec.js';
/** What a policy (and a length limit) admits. */
export interface PieceRule {
    /** May code point `cp` become a new single-character piece? */
    char: (cp: number) => boolean;
    /** Is a chunk of text trained on (does it hold what new tokens are made of)? */
    trainsOn: (text: string) => boolean;
    /** May `text` be a new piece (SentencePiece, or HF with characters as tokens)? */
    text: (text: string) => boolean;
    /** May a byte-level token of `length` bytes be new? `fromNew`: it is merged from a new token, so
     * it only occurs where that one does; `bytes` gives its bytes, asked for only when they decide. */
    bytes(length: number, fromNew: boolean, bytes: () => Uint8Array): boolean;
}
/** The rule of `policy` for new tokens of at most `maxPieceLength` code points (byte-level: 3
 * bytes each); verify checks the policy alone (no length limit). */
export declare function pieceRule(policy: Policy, maxPieceLength?: number): PieceRule;
/**
 * Whether bytes can only ever occur inside text that has a Japanese character there: they hold a
 * whole Japanese character, or they end in the start of a character every completion of which
 * is Japanese (E3 81 is the start of hiragana only). Bytes that are only the end of some
 * character prove nothing (81 82 ends あ, but also ⁂).
 */
export declare function japaneseBytes(): (b: Uint8Array) => boolean;
