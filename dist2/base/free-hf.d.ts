import type { HfBase } from './types.js';
/** `base` without the model tokens `removed` (ids); with `compact`, ids renumbered down. */
export declare function freeHf(base: HfBase, removed: readonly number[], compact: boolean): {
    base: HfBase;
    oldToNew: Int32Array;
};
