// Merge entries of a tokenizer.json.
/** A tokenizer.json merge entry, written as "a b" or ["a", "b"], as its two parts. */
export function mergePair(m) {
    if (typeof m !== 'string')
        return [m[0] ?? '', m[1] ?? ''];
    const k = m.indexOf(' ');
    return [m.slice(0, k), m.slice(k + 1)];
}
//# sourceMappingURL=merges.js.map