// One guard for every output a run writes, file or directory: never one of the run's inputs nor
// inside an input directory, never an existing file tokext did not write unless --force, always
// written via a temporary name and a rename; temporaries that dead runs left beside it are removed.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { checkWritableFile, removeStaleTemps, writeFileAtomic, writeFileVia } from './atomic.js';
/** A store's file and the files SQLite keeps beside it: all inputs of a run that reads the store. */
export function storePaths(db) {
    return [db, `${db}-wal`, `${db}-shm`, `${db}-journal`];
}
/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
export function realish(p) {
    const abs = path.resolve(p);
    try {
        return fs.realpathSync(abs);
    }
    catch {
        const parent = path.dirname(abs);
        return parent === abs ? abs : path.join(realish(parent), path.basename(abs));
    }
}
/** True if `child` is `dir` or inside it (both real paths). */
export const within = (child, dir) => child === dir || child.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
const isDir = (p) => {
    try {
        return fs.statSync(p).isDirectory();
    }
    catch {
        return false;
    }
};
/** Refuses an output that is one of `inputs`, lies inside an input directory (it would overwrite,
 * or add to, what the run reads) or holds an input (a directory output replaced by --force). */
export function checkNotAnInput(out, rules) {
    const real = realish(out);
    const flag = rules.flag ?? '--out';
    for (const input of rules.inputs) {
        const r = realish(input);
        if (real === r)
            throw new UsageError(`${flag} ${out} is an input of this run (${input}); it would be overwritten`, `choose another ${flag}`);
        if (isDir(r) && within(real, r)) {
            throw new UsageError(`${flag} ${out} is inside ${input}, an input of this run; writing there would change what it reads`, `choose another ${flag}`);
        }
        if (within(r, real))
            throw new UsageError(`${flag} ${out} contains ${input}, an input of this run`, `choose another ${flag}`);
    }
}
const HEAD_BYTES = 512;
const TAIL_BYTES = 1 << 16;
/** Reads up to `n` bytes of `fd` at `pos`. */
function readAt(fd, n, pos) {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, fs.readSync(fd, buf, 0, n, pos));
}
/** How tokext marks what it writes: a JSON file's leading `"format": "tokext.…"`, an HTML
 * report's generator meta tag, a count shard's Parquet metadata, a GGUF file's first key. */
const MARKERS = [
    { test: (head) => /^\{\s*"format":\s*"tokext\./.test(head) },
    { test: (head) => /^<!doctype html>/i.test(head) && head.includes(GENERATOR_META) },
    { test: (head, tail) => head.startsWith('PAR1') && tail().includes('"format":"tokext.') },
    { test: (head) => head.startsWith('GGUF') && head.includes(GGUF_MARK) },
];
/** The value of the first key of every GGUF file tokext writes (its `tokext.format`). */
export const GGUF_MARK = 'tokext.gguf/1';
/** The tag every HTML report of tokext carries in its head. */
export const GENERATOR_META = '<meta name="generator" content="tokext">';
/** True if `file` is a file tokext wrote (see MARKERS). */
export function isTokextFile(file) {
    let fd;
    try {
        fd = fs.openSync(file, 'r');
    }
    catch {
        return false;
    }
    try {
        const st = fs.fstatSync(fd);
        if (!st.isFile())
            return false;
        const size = st.size;
        const head = readAt(fd, HEAD_BYTES, 0).toString('latin1');
        const tail = () => readAt(fd, Math.min(TAIL_BYTES, size), Math.max(0, size - TAIL_BYTES)).toString('latin1');
        return MARKERS.some((m) => m.test(head, tail));
    }
    finally {
        fs.closeSync(fd);
    }
}
/** Refuses an existing file tokext did not write, unless `force`. */
function checkReplaceableFile(file, rules) {
    if (!fs.existsSync(file) || rules.force || isTokextFile(file))
        return;
    const flag = rules.flag ?? '--out';
    throw new UsageError(`${flag} ${file} exists and tokext did not write it`, `choose another ${flag}, or pass --force to replace it`);
}
/** A file output, checked before any work; `write`/`writeVia` check again and rename into place. */
export class OutputFile {
    path;
    rules;
    /** Temporaries of dead runs for this output, removed when it was claimed. */
    removedStale;
    constructor(path, rules) {
        this.path = path;
        this.rules = rules;
        this.check();
        this.removedStale = removeStaleTemps(path);
        for (const p of this.removedStale)
            rules.onNote?.(`removed ${p}, a temporary file of an earlier run that did not finish`);
    }
    check() {
        checkNotAnInput(this.path, this.rules);
        checkWritableFile(this.path);
        checkReplaceableFile(this.path, this.rules);
    }
    /** Writes the whole file. */
    write(data) {
        this.check();
        writeFileAtomic(this.path, data);
    }
    /** Writes the file by letting `fill` write a temporary path (a streaming writer). */
    async writeVia(fill) {
        this.check();
        await writeFileVia(this.path, fill);
    }
}
/** Checks, before any work, that `file` may be written by this run: the one entry for file outputs. */
export function claimOutputFile(file, rules) {
    if (typeof file !== 'string' || file === '')
        throw new UsageError(`${rules.flag ?? '--out'} needs a file path`);
    return new OutputFile(file, rules);
}
//# sourceMappingURL=output.js.map