// Deterministic reduction of the training chunks to a memory budget: the rarest chunks go first,
// and among chunks of the same count those whose hash is lowest, so the choice never depends on
// reading order or on how the corpus was sharded. What is left out is accounted for exactly.
/** Count classes: exact below 1,024, then one class per power of two. */
const EXACT = 1024;
const CLASSES = EXACT + 64;
/** Hash buckets within a class: the finest step of a cut is 1/256 of one class. */
const BUCKET_BITS = 8;
const BUCKETS = 1 << BUCKET_BITS;
const classOf = (count) => (count < EXACT ? Math.floor(count) : EXACT + Math.floor(Math.log2(count / EXACT)));
const bucketOf = (hash) => hash >>> (32 - BUCKET_BITS);
/** The cut in words: which chunks were left out. */
function describeCut(cut) {
    const seen = (c) => (c === 0 ? 'less than once (weighted)' : c === 1 ? 'once' : `${c} times`);
    const part = cut.bucket > 0 ? `${cut.bucket}/${BUCKETS} (by hash) of the chunks seen ${seen(cut.cls)}` : '';
    const all = cut.cls > 1 ? `every chunk seen fewer than ${cut.cls} times` : '';
    return `left out: ${[all, part].filter(Boolean).join(', and ')}`;
}
/** Histogram of chunk counts × hash buckets: chunks, characters, occurrences and estimated bytes. */
export class ReductionHistogram {
    chunks = new Float64Array(CLASSES * BUCKETS);
    chars = new Float64Array(CLASSES * BUCKETS);
    occurrences = new Float64Array(CLASSES * BUCKETS);
    bytes = new Float64Array(CLASSES * BUCKETS);
    units = new Float64Array(CLASSES * BUCKETS);
    /** Records a chunk of `units` code units, weighted `count`, whose words need about `bytes`. */
    add(count, hash, units, bytes) {
        const i = classOf(count) * BUCKETS + bucketOf(hash);
        this.chunks[i] += 1;
        this.chars[i] += units * count;
        this.occurrences[i] += count;
        this.bytes[i] += bytes;
        this.units[i] += units;
    }
    /** The smallest cut after which the kept chunks need at most `budget` bytes (null: everything fits). */
    plan(budget) {
        const total = (a) => a.reduce((s, x) => s + x, 0);
        const needed = total(this.bytes);
        const allChars = total(this.chars);
        const none = {
            budget_bytes: budget,
            needed_bytes: Math.round(needed),
            kept_chunks: total(this.chunks),
            dropped_chunks: 0,
            dropped_occurrences: 0,
            dropped_char_share: 0,
            rule: 'none: every chunk fits',
        };
        if (needed <= budget)
            return { cut: null, reduction: none, keptUnits: total(this.units) };
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
            bytes -= this.bytes[i];
            chunks += this.chunks[i];
            chars += this.chars[i];
            occ += this.occurrences[i];
            units -= this.units[i];
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
/** True if a chunk of this count and hash is kept under `cut`. */
export function kept(cut, count, hash) {
    if (!cut)
        return true;
    const c = classOf(count);
    return c > cut.cls || (c === cut.cls && bucketOf(hash) >= cut.bucket);
}
//# sourceMappingURL=reduce.js.map