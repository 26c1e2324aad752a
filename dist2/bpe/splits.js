// The one definition of "a piece's splits": every cut of its text into two known pieces.
/** Calls fn(left, right) for every cut of `text` (between code points) into two ids `idOf` knows. */
export function forEachSplit(text, idOf, fn) {
    const cps = Array.from(text);
    let left = '';
    for (let k = 1; k < cps.length; k++) {
        left += cps[k - 1];
        const l = idOf(left);
        if (l === undefined)
            continue;
        const r = idOf(cps.slice(k).join(''));
        if (r !== undefined)
            fn(l, r);
    }
}
//# sourceMappingURL=splits.js.map