// Big JSON artefacts (a 262k-token tokenizer.json is 33 MB) written piece by piece: the same
// bytes as JSON.stringify(value, null, 2) + '\n', but serialised entry by entry into a temporary
// file, checking the abort signal and yielding to the event loop as it goes, so that Ctrl-C is
// noticed within a few tens of milliseconds instead of after one long uninterruptible call.
import fs from 'node:fs';
import { writeFileVia } from '../io/atomic.js';
/** Values with more nodes than this (all levels) are serialised entry by entry. */
const SMALL_NODES = 512;
/** Bytes (UTF-16 units) gathered before they are written out. */
const FLUSH_AT = 1 << 20;
/** Collects text, writes it to `fd` in large blocks and paces between entries. */
class Sink {
    fd;
    pacer;
    parts = [];
    size = 0;
    entries = 0;
    constructor(fd, pacer) {
        this.fd = fd;
        this.pacer = pacer;
    }
    push(s) {
        this.parts.push(s);
        this.size += s.length;
    }
    /** Called after each entry of a big container: flushes when full, paces every few hundred. */
    async entry() {
        if (this.size >= FLUSH_AT)
            this.flush();
        if (++this.entries % 256 === 0)
            await this.pacer.pace();
    }
    flush() {
        if (this.parts.length > 0)
            fs.writeSync(this.fd, this.parts.join(''));
        this.parts = [];
        this.size = 0;
    }
}
/** A small value as JSON.stringify(v, null, 2) would write it at `indent`. */
const small = (v, indent) => JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`);
/** Nodes of `v` (itself and everything inside), counted up to `limit` (a larger count returns `limit + 1`). */
function nodes(v, limit) {
    if (v === null || typeof v !== 'object')
        return 1;
    let n = 1;
    const o = v;
    for (const k in o) {
        // no array of all values: a big container is told after `limit` of them
        n += nodes(o[k], limit - n);
        if (n > limit)
            return limit + 1;
    }
    return n;
}
/** Writes `v` (plain JSON data: objects, arrays, strings, numbers, booleans, null) at `indent`. */
async function put(v, indent, sink) {
    if (nodes(v, SMALL_NODES) <= SMALL_NODES) {
        sink.push(small(v, indent));
        return;
    }
    const isArray = Array.isArray(v);
    const o = v;
    const keys = isArray ? undefined : Object.keys(o).filter((k) => o[k] !== undefined && typeof o[k] !== 'function');
    const n = isArray ? v.length : keys.length;
    const inner = indent + '  ';
    sink.push(isArray ? '[' : '{');
    for (let k = 0; k < n; k++) {
        const x = isArray ? v[k] : o[keys[k]];
        sink.push(`${k === 0 ? '' : ','}\n${inner}${isArray ? '' : `${JSON.stringify(keys[k])}: `}`);
        if (x === undefined || typeof x === 'function')
            sink.push('null'); // only in arrays: object keys with these are left out
        else
            await put(x, inner, sink);
        await sink.entry();
    }
    sink.push(`\n${indent}${isArray ? ']' : '}'}`);
}
/** Writes `value` as JSON (2-space indent, trailing newline) to `file` through a temporary name,
 * pacing between entries; an abort leaves no file and no temporary. */
export async function writeJsonPaced(file, value, pacer) {
    await writeFileVia(file, async (tmp) => {
        const fd = fs.openSync(tmp, 'w');
        try {
            const sink = new Sink(fd, pacer);
            await put(value, '', sink);
            sink.push('\n');
            sink.flush();
        }
        finally {
            fs.closeSync(fd);
        }
    });
}
//# sourceMappingURL=json-file.js.map