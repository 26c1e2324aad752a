/** Picks the characters that cover `coverage` of the eligible occurrences in `charCounts`
 * (indexed by code point); ties by code point. */
export declare function coverageChars(charCounts: Float64Array, coverage: number, eligible: (cp: number) => boolean): {
    chars: {
        ch: string;
        count: number;
    }[];
    occurrences: number;
    covered: number;
};
/** Character counts (by code point) of a few strings: tests and small tools. */
export declare function charCountsOf(chunks: Iterable<[string, number]>): Float64Array;
