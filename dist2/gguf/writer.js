// A GGUF (version 3) writer for files without tensors: the header, the key-value metadata in the
// order given, and zero padding up to the alignment. Little-endian throughout. The layout is the
// one of ggml's docs/gguf.md: magic "GGUF", uint32 version, uint64 tensor count, uint64 KV count,
// then per KV a string key, a uint32 value type and the value (arrays: uint32 item type, uint64
// count, the items; strings: uint64 byte length, UTF-8 bytes). The buffer is sized first and
// filled once, so a vocabulary of 262k tokens and 500k merges costs two linear passes.
import { InvariantError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
/** GGUF value type codes (gguf_type in ggml). */
export const GgufType = {
    uint8: 0,
    int8: 1,
    uint16: 2,
    int16: 3,
    uint32: 4,
    int32: 5,
    float32: 6,
    bool: 7,
    string: 8,
    array: 9,
    uint64: 10,
    int64: 11,
    float64: 12,
};
/** The magic number at the start of every GGUF file ("GGUF" in ASCII). */
export const GGUF_MAGIC = 'GGUF';
/** The format version written. */
export const GGUF_VERSION = 3;
/** The alignment readers assume when `general.alignment` is absent. */
export const GGUF_DEFAULT_ALIGNMENT = 32;
/** The key that sets the alignment (a uint32 power of two). */
export const ALIGNMENT_KEY = 'general.alignment';
/** Integer ranges of the fixed-size integer types. */
const INT_RANGE = {
    uint8: [0n, 0xffn],
    int8: [-0x80n, 0x7fn],
    uint16: [0n, 0xffffn],
    int16: [-0x8000n, 0x7fffn],
    uint32: [0n, 0xffffffffn],
    int32: [-0x80000000n, 0x7fffffffn],
    uint64: [0n, 0xffffffffffffffffn],
    int64: [-0x8000000000000000n, 0x7fffffffffffffffn],
};
/** Bytes of one fixed-size scalar of `type`. */
const FIXED_SIZE = {
    uint8: 1,
    int8: 1,
    uint16: 2,
    int16: 2,
    uint32: 4,
    int32: 4,
    float32: 4,
    bool: 1,
    uint64: 8,
    int64: 8,
    float64: 8,
};
/** Refuses a value its declared type cannot hold (a caller's bug: the metadata is ours). */
function checkScalar(key, type, v, at) {
    const fail = (why) => new InvariantError(`GGUF key ${key}${at}: ${why}`);
    if (type === 'string') {
        if (typeof v !== 'string')
            throw fail('not a string');
        if (!wellFormed(v))
            throw fail('a string with a lone surrogate (not UTF-8)');
    }
    else if (type === 'bool') {
        if (typeof v !== 'boolean')
            throw fail('not a boolean');
    }
    else if (type === 'float32' || type === 'float64') {
        if (typeof v !== 'number')
            throw fail('not a number');
    }
    else {
        const range = INT_RANGE[type];
        if (typeof v === 'number' && !Number.isSafeInteger(v))
            throw fail(`${v} is not a (safe) integer`);
        if (typeof v !== 'number' && typeof v !== 'bigint')
            throw fail('not an integer');
        const b = BigInt(v);
        if (b < range[0] || b > range[1])
            throw fail(`${v} is out of ${type} range`);
    }
}
/** True if `s` has no lone surrogate (so that it is valid UTF-8 once encoded). */
function wellFormed(s) {
    return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
/** Bytes of a GGUF string (length prefix and UTF-8). */
function stringSize(s) {
    return 8 + Buffer.byteLength(s, 'utf8');
}
/** Bytes a KV's value takes (after its type code); checks every value on the way. */
function valueSize(kv) {
    if (kv.type !== 'array') {
        checkScalar(kv.key, kv.type, kv.value, '');
        return kv.type === 'string' ? stringSize(kv.value) : FIXED_SIZE[kv.type];
    }
    const items = kv.value;
    let size = 4 + 8;
    for (let i = 0; i < items.length; i++) {
        checkScalar(kv.key, kv.itemType, items[i], `[${i}]`);
        if (kv.itemType !== 'string')
            size += FIXED_SIZE[kv.itemType];
        else
            size += stringSize(items[i]);
    }
    return size;
}
/** A cursor over the output buffer. */
class Out {
    buf;
    pos = 0;
    constructor(buf) {
        this.buf = buf;
    }
    u32(v) {
        this.pos = this.buf.writeUInt32LE(v, this.pos);
    }
    u64(v) {
        this.pos = this.buf.writeBigUInt64LE(BigInt(v), this.pos);
    }
    str(s) {
        const n = this.buf.write(s, this.pos + 8, 'utf8');
        this.u64(n);
        this.pos += n;
    }
    scalar(type, v) {
        const b = this.buf;
        const p = this.pos;
        switch (type) {
            case 'string':
                return this.str(v);
            case 'bool':
                this.pos = b.writeUInt8(v ? 1 : 0, p);
                return;
            case 'uint8':
                this.pos = b.writeUInt8(v, p);
                return;
            case 'int8':
                this.pos = b.writeInt8(v, p);
                return;
            case 'uint16':
                this.pos = b.writeUInt16LE(v, p);
                return;
            case 'int16':
                this.pos = b.writeInt16LE(v, p);
                return;
            case 'uint32':
                this.pos = b.writeUInt32LE(v, p);
                return;
            case 'int32':
                this.pos = b.writeInt32LE(v, p);
                return;
            case 'float32':
                this.pos = b.writeFloatLE(v, p);
                return;
            case 'float64':
                this.pos = b.writeDoubleLE(v, p);
                return;
            case 'uint64':
                this.pos = b.writeBigUInt64LE(BigInt(v), p);
                return;
            case 'int64':
                this.pos = b.writeBigInt64LE(BigInt(v), p);
                return;
        }
    }
}
/** The alignment the KVs set (`general.alignment`, a uint32 power of two), else the default. */
export function alignmentOf(kvs) {
    const kv = kvs.find((k) => k.key === ALIGNMENT_KEY);
    if (!kv)
        return GGUF_DEFAULT_ALIGNMENT;
    const a = kv.value;
    if (kv.type !== 'uint32' || typeof a !== 'number' || a <= 0 || (a & (a - 1)) !== 0)
        throw new InvariantError(`GGUF key ${ALIGNMENT_KEY} must be a uint32 power of two`);
    return a;
}
/** Refuses duplicate and empty keys (llama.cpp rejects a file with a key twice). */
function checkKeys(kvs) {
    const seen = new Set();
    for (const { key } of kvs) {
        if (key.length === 0 || !wellFormed(key))
            throw new InvariantError(`GGUF key ${JSON.stringify(key)} is not valid`);
        if (seen.has(key))
            throw new InvariantError(`GGUF key ${key} given twice`);
        seen.add(key);
    }
}
/** The bytes of a tensor-less GGUF v3 file holding `kvs` in the order given, zero-padded to the
 * alignment (`general.alignment` if among `kvs`, else 32). Same input, same bytes. */
export function ggufBytes(kvs) {
    checkKeys(kvs);
    const align = alignmentOf(kvs);
    let size = 4 + 4 + 8 + 8;
    for (const kv of kvs)
        size += stringSize(kv.key) + 4 + valueSize(kv);
    const total = Math.ceil(size / align) * align;
    const out = new Out(Buffer.alloc(total)); // zero-filled: the padding
    out.pos = out.buf.write(GGUF_MAGIC, 0, 'latin1');
    out.u32(GGUF_VERSION);
    out.u64(0); // tensors
    out.u64(kvs.length);
    for (const kv of kvs) {
        out.str(kv.key);
        out.u32(GgufType[kv.type]);
        if (kv.type !== 'array') {
            out.scalar(kv.type, kv.value);
            continue;
        }
        const items = kv.value;
        out.u32(GgufType[kv.itemType]);
        out.u64(items.length);
        for (let i = 0; i < items.length; i++)
            out.scalar(kv.itemType, items[i]);
    }
    if (out.pos !== size)
        throw new InvariantError(`GGUF writer: wrote ${out.pos} bytes, sized ${size}`);
    return out.buf;
}
/** Writes a tensor-less GGUF file of `kvs` to `file` (via a temporary name and a rename). */
export function writeGguf(file, kvs) {
    writeFileAtomic(file, ggufBytes(kvs));
}
//# sourceMappingURL=writer.js.map