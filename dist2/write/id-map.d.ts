import { type FreeMode, type IdMap } from '../io/id-map-format.js';
import type { VocabView } from '../vocab/model.js';
/** What freeing base ids did: the mode, the original base, and each old id's id in the reduced base (-1: removed). */
export interface Freeing {
    mode: FreeMode;
    base: {
        name: string;
        size: number;
        pieces: readonly string[];
    };
    oldToNew: Int32Array;
}
/** The id map of an extension `vocab` of the reduced base (its ids below the reduced base's
 * size are the reduced base's, kept ones at `oldToNew`, free ones filled by new pieces). */
export declare function idMapOf(f: Freeing, vocab: VocabView): IdMap;
/** Writes id-map.json into `dir` and rewrites the family's embedding-init.json in the base
 * checkpoint's terms; returns the two files' sha256 by name. */
export declare function writeIdMap(dir: string, f: Freeing, vocab: VocabView): Record<string, string>;
