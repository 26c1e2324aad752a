/** The space marker SentencePiece substitutes for ' ' (U+2581). */
export declare const SPACE = "\u2581";
/** Normalizes as the Mistral/Llama SentencePiece models do: dummy prefix, spaces to ▁. */
export declare function normalize(text: string, addDummyPrefix?: boolean): string;
/** Turns a line into chunks: ranges [start, end) of a (normalized) string. */
export interface Pretokenizer {
    /** Everything that decides the chunks (recorded in count shards; shards must agree on it). */
    readonly id: string;
    chunks(text: string, emit: (s: string, start: number, end: number) => void): void;
}
/** Splits one normalized string into chunks no new piece may cross; emits [start, end) ranges.
 * `space` is the character that starts a word (▁ after SentencePiece normalisation, ' ' in
 * byte-level text): it attaches to what follows. */
export declare function splitChunks(norm: string, emit: (start: number, end: number) => void, byScript?: boolean, space?: number): void;
/** The SentencePiece-BPE pretokenizer (Mistral, Llama 2): ▁ normalisation, then whitespace,
 * script (or, without it, punctuation) and single digits. */
export declare function sentencePiecePretokenizer(opts: {
    addDummyPrefix: boolean;
    splitByScript: boolean;
}): Pretokenizer;
/** The chunks of `text` as strings (tests, small tools). */
export declare function chunkStrings(p: Pretokenizer, text: string): string[];
