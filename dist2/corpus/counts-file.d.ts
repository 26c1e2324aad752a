import type { RunControl } from '../progress.js';
import type { ChunkSet, ChunkStore } from './chunk-store.js';
import type { InputFile } from './files.js';
/** The `format` of the provenance metadata. /3: the spec holds only the pretokenizer (/2 also
 * held the text field, which does not change the chunks; /2 shards are still read). */
export declare const COUNTS_FORMAT = "tokext.counts/3";
/** What decides the chunks: shards can be summed only when these agree. Only what changes the
 * chunks belongs here (not where the text was read from: --text-field). */
export interface CountSpec {
    pretokenizer: string;
}
/** Provenance of a shard (Parquet key-value metadata; absent after an external sum). */
export interface CountsProvenance {
    format: string;
    spec: CountSpec;
    inputs: InputFile[];
    records: number;
    chunks: number;
}
/** Writes a shard: every chunk of `chunks`, in groups of rows, via a temporary name. */
export declare function writeCounts(file: string, chunks: ChunkSet, spec: CountSpec, inputs: InputFile[], records: number, run?: RunControl): Promise<void>;
/** Adds the counts of `file` into `store`; checks every row's spec against `expected`. */
export declare function readCountsInto(file: string, store: ChunkStore, expected: CountSpec, signal?: AbortSignal): Promise<CountsProvenance | undefined>;
