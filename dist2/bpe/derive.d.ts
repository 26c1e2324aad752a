import { type Piece } from '../vocab/model.js';
/**
 * Every split of a NORMAL piece into two NORMAL pieces, ordered by the piece's score
 * (descending), then piece id, left id, right id.
 */
export declare function deriveMerges(pieces: readonly Piece[]): [string, string][];
/** deriveMerges for long runs: checks `signal` and yields to the event loop as it goes. */
export declare function deriveMergesPaced(pieces: readonly Piece[], signal?: AbortSignal): Promise<[string, string][]>;
