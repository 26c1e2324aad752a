/** Calls fn(left, right) for every cut of `text` (between code points) into two ids `idOf` knows. */
export declare function forEachSplit(text: string, idOf: (s: string) => number | undefined, fn: (left: number, right: number) => void): void;
