// fp16 and bf16 conversions against independent oracles, over every one of the 65,536 codes,
// every midpoint between neighbours (ties go to the even code) and random float32 values.
import { describe, expect, it } from 'vitest';
import { getFloat16, setFloat16 } from '@petamoriken/float16';
import { bf16ToF32, f16ToF32, f32ToBf16, f32ToF16 } from '../../src/embed/dtype.js';

const dv = new DataView(new ArrayBuffer(4));
const f16Oracle = (x: number) => {
  setFloat16(dv, 0, x);
  return dv.getUint16(0);
};
const f16Value = (h: number) => {
  dv.setUint16(0, h);
  return getFloat16(dv, 0);
};
const f32 = (x: number) => Math.fround(x);
const same = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || Object.is(a, b);

/** bf16 by definition: the float32 bit pattern's top half, rounded to nearest with ties to even, decided in float64. */
function bf16Oracle(x: number): number {
  dv.setFloat32(0, x);
  const bits = dv.getUint32(0);
  if (Number.isNaN(x)) return -1; // any NaN code
  const lo = bits >>> 16;
  const down = (h: number) => {
    dv.setUint32(0, (h & 0xffff) << 16);
    return dv.getFloat32(0);
  };
  const a = down(lo);
  let b = down(lo + 1);
  if (!Number.isFinite(b)) b = Math.sign(b) * 2 ** 128; // infinity sits where the next exponent would start
  const da = Math.abs(x - a);
  const db = Math.abs(b - x);
  if (da < db) return lo;
  if (db < da) return (lo + 1) & 0xffff;
  return lo & 1 ? (lo + 1) & 0xffff : lo;
}

function samples(decode: (h: number) => number): number[] {
  const values: number[] = [];
  for (let h = 0; h < 65536; h++) values.push(decode(h));
  const finite = values.filter(Number.isFinite).sort((p, q) => p - q);
  for (let i = 1; i < finite.length; i++) values.push(f32((finite[i - 1]! + finite[i]!) / 2)); // midpoints (exact in float32 here)
  let s = 12345;
  for (let i = 0; i < 200_000; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    dv.setUint32(0, (s * 2 + (i & 1)) >>> 0);
    values.push(dv.getFloat32(0));
  }
  return values;
}

/** `encode` agrees with `oracle` on every sample (NaN: any NaN code), and the samples are many. */
function expectRounding(
  decode: (h: number) => number,
  encode: (x: number) => number,
  oracle: (x: number) => number,
): void {
  let n = 0;
  for (const x of samples(decode)) {
    if (Number.isNaN(x)) {
      expect(Number.isNaN(decode(encode(x)))).toBe(true);
      continue;
    }
    const got = encode(x);
    const want = oracle(x);
    if (got !== want) throw new Error(`${x}: 0x${got.toString(16)}, oracle 0x${want.toString(16)}`);
    n++;
  }
  expect(n).toBeGreaterThan(300_000);
}

describe('fp16', () => {
  it('decodes all 65,536 codes as @petamoriken/float16 does', () => {
    for (let h = 0; h < 65536; h++) expect(same(f16ToF32(h), f16Value(h)), `0x${h.toString(16)}`).toBe(true);
  });
  it('rounds every code, every midpoint and 200,000 random float32 values as @petamoriken/float16 does', () => {
    expectRounding(f16Value, f32ToF16, f16Oracle);
  });
});

describe('bf16', () => {
  it('decodes all 65,536 codes as the top half of a float32', () => {
    for (let h = 0; h < 65536; h++) {
      dv.setUint32(0, h << 16);
      expect(same(bf16ToF32(h), dv.getFloat32(0))).toBe(true);
    }
  });
  it('rounds every code, every midpoint and 200,000 random float32 values to the nearest, ties to even', () => {
    expectRounding(bf16ToF32, f32ToBf16, bf16Oracle);
  });
});
