// A base without the pieces a run freed (--replace, --trim-to), and what freeing did: one way for
// the stages that free, the stages that read a freeing file and verify.
import type { FreeMode } from '../io/id-map-format.js';
import type { Freeing } from '../write/id-map.js';
import type { Base } from './family.js';

/** What a run records of freeing (stage files keep it): the mode and the removed old ids. */
export interface FreedRecord {
  mode: FreeMode;
  removed: number[];
}

/** What `f` freed, as a record. */
export function freedRecord(f: Freeing): FreedRecord {
  return { mode: f.mode, removed: [...f.oldToNew].flatMap((n, id) => (n < 0 ? [id] : [])) };
}

/** `base` without the pieces `record` names as freed, and what freeing did to its ids. */
export function refree(base: Base, record: FreedRecord): { base: Base; freeing: Freeing } {
  const freed = base.freed(record.removed, record.mode === 'trim');
  const pieces = base.asModel().model.pieces.map((p) => p.piece);
  return {
    base: freed.base,
    freeing: { mode: record.mode, base: { name: base.name, size: base.size, pieces }, oldToNew: freed.oldToNew },
  };
}
