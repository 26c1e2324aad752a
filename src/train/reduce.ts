// Deterministic reduction of the training chunks to a memory budget: the rarest chunks go first,
// and among chunks of the same count those whose hash is lowest, so the choice never depends on
// reading order or on how the corpus was sharded. What is left out is accounted for exactly.
import { hashUnits } from '../corpus/chunk-table.js';

/** Count classes: exact below 1,024, then one class per power of two. */
const EXACT = 1024;
const CLASSES = EXACT + 64;
/** Hash buckets within a class: the finest step of a cut is 1/256 of one class. */
const BUCKET_BITS = 8;
const BUCKETS = 1 << BUCKET_BITS;

const classOf = (count: number) => (count < EXACT ? Math.floor(count) : EXACT + Math.floor(Math.log2(count / EXACT)));
const bucketOf = (hash: number) => hash >>> (32 - BUCKET_BITS);

/** Where the cut falls: chunks in classes below `cls`, and in class `cls` with bucket below `bucket`, are left out. */
export interface Cut {
  cls: number;
  bucket: number;
}

/** What a reduction left out (all zero when nothing was). */
export interface Reduction {
  budget_bytes: number; // what the trainer's words may use
  needed_bytes: number; // what all chunks would have needed
  kept_chunks: number;
  dropped_chunks: number;
  dropped_occurrences: number; // weighted
  dropped_char_share: number; // share of the training characters (weighted) left out
  rule: string;
}

/** The cut in words: which chunks were left out. */
function describeCut(cut: Cut): string {
  const seen = (c: number) => (c === 0 ? 'less than once (weighted)' : c === 1 ? 'once' : `${c} times`);
  const part = cut.bucket > 0 ? `${cut.bucket}/${BUCKETS} (by hash) of the chunks seen ${seen(cut.cls)}` : '';
  const all = cut.cls > 1 ? `every chunk seen fewer than ${cut.cls} times` : '';
  return `left out: ${[all, part].filter(Boolean).join(', and ')}`;
}

/** Histogram of chunk counts × hash buckets: chunks, characters, occurrences and estimated bytes. */
export class ReductionHistogram {
  private readonly chunks = new Float64Array(CLASSES * BUCKETS);
  private readonly chars = new Float64Array(CLASSES * BUCKETS);
  private readonly occurrences = new Float64Array(CLASSES * BUCKETS);
  private readonly bytes = new Float64Array(CLASSES * BUCKETS);
  private readonly units = new Float64Array(CLASSES * BUCKETS);

  /** Records a chunk of `units` code units, weighted `count`, whose words need about `bytes`. */
  add(count: number, hash: number, units: number, bytes: number): void {
    const i = classOf(count) * BUCKETS + bucketOf(hash);
    this.chunks[i]! += 1;
    this.chars[i]! += units * count;
    this.occurrences[i]! += count;
    this.bytes[i]! += bytes;
    this.units[i]! += units;
  }

  /** The smallest cut after which the kept chunks need at most `budget` bytes (null: everything fits). */
  plan(budget: number): { cut: Cut | null; reduction: Reduction; keptUnits: number } {
    const total = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    const needed = total(this.bytes);
    const allChars = total(this.chars);
    const none: Reduction = {
      budget_bytes: budget,
      needed_bytes: Math.round(needed),
      kept_chunks: total(this.chunks),
      dropped_chunks: 0,
      dropped_occurrences: 0,
      dropped_char_share: 0,
      rule: 'none: every chunk fits',
    };
    if (needed <= budget) return { cut: null, reduction: none, keptUnits: total(this.units) };
    let bytes = needed;
    let units = total(this.units);
    let chunks = 0;
    let chars = 0;
    let occ = 0;
    for (let i = 0; i < CLASSES * BUCKETS; i++) {
      if (bytes <= budget) {
        const cut = { cls: Math.floor(i / BUCKETS), bucket: i % BUCKETS };
        return {
          cut,
          keptUnits: units,
          reduction: {
            budget_bytes: budget,
            needed_bytes: Math.round(needed),
            kept_chunks: total(this.chunks) - chunks,
            dropped_chunks: chunks,
            dropped_occurrences: occ,
            dropped_char_share: allChars > 0 ? Number((chars / allChars).toFixed(6)) : 0,
            rule: describeCut(cut),
          },
        };
      }
      bytes -= this.bytes[i]!;
      chunks += this.chunks[i]!;
      chars += this.chars[i]!;
      occ += this.occurrences[i]!;
      units -= this.units[i]!;
    }
    return {
      cut: { cls: CLASSES, bucket: 0 },
      keptUnits: 0,
      reduction: {
        ...none,
        kept_chunks: 0,
        dropped_chunks: chunks,
        dropped_occurrences: occ,
        dropped_char_share: 1,
        rule: 'every chunk was left out',
      },
    };
  }
}

/** True if `chunk`, counting `count`, is kept under `cut` (its hash is computed only when the cut
 * needs it: most builds leave nothing out). */
export function kept(cut: Cut | null, count: number, chunk: string): boolean {
  if (!cut) return true;
  const c = classOf(count);
  return c > cut.cls || (c === cut.cls && bucketOf(hashUnits(chunk, 0, chunk.length)) >= cut.bucket);
}
