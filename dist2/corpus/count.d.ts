import { type InputFile } from './files.js';
import { type ReadStats } from './read.js';
import { type ChunkSet } from './chunk-store.js';
import type { Pretokenizer } from './pretokenize.js';
import { type RunControl } from '../progress.js';
import { type CountSpec } from './counts-file.js';
import type { CorpusSource } from '../spec.js';
/** Counting result: the chunks (in memory or spilled to disk) and what was read. */
export interface CountResult {
    chunks: ChunkSet;
    files: InputFile[];
    stats: ReadStats;
    spills: number;
}
/** What counting reads and how much memory its table may use. */
export interface CountOptions extends RunControl {
    corpora: CorpusSource[];
    textField: string;
    skipInvalid: boolean;
    balance: number;
    tableBytes: number;
    tmpDir?: string;
}
/** The count spec of a run: what must agree for counts to be summed (only what changes the chunks:
 * the text field does not, so `_textField` is ignored; it stays until callers stop passing it). */
export declare const countSpecOf: (p: Pretokenizer) => CountSpec;
/** Refuses a shard given twice, by name, through a link or under another path (it would count twice). */
export declare function checkDistinctShards(files: readonly string[]): void;
/** Sums count shards (made by `tokext count`, or summed by another engine) in bounded memory. */
export declare function loadCounts(pretokenizer: Pretokenizer, files: string[], o: Omit<CountOptions, 'corpora' | 'skipInvalid' | 'balance'>): Promise<CountResult>;
/** Counts the chunks of a few texts in memory (tests, small tools, library users with strings). */
export declare function countTexts(pretokenizer: Pretokenizer, texts: Iterable<string>, weight?: number): Promise<ChunkSet>;
/** Reads every corpus file once, counting its chunks with `pretokenizer`. */
export declare function countCorpora(pretokenizer: Pretokenizer, o: CountOptions): Promise<CountResult>;
