// Spill files: records (u32 length, UTF-16 code units, f64 count) appended to hash partitions
// in a temporary directory, removed when done, failed, or interrupted. The directory's name
// carries the owner's pid and host, so a later run on the same host removes what a killed one
// (SIGKILL, OOM) left, and never what a live run on another node of a shared --tmp-dir writes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutputError, asOutputError } from '../errors.js';
import { checkCanCreate, removeLeftovers, trackTemp } from '../io/atomic.js';
/** Number of hash partitions a spill is split into. */
export const PARTITIONS = 128;
const PARTITION_BITS = 7;
const WRITE_BUFFER = 1 << 16;
const HOST = crypto.createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
const SPILL_NAME = /^tokext-spill-(\d+)-([0-9a-f]{8})[A-Za-z0-9]{6}$/;
/** The start of the names of the spill directories of process `pid` on this host: the pid, a hash
 * of the host name (8 hex digits), then mkdtemp's 6 random characters. */
export const spillPrefix = (pid) => `tokext-spill-${pid}-${HOST}`;
/** Appends records (u32 length, UTF-16 code units, f64 count) to a file through a buffer. */
export class RecordWriter {
    fd;
    onWrite;
    buf = Buffer.alloc(WRITE_BUFFER);
    at = 0;
    written = 0;
    constructor(fd, onWrite) {
        this.fd = fd;
        this.onWrite = onWrite;
    }
    add(units, count) {
        const need = 12 + 2 * units.length;
        if (this.at + need > this.buf.length)
            this.flush();
        if (need > this.buf.length)
            this.buf = Buffer.alloc(need);
        this.buf.writeUInt32LE(units.length, this.at);
        Buffer.from(units.buffer, units.byteOffset, units.byteLength).copy(this.buf, this.at + 4);
        this.buf.writeDoubleLE(count, this.at + 4 + 2 * units.length);
        this.at += need;
    }
    flush() {
        if (this.at === 0)
            return;
        this.onWrite(this.at);
        fs.writeSync(this.fd, this.buf, 0, this.at);
        this.written += this.at;
        this.at = 0;
    }
}
/** Streams the records of a file to fn (key as string, count). */
export function readRecords(file, fn) {
    const fd = fs.openSync(file, 'r');
    try {
        let buf = Buffer.alloc(1 << 22);
        let have = 0;
        for (;;) {
            if (have === buf.length) {
                const g = Buffer.alloc(buf.length * 2);
                buf.copy(g, 0, 0, have);
                buf = g;
            }
            const n = fs.readSync(fd, buf, have, buf.length - have, null);
            have += n;
            let at = 0;
            while (at + 4 <= have) {
                const len = buf.readUInt32LE(at);
                const end = at + 4 + 2 * len + 8;
                if (end > have)
                    break;
                fn(buf.toString('utf16le', at + 4, at + 4 + 2 * len), buf.readDoubleLE(at + 4 + 2 * len));
                at = end;
            }
            buf.copy(buf, 0, at, have);
            have -= at;
            if (n === 0) {
                if (have !== 0)
                    throw new OutputError('spill file ends inside a record', file);
                return;
            }
        }
    }
    finally {
        fs.closeSync(fd);
    }
}
/** Test hook: spill writes fail with ENOSPC after this many bytes (TOKEXT_TEST_SPILL_LIMIT). */
function diskLimit() {
    const v = Number(process.env.TOKEXT_TEST_SPILL_LIMIT);
    return Number.isFinite(v) && v >= 0 ? v : Infinity;
}
/**
 * Checks, before any work, that `dir` can take spill files: it exists, is a directory, and a
 * file can be created (and is removed) in it. Throws OutputError naming `dir`.
 */
export function checkTmpDir(dir) {
    let st;
    try {
        st = fs.statSync(dir);
    }
    catch (e) {
        throw asOutputError(e, dir, 'cannot use as the temporary directory');
    }
    if (!st.isDirectory())
        throw new OutputError('the temporary directory is a file, not a directory', dir, 'pass --tmp-dir a directory');
    checkCanCreate(path.join(dir, `${spillPrefix(process.pid)}-probe`), dir, 'cannot create files in the temporary directory');
}
/** Removes the spill directories in `dir` of this host's processes that no longer run; returns
 * their paths (one this user may not remove, another user's in a shared /tmp, is left alone). */
export function removeStaleSpills(dir) {
    return removeLeftovers(dir, (name) => {
        const m = SPILL_NAME.exec(name);
        return m?.[2] === HOST ? Number(m[1]) : undefined;
    });
}
/** A spill directory of PARTITIONS files, written through buffers, removed by `dispose`. */
export class SpillDir {
    dir;
    written = 0;
    limit = diskLimit();
    /** Creates the directory in `tmpDir` (default: the OS's), first removing dead runs' spill
     * directories there and telling `onNote` about each. */
    constructor(tmpDir, onNote) {
        const base = tmpDir ?? os.tmpdir();
        for (const p of removeStaleSpills(base))
            onNote?.(`removed ${p}, the spill directory of an earlier run that did not finish`);
        try {
            this.dir = fs.mkdtempSync(path.join(base, spillPrefix(process.pid)));
        }
        catch (e) {
            throw asOutputError(e, base, 'cannot create a spill directory');
        }
        trackTemp(this.dir, true);
    }
    file(kind, p) {
        return path.join(this.dir, `${kind}-${p}`);
    }
    /** Opens one writer per partition (appending); `done` flushes and closes them all. */
    writers(kind) {
        const fds = Array.from({ length: PARTITIONS }, (_, p) => fs.openSync(this.file(kind, p), 'a'));
        const ws = fds.map((fd) => new RecordWriter(fd, (n) => this.charge(n)));
        return {
            add: (p, units, count) => ws[p].add(units, count),
            done: () => {
                try {
                    for (const w of ws)
                        w.flush();
                }
                finally {
                    for (const fd of fds)
                        fs.closeSync(fd);
                }
            },
        };
    }
    /** Counts bytes written (and fails past the test hook's limit). */
    charge(n) {
        this.written += n;
        if (this.written > this.limit)
            throw Object.assign(new Error('no space left on device (test limit)'), { code: 'ENOSPC' });
    }
    /** Runs fn, turning a write failure into an OutputError and removing the directory. */
    guard(fn) {
        try {
            return fn();
        }
        catch (e) {
            this.dispose();
            throw asOutputError(e, this.dir, 'cannot spill counts to disk');
        }
    }
    dispose() {
        fs.rmSync(this.dir, { recursive: true, force: true });
        trackTemp(this.dir, false);
    }
}
/** The partition of a chunk hash. */
export const partitionOf = (hash) => hash >>> (32 - PARTITION_BITS);
//# sourceMappingURL=spill.js.map