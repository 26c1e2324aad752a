// Exact counting in bounded memory: chunks go into a ChunkTable; when it reaches its byte limit,
// its entries are appended to hash partitions on disk and the table starts afresh. At the end,
// each partition is summed on its own (a partition holds about 1/PARTITIONS of the distinct
// chunks), so no sort and no second copy of the whole table is ever needed in memory.
import fs from 'node:fs';
import { Pacer } from '../progress.js';
import { ChunkTable, hashUnits } from './chunk-table.js';
import { PARTITIONS, RecordWriter, SpillDir, checkTmpDir, partitionOf, readRecords } from './spill.js';
/** Writes every entry of `t` to its partition. */
function writeTable(t, w) {
    for (let e = 0; e < t.size; e++)
        w.add(partitionOf(t.hashes[e]), t.units(e), t.counts[e]);
}
function sumCounts(t) {
    let n = 0;
    for (let e = 0; e < t.size; e++)
        n += t.counts[e];
    return n;
}
/** Chunks summed into partition files, one record per distinct chunk. */
class DiskChunkSet {
    spill;
    distinct;
    occurrences;
    spilledBytes;
    tableBytes = 0;
    constructor(spill, distinct, occurrences, spilledBytes) {
        this.spill = spill;
        this.distinct = distinct;
        this.occurrences = occurrences;
        this.spilledBytes = spilledBytes;
    }
    async forEach(fn, signal) {
        const pacer = new Pacer(signal);
        for (let p = 0; p < PARTITIONS; p++) {
            await pacer.pace();
            readRecords(this.spill.file('part', p), fn);
        }
    }
    release() { }
    dispose() {
        this.spill.dispose();
    }
}
/** Chunks still in the counting table; `release` moves them to disk. */
class MemoryChunkSet {
    table;
    opts;
    distinct;
    occurrences;
    spilledBytes = 0;
    disk;
    constructor(table, opts) {
        this.table = table;
        this.opts = opts;
        this.distinct = table.size;
        this.occurrences = sumCounts(table);
    }
    get tableBytes() {
        return this.table?.bytes ?? 0;
    }
    async forEach(fn, signal) {
        if (this.disk)
            return this.disk.forEach(fn, signal);
        const t = this.table;
        const pacer = new Pacer(signal);
        for (let e = 0; e < t.size; e++) {
            if ((e & 4095) === 0)
                await pacer.pace();
            fn(t.key(e), t.counts[e]);
        }
    }
    release() {
        if (!this.table)
            return;
        const spill = new SpillDir(this.opts.tmpDir, this.opts.onNote);
        const t = this.table;
        spill.guard(() => {
            const w = spill.writers('part');
            writeTable(t, w);
            w.done();
        });
        this.disk = new DiskChunkSet(spill, this.distinct, this.occurrences, spill.written);
        this.table = undefined;
    }
    dispose() {
        this.table = undefined;
        this.disk?.dispose();
    }
}
/** The counting side: add chunks, then `finish()` for a ChunkSet. */
export class ChunkStore {
    opts;
    table;
    spillDir;
    spills = 0;
    /** The error that stopped a spill (a full disk, no permission), whatever a caller wrapped it in. */
    failure;
    /** Checks `opts.tmpDir` (if given) before any chunk is counted. */
    constructor(opts) {
        this.opts = opts;
        if (opts.tmpDir !== undefined)
            checkTmpDir(opts.tmpDir);
        this.table = this.newTable();
    }
    /** A fresh table, starting small when the limit is small. */
    newTable() {
        return new ChunkTable(Math.max(64, Math.min(1 << 12, Math.floor(this.opts.limitBytes / 1024))), this.opts.limitBytes);
    }
    /** Adds `count` to chunk [start, end) of `s`. */
    add(s, start, end, count) {
        const h = hashUnits(s, start, end);
        if (this.table.add(s, start, end, count, h))
            return;
        this.spill();
        this.table.add(s, start, end, count, h);
    }
    /** Adds a whole string (count files). */
    addChunk(chunk, count) {
        this.add(chunk, 0, chunk.length, count);
    }
    /** Bytes in memory now. */
    get bytes() {
        return this.table.bytes;
    }
    /** Appends the table's entries to the raw partitions and empties it. */
    spill() {
        try {
            const spill = (this.spillDir ??= new SpillDir(this.opts.tmpDir, this.opts.onNote));
            spill.guard(() => {
                const w = spill.writers('raw');
                writeTable(this.table, w);
                w.done();
            });
        }
        catch (e) {
            this.failure ??= e;
            throw e;
        }
        this.spills++;
        this.table = this.newTable();
    }
    /** Ends counting. After a spill, each partition is summed on its own into a compacted file. */
    async finish(signal) {
        const spill = this.spillDir;
        if (!spill)
            return new MemoryChunkSet(this.table, this.opts);
        this.spill();
        this.table = new ChunkTable();
        const pacer = new Pacer(signal);
        let distinct = 0;
        let occurrences = 0;
        try {
            for (let p = 0; p < PARTITIONS; p++) {
                await pacer.pace();
                const t = new ChunkTable();
                readRecords(spill.file('raw', p), (chunk, count) => t.add(chunk, 0, chunk.length, count));
                spill.guard(() => {
                    const fd = fs.openSync(spill.file('part', p), 'w');
                    try {
                        const w = new RecordWriter(fd, (n) => spill.charge(n));
                        for (let e = 0; e < t.size; e++)
                            w.add(t.units(e), t.counts[e]);
                        w.flush();
                    }
                    finally {
                        fs.closeSync(fd);
                    }
                });
                fs.rmSync(spill.file('raw', p));
                distinct += t.size;
                occurrences += sumCounts(t);
            }
        }
        catch (e) {
            spill.dispose();
            throw e;
        }
        return new DiskChunkSet(spill, distinct, occurrences, spill.written);
    }
    /** Removes spill files of an unfinished count (an error, an interruption). */
    dispose() {
        this.spillDir?.dispose();
    }
}
//# sourceMappingURL=chunk-store.js.map