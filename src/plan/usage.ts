// How much each base piece is used on the corpora a freeing build must serve (the --keep-corpus
// sources and the training corpus), and which scripts they show: what `chooseFreed` ranks by.
import type { ChunkSet } from '../corpus/chunk-store.js';
import type { Script } from '../corpus/unicode.js';
import type { Alphabet } from '../train/alphabet.js';
import { addScripts, type FreeInput } from './free.js';

/** By id, the largest share of any corpus's tokens the piece takes (the base encoding each
 * corpus's chunks), and the scripts the corpora show. */
export async function usageOf(
  alphabet: Pick<Alphabet, 'encode'>,
  corpora: readonly ChunkSet[],
  size: number,
  signal?: AbortSignal,
): Promise<Pick<FreeInput, 'share' | 'scripts'>> {
  const share = new Float64Array(size);
  const scripts = new Set<Script>();
  const seen = new Uint8Array(0x110000);
  for (const chunks of corpora) {
    const uses = new Float64Array(size);
    let total = 0;
    await chunks.forEach((chunk, count) => {
      for (const id of alphabet.encode(chunk)) {
        if (id < size) uses[id] = uses[id]! + count;
        total += count;
      }
      for (let i = 0; i < chunk.length; i++) {
        const cp = chunk.codePointAt(i)!;
        if (cp > 0xffff) i++;
        if (seen[cp] === 0) {
          seen[cp] = 1;
          addScripts(String.fromCodePoint(cp), scripts);
        }
      }
    }, signal);
    if (total > 0) for (let id = 0; id < size; id++) share[id] = Math.max(share[id]!, uses[id]! / total);
  }
  return { share, scripts };
}
