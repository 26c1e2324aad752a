import { hashUnits } from '../corpus/chunk-table.js';
import { kept as keeps, ReductionHistogram } from './reduce.js';
/** Estimated trainer bytes for a chunk of `units` code units: its symbols, its pair index
 * entries and the per-word arrays. */
export const wordBytes = (units) => 8 * units + 48;
/** Counts characters of every chunk and sizes of the ones `trains` accepts. */
export async function scanChunks(chunks, trains, signal) {
    const charCounts = new Float64Array(0x110000);
    const histogram = new ReductionHistogram();
    await chunks.forEach((chunk, count) => {
        for (let i = 0; i < chunk.length; i++) {
            const cp = chunk.codePointAt(i);
            if (cp > 0xffff)
                i++;
            if (cp !== 0x2581)
                charCounts[cp] += count;
        }
        if (!trains(chunk))
            return;
        histogram.add(count, hashUnits(chunk, 0, chunk.length), chunk.length, wordBytes(chunk.length));
    }, signal);
    return { charCounts, histogram };
}
/** Appends words to typed arrays, growing the per-word ones by half as needed. */
class WordsBuilder {
    pool;
    poolLen = 0;
    spans;
    counts;
    n = 0;
    /** @param poolSize symbols expected (an upper bound); @param words words expected (a guess) */
    constructor(poolSize, words) {
        this.pool = new Int32Array(Math.max(16, poolSize));
        const cap = Math.max(1 << 10, words);
        this.spans = new Int32Array(2 * cap);
        this.counts = new Float64Array(cap);
    }
    add(syms, count) {
        if (this.n === this.counts.length) {
            const size = Math.ceil(this.n * 1.25);
            const grow = (a, b) => {
                b.set(a);
                return b;
            };
            this.spans = grow(this.spans, new Int32Array(2 * size));
            this.counts = grow(this.counts, new Float64Array(size));
        }
        if (this.poolLen + syms.length > this.pool.length) {
            const g = new Int32Array(Math.max(this.pool.length * 2, this.poolLen + syms.length));
            g.set(this.pool);
            this.pool = g;
        }
        this.spans[2 * this.n] = this.poolLen;
        this.spans[2 * this.n + 1] = syms.length;
        this.counts[this.n] = count;
        this.pool.set(syms, this.poolLen);
        this.poolLen += syms.length;
        this.n++;
    }
    finish() {
        return { pool: this.pool, spans: this.spans, counts: this.counts, n: this.n };
    }
}
/** The base segmentation of every kept chunk into words of two or more symbols. `units` (code units of the kept
 * chunks) bounds the symbols, so the pool is allocated once. */
export async function buildWords(chunks, enc, trains, kept, signal, onChunk) {
    const b = new WordsBuilder(kept.units, kept.chunks);
    let done = 0;
    await chunks.forEach((chunk, count) => {
        if ((++done & 65535) === 0)
            onChunk?.(done);
        if (!trains(chunk) || !keeps(kept.cut, count, hashUnits(chunk, 0, chunk.length)))
            return;
        enc.segment(chunk, (seg) => b.add(seg, count));
    }, signal);
    return b.finish();
}
//# sourceMappingURL=words.js.map