// The GGUF writer (src/gguf/writer.ts) checked against an independent parser (@huggingface/gguf):
// every value type, arrays (of strings, empty), unicode, the exact bytes of a small file, the
// alignment padding, determinism, large arrays, and the refusals.
import fs from 'node:fs';
import path from 'node:path';
import { gguf, GGUFValueType } from '@huggingface/gguf';
import { describe, expect, it } from 'vitest';
import { InvariantError, OutputError } from '../../src/errors.js';
import { ggufBytes, writeGguf, type GgufKv } from '../../src/gguf/writer.js';
import { temporaries, tmpDir } from '../helpers.js';

/** Writes `kvs` to a fresh file and parses it back with @huggingface/gguf. */
async function roundTrip(kvs: GgufKv[]) {
  const file = path.join(tmpDir('tokext-gguf-'), 'x.gguf');
  writeGguf(file, kvs);
  const parsed = await gguf(file, { allowLocalFile: true, typedMetadata: true });
  return { file, bytes: fs.readFileSync(file), ...parsed };
}

const SCALARS: GgufKv[] = [
  { key: 'a.u8', type: 'uint8', value: 255 },
  { key: 'a.i8', type: 'int8', value: -128 },
  { key: 'a.u16', type: 'uint16', value: 65535 },
  { key: 'a.i16', type: 'int16', value: -32768 },
  { key: 'a.u32', type: 'uint32', value: 4294967295 },
  { key: 'a.i32', type: 'int32', value: -2147483648 },
  { key: 'a.f32', type: 'float32', value: -1000.5 },
  { key: 'a.bool', type: 'bool', value: true },
  { key: 'a.str', type: 'string', value: 'hello' },
  { key: 'a.u64', type: 'uint64', value: 18446744073709551615n },
  { key: 'a.i64', type: 'int64', value: -9223372036854775808n },
  { key: 'a.f64', type: 'float64', value: 0.1 },
];

