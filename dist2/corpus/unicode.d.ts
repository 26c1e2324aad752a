/** Script classes; Han, Hiragana, Katakana and ー are one class, as SentencePiece treats them. */
export declare const enum Script {
    Unset = -1,
    Space = 0,// ▁ (U+2581): attaches to what follows, never splits a word by itself
    Digit = 1,// every decimal digit is its own piece (split_digits)
    Inherited = 2,// combining marks: take the script of what precedes
    Han = 3,
    Common = 4,
    Latin = 5,
    Other = 6
}
/** The script class of a code point (cached). */
export declare function scriptOf(cp: number): Script;
/** Hiragana, Katakana, Han, CJK symbols and punctuation, full-width and half-width forms. */
export declare function isJapaneseCodePoint(cp: number): boolean;
/** True if any character of `s` is Japanese. */
export declare function containsJapanese(s: string): boolean;
/** Script name for reports: Hiragana, Katakana, Han, Latin, Digit, Symbol, Other. */
export declare function scriptName(cp: number): string;
/** The script classes pieces and text are bucketed by (manifest, eval, report). */
export declare const SCRIPTS: readonly ["Han", "Hiragana", "Katakana", "Latin", "digits", "other"];
export type ScriptClass = (typeof SCRIPTS)[number];
/** Index in SCRIPTS of a code point's class (ー counts as Katakana; spaces and punctuation are other). */
export declare function scriptIndex(cp: number): number;
/** The script class of a piece: that of its first character that is not ▁ (other if none). */
export declare function pieceScriptClass(piece: string): ScriptClass;
/** Characters (code points) of `s`: what chars/token counts everywhere. */
export declare function codePointLength(s: string): number;
