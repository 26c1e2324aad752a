// The safetensors container: 8-byte little-endian header length, a JSON header of tensors
// (dtype, shape, data_offsets relative to the data start), then the data. Every header is checked
// as the reference reader checks it before any byte is used: tensors laid end to end from 0 in
// offset order, each one's byte range its shape times its dtype's width, the last one ending at
// the end of the file.
import fs from 'node:fs';
import { promisify } from 'node:util';
import { InputError } from '../errors.js';
/** The reference reader's limit on the header's length. */
export const MAX_HEADER_BYTES = 100_000_000;
/** Bits per element of every dtype the format defines (sub-byte ones packed). */
export const DTYPE_BITS = {
    BOOL: 8,
    U8: 8,
    I8: 8,
    F8_E5M2: 8,
    F8_E4M3: 8,
    F8_E8M0: 8,
    F4: 4,
    F6_E2M3: 6,
    F6_E3M2: 6,
    I16: 16,
    U16: 16,
    F16: 16,
    BF16: 16,
    I32: 32,
    U32: 32,
    F32: 32,
    F64: 64,
    I64: 64,
    U64: 64,
    C64: 64,
};
/** The hint of every error about a file's structure. */
const DAMAGED = 'the file is damaged or not a safetensors file; download or convert it again';
/** Bytes moved between two checks of the abort signal (reads, writes, copies). */
const CHUNK_BYTES = 1 << 22;
/** Bytes written between two flushes to disk, so that the final one (and an interruption) never waits on much. */
const SYNC_BYTES = 1 << 25;
/** The header's length from the first 8 bytes, checked against the file's size and the reference limit. */
function headerLength(fd, file, size) {
    const lenBuf = Buffer.alloc(8);
    if (fs.readSync(fd, lenBuf, 0, 8, 0) < 8)
        throw new InputError(`truncated safetensors file (${size} bytes, no header length)`, file);
    const len = lenBuf.readBigUInt64LE(0);
    if (len < 2n || len > BigInt(MAX_HEADER_BYTES) || 8n + len > BigInt(size)) {
        const why = `header length ${len}, file ${size} bytes, at most ${MAX_HEADER_BYTES}`;
        throw new InputError(`truncated or invalid safetensors file (${why})`, file, undefined, DAMAGED);
    }
    return Number(len);
}
/** The header's JSON object. */
function headerJson(fd, file, len) {
    const hb = Buffer.alloc(len);
    if (fs.readSync(fd, hb, 0, len, 8) < len)
        throw new InputError('truncated safetensors header', file);
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(hb);
    }
    catch {
        throw new InputError('safetensors header is not UTF-8', file);
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw new InputError(`safetensors header is not JSON (${e.message})`, file);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new InputError('safetensors header is not a JSON object', file, undefined, DAMAGED);
    }
    return json;
}
const isCount = (x) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
/** One tensor entry, checked on its own: a known dtype, a shape of counts, a byte range the size of the shape. */
function tensorEntry(name, v, file) {
    const bad = (why) => new InputError(`tensor '${name}': ${why}`, file, undefined, DAMAGED);
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw bad('entry is not an object');
    const t = v;
    if (typeof t.dtype !== 'string' || DTYPE_BITS[t.dtype] === undefined)
        throw bad(`unknown dtype ${JSON.stringify(t.dtype)}`);
    if (!Array.isArray(t.shape) || !t.shape.every(isCount))
        throw bad(`shape ${JSON.stringify(t.shape)} is not a list of whole numbers`);
    const offsets = t.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
        throw bad(`data_offsets ${JSON.stringify(offsets)} is not [begin, end]`);
    }
    const [begin, end] = offsets;
    if (end < begin)
        throw bad(`data_offsets [${begin}, ${end}] end before they begin`);
    let bits = DTYPE_BITS[t.dtype];
    for (const d of t.shape) {
        bits *= d;
        if (!Number.isSafeInteger(bits))
            throw bad(`shape [${t.shape.join(',')}] is too large`);
    }
    if (bits % 8 !== 0 || bits / 8 !== end - begin) {
        throw bad(`shape [${t.shape.join(',')}] of ${t.dtype} takes ${bits / 8} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`);
    }
    return { dtype: t.dtype, shape: t.shape, data_offsets: [begin, end] };
}
/** The __metadata__ entry: a map of strings. */
function metadataEntry(v, file) {
    if (typeof v !== 'object' ||
        v === null ||
        Array.isArray(v) ||
        !Object.values(v).every((x) => typeof x === 'string')) {
        throw new InputError('safetensors __metadata__ is not a map of strings', file);
    }
    return v;
}
/** Tensors in offset order must lie end to end from 0 to the end of the file (no gap, no overlap). */
function checkLayout(tensors, file, dataBytes) {
    const byOffset = ([, a], [, b]) => a.data_offsets[0] - b.data_offsets[0] || a.data_offsets[1] - b.data_offsets[1];
    const ordered = [...tensors.entries()].sort(byOffset);
    let at = 0;
    for (const [name, t] of ordered) {
        const [begin, end] = t.data_offsets;
        if (begin !== at) {
            const what = begin < at ? `overlaps the tensor before it (which ends at ${at})` : `leaves a gap after byte ${at}`;
            throw new InputError(`tensor '${name}': data_offsets [${begin}, ${end}] ${what}`, file, undefined, DAMAGED);
        }
        if (end > dataBytes) {
            const why = `tensor '${name}' ends at data byte ${end}, the file holds ${dataBytes} data bytes`;
            throw new InputError(`truncated safetensors file: ${why}`, file, undefined, DAMAGED);
        }
        at = end;
    }
    if (at !== dataBytes) {
        const why = `${dataBytes - at} bytes after its last tensor (data ends at ${at} of ${dataBytes})`;
        throw new InputError(`safetensors file has ${why}`, file, undefined, DAMAGED);
    }
}
/** Reads and validates the header of a safetensors file. */
export function readHeader(file) {
    if (!fs.existsSync(file))
        throw new InputError('safetensors file not found', file);
    if (!fs.statSync(file).isFile())
        throw new InputError('is not a file', file, undefined, 'point --model at a directory of .safetensors files');
    const size = fs.statSync(file).size;
    let fd;
    try {
        fd = fs.openSync(file, 'r');
    }
    catch (e) {
        throw new InputError(`cannot read (${e.code ?? e.message})`, file);
    }
    try {
        const len = headerLength(fd, file, size);
        const json = headerJson(fd, file, len);
        const tensors = new Map();
        let metadata;
        for (const [name, v] of Object.entries(json)) {
            if (name === '__metadata__')
                metadata = metadataEntry(v, file);
            else
                tensors.set(name, tensorEntry(name, v, file));
        }
        checkLayout(tensors, file, size - 8 - len);
        return { file, dataStart: 8 + len, tensors, metadata };
    }
    finally {
        fs.closeSync(fd);
    }
}
/** Serialises a header whose tensors are laid out in the given order; returns the bytes. */
export function headerBytes(entries, metadata) {
    const obj = {};
    if (metadata)
        obj.__metadata__ = metadata;
    for (const [name, t] of entries)
        obj[name] = t;
    let json = Buffer.from(JSON.stringify(obj), 'utf8');
    const pad = (8 - (json.length % 8)) % 8; // keep the data 8-byte aligned, as the reference writer does
    if (pad)
        json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(json.length));
    return Buffer.concat([len, json]);
}
const fdatasync = promisify(fs.fdatasync);
const fsync = promisify(fs.fsync);
/**
 * An output file written in chunks: the abort signal is checked and the event loop given a turn
 * between chunks, and the data is flushed to disk every few tens of MB (off the event loop) so
 * that neither the final fsync nor an interruption waits on gigabytes of write-back.
 */
