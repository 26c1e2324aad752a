import type { ChunkSet } from '../corpus/chunk-store.js';
import type { Alphabet } from '../train/alphabet.js';
import { type FreeInput } from './free.js';
/** By id, the largest share of any corpus's tokens the piece takes (the base encoding each
 * corpus's chunks), and the scripts the corpora show. */
export declare function usageOf(alphabet: Pick<Alphabet, 'encode'>, corpora: readonly ChunkSet[], size: number, signal?: AbortSignal): Promise<Pick<FreeInput, 'share' | 'scripts'>>;
