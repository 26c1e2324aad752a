/** Texts every verify run encodes with all runtimes (none contains a special-token literal). */
export declare const PROBE_TEXTS: readonly string[];
/** True if `s` contains a literal of a special token (HF matches those, SentencePiece does not). */
export declare function hasSpecialLiteral(s: string, specials: readonly string[]): boolean;
/** Longest text verify encodes: longer lines are checked on their first MAX_TEXT_CHARS UTF-16 units. */
export declare const MAX_TEXT_CHARS = 4096;
/** `s` cut to at most `max` UTF-16 units, never inside a surrogate pair. */
export declare function cutText(s: string, max?: number): string;
