// Element types of safetensors matrices and their float32 views (bf16, fp16, fp32).
import { UsageError } from '../errors.js';
/** Supported dtypes and their byte widths. */
export const DTYPE_BYTES = { BF16: 2, F16: 2, F32: 4 };
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** float32 -> bf16 bits, round to nearest even (NaN stays NaN). */
export function f32ToBf16(x) {
    f32[0] = x;
    const b = u32[0];
    if ((b & 0x7fffffff) > 0x7f800000)
        return ((b >>> 16) | 0x40) & 0xffff;
    return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;
}
/** bf16 bits -> float32 value. */
export function bf16ToF32(h) {
    u32[0] = (h & 0xffff) << 16;
    return f32[0];
}
/** fp16 bits -> float32 value. */
export function f16ToF32(h) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >>> 10) & 0x1f;
    const m = h & 0x3ff;
    if (e === 0)
        return s * m * 2 ** -24;
    if (e === 31)
        return m ? NaN : s * Infinity;
    return s * (1 + m / 1024) * 2 ** (e - 15);
}
/** float32 value -> fp16 bits, round to nearest even. */
export function f32ToF16(x) {
    f32[0] = x;
    const b = u32[0];
    const sign = (b >>> 16) & 0x8000;
    const exp = (b >>> 23) & 0xff;
    let man = b & 0x7fffff;
    if (exp === 0xff)
        return sign | 0x7c00 | (man ? 0x200 : 0);
    let e = exp - 127 + 15;
    if (e >= 31)
        return sign | 0x7c00;
    if (e <= 0) {
        if (e < -10)
            return sign;
        man |= 0x800000;
        const shift = 14 - e;
        const half = 1 << (shift - 1);
        let r = man >>> shift;
        const rem = man & ((1 << shift) - 1);
        if (rem > half || (rem === half && r & 1))
            r++;
        return sign | r;
    }
    let r = man >>> 13;
    const rem = man & 0x1fff;
    if (rem > 0x1000 || (rem === 0x1000 && r & 1))
        r++;
    if (r === 0x400) {
        r = 0;
        e++;
        if (e >= 31)
            return sign | 0x7c00;
    }
    return sign | (e << 10) | r;
}
/** Reads row `i` (cols wide) of a raw matrix into a float32 array. */
export function readRow(buf, dtype, i, cols, out) {
    const w = DTYPE_BYTES[dtype];
    if (!w)
        throw new UsageError(`dtype ${dtype} is not supported (BF16, F16, F32)`);
    const base = i * cols * w;
    if (dtype === 'F32')
        for (let c = 0; c < cols; c++)
            out[c] = buf.readFloatLE(base + 4 * c);
    else if (dtype === 'BF16')
        for (let c = 0; c < cols; c++)
            out[c] = bf16ToF32(buf.readUInt16LE(base + 2 * c));
    else
        for (let c = 0; c < cols; c++)
            out[c] = f16ToF32(buf.readUInt16LE(base + 2 * c));
}
/** Writes a float32 row into `out` at byte offset `at`, rounded once to dtype. */
export function writeRow(row, dtype, out, at) {
    const cols = row.length;
    if (dtype === 'F32')
        for (let c = 0; c < cols; c++)
            out.writeFloatLE(row[c], at + 4 * c);
    else if (dtype === 'BF16')
        for (let c = 0; c < cols; c++)
            out.writeUInt16LE(f32ToBf16(row[c]), at + 2 * c);
    else
        for (let c = 0; c < cols; c++)
            out.writeUInt16LE(f32ToF16(row[c]), at + 2 * c);
}
//# sourceMappingURL=dtype.js.map