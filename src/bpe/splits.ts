// The one definition of "a piece's splits": every cut of its text into two known pieces.

/** Is code unit offset k of `text` (0 < k < length) between two code points (not inside a
 * surrogate pair)? A lone surrogate counts as a code point of its own, as in Array.from. */
export function isCut(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 0xdc00 || c > 0xdfff) return true;
  const p = text.charCodeAt(k - 1);
  return p < 0xd800 || p > 0xdbff;
}

/** Calls fn(k) for every code unit offset k of `text` that is a cut between code points, left to
 * right: the halves are text.slice(0, k) and text.slice(k), not joined arrays of code points (the
 * trainer cuts every piece it adds, verify and write every piece). */
export function forEachCut(text: string, fn: (k: number) => void): void {
  for (let k = 1; k < text.length; k++) if (isCut(text, k)) fn(k);
}

/** Calls fn(left, right) for every cut of `text` (between code points) into two ids `idOf` knows. */
export function forEachSplit(
  text: string,
  idOf: (s: string) => number | undefined,
  fn: (left: number, right: number) => void,
): void {
  forEachCut(text, (k) => {
    const l = idOf(text.slice(0, k));
    if (l === undefined) return;
    const r = idOf(text.slice(k));
    if (r !== undefined) fn(l, r);
  });
}
