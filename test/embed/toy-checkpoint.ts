// Toy safetensors checkpoints for the init-embeddings tests: an independent writer and reader, matrices
// of k/8 values (exact in bf16, fp16 and fp32, and so are their means over 1, 2 or 4 rows), rounding oracles.
import fs from 'node:fs';

/** A tensor to write. */
export type T = { name: string; dtype: string; rows: number; cols: number; data: Buffer };
/** Writes a safetensors file of `tensors`, end to end in order. */
export function writeSafetensors(file: string, tensors: T[]): void {
  let at = 0;
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: [t.rows, t.cols], data_offsets: [at, at + t.data.length] };
    at += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  fs.writeFileSync(file, Buffer.concat([len, json, ...tensors.map((t) => t.data)]));
}
/** Every tensor of a safetensors file, with its raw data. */
export function readSafetensors(file: string): Map<string, { dtype: string; shape: number[]; data: Buffer }> {
  const b = fs.readFileSync(file);
  const n = Number(b.readBigUInt64LE(0));
  const h = JSON.parse(b.subarray(8, 8 + n).toString());
  const out = new Map();
  for (const [k, v] of Object.entries(h)) {
    if (k === '__metadata__') continue;
    const t = v as { dtype: string; shape: number[]; data_offsets: [number, number] };
    out.set(k, {
      dtype: t.dtype,
      shape: t.shape,
      data: b.subarray(8 + n + t.data_offsets[0], 8 + n + t.data_offsets[1]),
    });
  }
  return out;
}

/** Bytes per value of each dtype. */
export const W = { BF16: 2, F16: 2, F32: 4 } as Record<string, number>;
// Values k/8 for small k are exact in bf16, fp16 and fp32, and so are means over 1, 2 or 4 of them.
/** Writes k/8-style value x (exact in the dtype) at byte `at`. */
export function encode(dtype: string, x: number, buf: Buffer, at: number): void {
  if (dtype === 'F32') buf.writeFloatLE(x, at);
  else {
    const dv = new DataView(new ArrayBuffer(4));
    dv.setFloat32(0, x);
    const bits = dv.getUint32(0);
    if (dtype === 'BF16') buf.writeUInt16LE(bits >>> 16, at);
    else {
      // exact fp16 of k/8 values: sign, exponent rebias, top mantissa bits
      if (x === 0) return buf.writeUInt16LE(0, at) as unknown as void;
      const sign = bits >>> 31;
      const e = ((bits >>> 23) & 0xff) - 127 + 15;
      buf.writeUInt16LE((sign << 15) | (e << 10) | ((bits >>> 13) & 0x3ff), at);
    }
  }
}
/** The value at byte `at` of a buffer of dtype values. */
export function decode(dtype: string, buf: Buffer, at: number): number {
  if (dtype === 'F32') return buf.readFloatLE(at);
  const h = buf.readUInt16LE(at);
  if (dtype === 'BF16') {
    const dv = new DataView(new ArrayBuffer(4));
    dv.setUint32(0, h << 16);
    return dv.getFloat32(0);
  }
  if (h === 0) return 0;
  return (h & 0x8000 ? -1 : 1) * (1 + (h & 0x3ff) / 1024) * 2 ** (((h >>> 10) & 0x1f) - 15);
}

/** A rows × cols matrix of pseudo-random k/8 values (k in -16..16), as raw data and as numbers. */
export function matrix(dtype: string, rows: number, cols: number, seed: number): { data: Buffer; values: number[][] } {
  const data = Buffer.alloc(rows * cols * W[dtype]!);
  const values: number[][] = [];
  let s = seed;
  for (let r = 0; r < rows; r++) {
    values.push([]);
    for (let c = 0; c < cols; c++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const v = ((s % 33) - 16) / 8;
      values[r]!.push(v);
      encode(dtype, v, data, (r * cols + c) * W[dtype]!);
    }
  }
  return { data, values };
}

const codes = new Map<string, { h: number; v: number }[]>();
/** x rounded to the nearest value of dtype, ties to an even last bit: found by search over all
 * 65,536 half-width codes (an oracle independent of tokext's bit twiddling). */
export function roundTo(dtype: string, x: number): number {
  if (dtype === 'F32') return Math.fround(x);
  if (!codes.has(dtype)) {
    const all: { h: number; v: number }[] = [];
    const b = Buffer.alloc(2);
    for (let h = 0; h < 65536; h++) {
      b.writeUInt16LE(h, 0);
      const v =
        dtype === 'BF16'
          ? decode('BF16', b, 0)
          : (h & 0x7c00) === 0x7c00
            ? NaN
            : (h & 0x7c00) === 0
              ? (h & 0x8000 ? -1 : 1) * (h & 0x3ff) * 2 ** -24
              : decode('F16', b, 0);
      if (Number.isFinite(v)) all.push({ h, v });
    }
    codes.set(dtype, all);
  }
  let best = { h: 0, v: NaN };
  let d = Infinity;
  for (const c of codes.get(dtype)!) {
    const e = Math.abs(c.v - x);
    if (e < d || (e === d && (c.h & 1) === 0)) {
      best = c;
      d = e;
    }
  }
  return best.v;
}
