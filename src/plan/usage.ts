// How much each base piece is used on the corpora a freeing build must serve (the --keep-corpus
// sources and the training corpus), and which scripts they show: what `chooseFreed` ranks by.
import type { ChunkSet } from '../corpus/chunk-store.js';
import { hashUnits } from '../corpus/chunk-table.js';
import type { Script } from '../corpus/unicode.js';
import type { Alphabet } from '../train/alphabet.js';
import { addScripts, type FreeInput } from './free.js';

/** Distinct chunks of one corpus the base encodes exactly; past this, rarer chunks are sampled. */
export const USAGE_CHUNKS = 250_000;
/** A chunk seen this often (weighted) is always encoded, whatever the sample. */
const ALWAYS = 16;

/** How a chunk of a corpus of `distinct` chunks counts in its usage: its count, or (a rare chunk
 * of a large corpus) 1 in k of them by hash, weighted k; 0 when the sample leaves it out. */
export function usageWeight(chunk: string, count: number, distinct: number): number {
  const k = Math.ceil(distinct / USAGE_CHUNKS);
  if (k <= 1 || count >= ALWAYS) return count;
  return hashUnits(chunk, 0, chunk.length) % k === 0 ? count * k : 0;
}

/** By id, the largest share of any corpus's tokens the piece takes (the base encoding each
 * corpus's chunks; of a corpus with more than USAGE_CHUNKS distinct chunks, the frequent ones and a
 * deterministic sample of the rest), and the scripts the corpora show (every chunk). */
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
      const w = usageWeight(chunk, count, chunks.distinct);
      if (w > 0)
        for (const id of alphabet.encode(chunk)) {
          if (id < size) uses[id] = uses[id]! + w;
          total += w;
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
