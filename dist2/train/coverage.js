// New single characters: the most frequent eligible characters until they cover the requested
// share of eligible character occurrences (SentencePiece's character_coverage).
/** Picks the characters that cover `coverage` of the eligible occurrences in `charCounts`
 * (indexed by code point); ties by code point. */
export function coverageChars(charCounts, coverage, eligible) {
    const seen = [];
    for (let cp = 0; cp < charCounts.length; cp++) {
        const n = charCounts[cp];
        if (n > 0 && eligible(cp))
            seen.push([cp, n]);
    }
    seen.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const total = seen.reduce((s, [, n]) => s + n, 0);
    const chars = [];
    let acc = 0;
    for (const [cp, n] of seen) {
        if (acc >= coverage * total)
            break;
        chars.push({ ch: String.fromCodePoint(cp), count: n });
        acc += n;
    }
    return { chars, occurrences: total, covered: acc };
}
/** Character counts (by code point) of a few strings: tests and small tools. */
export function charCountsOf(chunks) {
    const out = new Float64Array(0x110000);
    for (const [chunk, n] of chunks)
        for (const ch of chunk)
            out[ch.codePointAt(0)] += n;
    return out;
}
//# sourceMappingURL=coverage.js.map