describe('ggufBytes / writeGguf', () => {
  it('writes every scalar type, read back with its type and value by @huggingface/gguf', async () => {
    const { metadata, typedMetadata } = await roundTrip(SCALARS);
    expect(metadata.version).toBe(3);
    expect(metadata.tensor_count).toBe(0n);
    expect(metadata.kv_count).toBe(BigInt(SCALARS.length));
    const want: Record<string, [GGUFValueType, unknown]> = {
      'a.u8': [GGUFValueType.UINT8, 255],
      'a.i8': [GGUFValueType.INT8, -128],
      'a.u16': [GGUFValueType.UINT16, 65535],
      'a.i16': [GGUFValueType.INT16, -32768],
      'a.u32': [GGUFValueType.UINT32, 4294967295],
      'a.i32': [GGUFValueType.INT32, -2147483648],
      'a.f32': [GGUFValueType.FLOAT32, -1000.5],
      'a.bool': [GGUFValueType.BOOL, true],
      'a.str': [GGUFValueType.STRING, 'hello'],
      'a.u64': [GGUFValueType.UINT64, 18446744073709551615n],
      'a.i64': [GGUFValueType.INT64, -9223372036854775808n],
      'a.f64': [GGUFValueType.FLOAT64, 0.1],
    };
    for (const [key, [type, value]] of Object.entries(want)) {
      expect(typedMetadata[key], key).toEqual({ type, value });
    }
    expect(Object.keys(metadata).slice(3)).toEqual(SCALARS.map((k) => k.key)); // in the order given
  });

  it('writes arrays of every item type, an array of strings and an empty array', async () => {
    const kvs: GgufKv[] = [
      { key: 'arr.u8', type: 'array', itemType: 'uint8', value: [0, 1, 255] },
      { key: 'arr.i32', type: 'array', itemType: 'int32', value: [-1, 0, 2147483647] },
      { key: 'arr.f32', type: 'array', itemType: 'float32', value: [-1000, 0.5, -3] },
      { key: 'arr.f64', type: 'array', itemType: 'float64', value: [1e300, -0.25] },
      { key: 'arr.u64', type: 'array', itemType: 'uint64', value: [0n, 2n ** 63n] },
      { key: 'arr.i64', type: 'array', itemType: 'int64', value: [-5, 7n] },
      { key: 'arr.bool', type: 'array', itemType: 'bool', value: [true, false] },
      { key: 'arr.str', type: 'array', itemType: 'string', value: ['a b', '', 'Ġt', '▁日本'] },
      { key: 'arr.empty', type: 'array', itemType: 'string', value: [] },
      { key: 'arr.empty32', type: 'array', itemType: 'int32', value: [] },
    ];
    const { typedMetadata: t } = await roundTrip(kvs);
    expect(t['arr.u8']).toEqual({ type: GGUFValueType.ARRAY, subType: GGUFValueType.UINT8, value: [0, 1, 255] });
    expect(t['arr.i32']!.value).toEqual([-1, 0, 2147483647]);
    expect(t['arr.f32']).toEqual({
      type: GGUFValueType.ARRAY,
      subType: GGUFValueType.FLOAT32,
      value: [-1000, 0.5, -3],
    });
    expect(t['arr.f64']!.value).toEqual([1e300, -0.25]);
    expect(t['arr.u64']!.value).toEqual([0n, 2n ** 63n]);
    expect(t['arr.i64']!.value).toEqual([-5n, 7n]);
    expect(t['arr.bool']!.value).toEqual([true, false]);
    expect(t['arr.str']).toEqual({
      type: GGUFValueType.ARRAY,
      subType: GGUFValueType.STRING,
      value: ['a b', '', 'Ġt', '▁日本'],
    });
    expect(t['arr.empty']).toEqual({ type: GGUFValueType.ARRAY, subType: GGUFValueType.STRING, value: [] });
    expect(t['arr.empty32']).toEqual({ type: GGUFValueType.ARRAY, subType: GGUFValueType.INT32, value: [] });
  });

  it('writes unicode keys and values as UTF-8 (string lengths in bytes)', async () => {
    const { typedMetadata: t } = await roundTrip([
      { key: 'général.名前', type: 'string', value: '日本語🦙\u0000x' },
      { key: 'k', type: 'array', itemType: 'string', value: ['😶\u200d🌫️', 'é'] },
    ]);
    expect(t['général.名前']!.value).toBe('日本語🦙\u0000x');
    expect(t['k']!.value).toEqual(['😶\u200d🌫️', 'é']);
  });

  it('writes a string that is only a BOM as its three bytes (a Mistral piece)', () => {
    const b = ggufBytes([{ key: 'k', type: 'string', value: '\uFEFF' }]);
    const at = 24 + 8 + 1 + 4;
    expect(b.readBigUInt64LE(at)).toBe(3n);
    expect([...b.subarray(at + 8, at + 11)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes the exact bytes of the format for one KV, zero-padded to 32', () => {
    const b = ggufBytes([{ key: 'ab', type: 'uint32', value: 7 }]);
    const want = Buffer.concat([
      Buffer.from('GGUF', 'latin1'),
      Buffer.from([3, 0, 0, 0]), // version
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]), // tensor count
      Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]), // KV count
      Buffer.from([2, 0, 0, 0, 0, 0, 0, 0]),
      Buffer.from('ab'),
      Buffer.from([4, 0, 0, 0]), // uint32
      Buffer.from([7, 0, 0, 0]),
    ]);
    expect(want.length).toBe(42);
    expect(b.length).toBe(64);
    expect(b.subarray(0, 42)).toEqual(want);
    expect(b.subarray(42).every((x) => x === 0)).toBe(true);
  });

  it('pads the header to general.alignment (32 by default), where the parser puts the data', async () => {
    for (const [kvs, align] of [
      [[{ key: 'x', type: 'string', value: 'abc' }], 32],
      [
        [
          { key: 'general.alignment', type: 'uint32', value: 64 },
          { key: 'x', type: 'string', value: 'abc' },
        ],
        64,
      ],
    ] as [GgufKv[], number][]) {
      const { bytes, tensorDataOffset } = await roundTrip(kvs);
      expect(bytes.length % align).toBe(0);
      expect(bytes.length).toBeLessThan(24 + 100 + align);
      expect(Number(tensorDataOffset)).toBe(bytes.length);
    }
    const exact = ggufBytes([{ key: 'k', type: 'uint8', value: 1 }]); // 24 + 9 + 4 + 1 = 38 → 64
    expect(exact.length).toBe(64);
  });

  it('is deterministic: two writes of the same KVs are the same bytes, and no temporary is left', () => {
    const dir = tmpDir('tokext-gguf-');
    const kvs: GgufKv[] = [...SCALARS, { key: 'arr', type: 'array', itemType: 'string', value: ['x', 'y'] }];
    writeGguf(path.join(dir, 'a.gguf'), kvs);
    writeGguf(path.join(dir, 'b.gguf'), kvs);
    const a = fs.readFileSync(path.join(dir, 'a.gguf'));
    expect(fs.readFileSync(path.join(dir, 'b.gguf'))).toEqual(a);
    expect(ggufBytes(kvs)).toEqual(a);
    expect(temporaries(dir)).toEqual([]);
  });

  it('refuses a path that cannot be written with an OutputError naming it, leaving nothing behind', () => {
    const dir = tmpDir('tokext-gguf-');
    const target = path.join(dir, 'missing', 'v.gguf');
    expect(() => writeGguf(target, SCALARS)).toThrow(OutputError);
    expect(() => writeGguf(target, SCALARS)).toThrow(/missing/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('writes arrays of a vocabulary size (270k strings, 520k floats) that parse back whole', async () => {
    const tokens = Array.from({ length: 270_000 }, (_, i) => `t${i}▁`);
    const scores = Float32Array.from({ length: 520_000 }, (_, i) => -i);
    const { typedMetadata: t } = await roundTrip([
      { key: 'tokens', type: 'array', itemType: 'string', value: tokens },
      { key: 'scores', type: 'array', itemType: 'float32', value: scores },
    ]);
    expect(t['tokens']!.value).toEqual(tokens);
    expect(t['scores']!.value).toEqual(Array.from(scores));
  });

  it('refuses what the format or llama.cpp cannot take, naming the key', () => {
    const bad: [GgufKv[], RegExp][] = [
      [[{ key: 'n', type: 'uint8', value: 256 }], /GGUF key n: 256 is out of uint8 range/],
      [[{ key: 'n', type: 'int32', value: 1.5 }], /GGUF key n: 1.5 is not a \(safe\) integer/],
      [[{ key: 'a', type: 'array', itemType: 'uint32', value: [1, -1] }], /GGUF key a\[1\]: -1 is out of uint32 range/],
      [[{ key: 's', type: 'string', value: 'x\ud800' }], /GGUF key s: a string with a lone surrogate/],
      [
        [
          { key: 'd', type: 'bool', value: true },
          { key: 'd', type: 'bool', value: false },
        ],
        /GGUF key d given twice/,
      ],
      [[{ key: 'general.alignment', type: 'uint32', value: 48 }], /general.alignment must be a uint32 power of two/],
      [[{ key: 'general.alignment', type: 'uint64', value: 64 }], /general.alignment must be a uint32 power of two/],
    ];
    for (const [kvs, msg] of bad) {
      expect(() => ggufBytes(kvs)).toThrow(InvariantError);
      expect(() => ggufBytes(kvs)).toThrow(msg);
    }
  });
});