export class PacedWriter {
    fd;
    pacer;
    unsynced = 0;
    constructor(fd, pacer) {
        this.fd = fd;
        this.pacer = pacer;
    }
    /** Appends `length` bytes of `buf`. */
    async write(buf, length = buf.length) {
        for (let at = 0; at < length;) {
            const n = fs.writeSync(this.fd, buf, at, Math.min(CHUNK_BYTES, length - at));
            at += n;
            this.unsynced += n;
            if (this.unsynced >= SYNC_BYTES) {
                await fdatasync(this.fd);
                this.unsynced = 0;
            }
            await this.pacer.pace();
        }
    }
    /** Flushes everything to disk. */
    async sync() {
        await fsync(this.fd);
        this.unsynced = 0;
    }
}
/** Copies `length` bytes from `src` at `from` to the writer, in chunks; `onBytes` hears the bytes copied so far. */
export async function copyRange(src, from, length, out, onBytes) {
    const sfd = fs.openSync(src, 'r');
    const buf = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, length)));
    try {
        let done = 0;
        while (done < length) {
            const n = fs.readSync(sfd, buf, 0, Math.min(buf.length, length - done), from + done);
            if (n === 0)
                throw new InputError('unexpected end of file', src);
            await out.write(buf, n);
            done += n;
            onBytes?.(done);
        }
    }
    finally {
        fs.closeSync(sfd);
    }
}
/** Reads a tensor's raw bytes, in chunks between which the abort signal is checked; `onBytes` hears the bytes read so far. */
export async function readTensor(h, name, pacer, onBytes) {
    const t = h.tensors.get(name);
    const len = t.data_offsets[1] - t.data_offsets[0];
    const buf = Buffer.alloc(len);
    const fd = fs.openSync(h.file, 'r');
    try {
        let done = 0;
        while (done < len) {
            const n = fs.readSync(fd, buf, done, Math.min(CHUNK_BYTES, len - done), h.dataStart + t.data_offsets[0] + done);
            if (n === 0)
                throw new InputError(`truncated tensor '${name}'`, h.file);
            done += n;
            onBytes?.(done, len);
            await pacer.pace();
        }
    }
    finally {
        fs.closeSync(fd);
    }
    return buf;
}
//# sourceMappingURL=safetensors.js.map