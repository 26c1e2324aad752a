// What freeing does to a base's ids, whatever its family: each old id's new id.

/** Each of `size` old ids' new id once `removed` go: unchanged, or with `compact` renumbered down
 * in order (-1: removed). */
export function oldToNewIds(size: number, removed: ReadonlySet<number>, compact: boolean): Int32Array {
  const map = new Int32Array(size);
  let next = 0;
  for (let id = 0; id < size; id++) map[id] = removed.has(id) ? -1 : compact ? next++ : id;
  return map;
}
