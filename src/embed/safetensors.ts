// The safetensors container: 8-byte little-endian header length, a JSON header of tensors
// (dtype, shape, data_offsets relative to the data start), then the data.
import fs from 'node:fs';
import { InputError } from '../errors.js';

/** One tensor's entry. */
export interface TensorInfo {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** A parsed file header. */
export interface SafetensorsHeader {
  file: string;
  dataStart: number; // byte offset of the data section
  tensors: Map<string, TensorInfo>;
  metadata?: Record<string, string>;
}

/** Reads and validates the header of a safetensors file. */
export function readHeader(file: string): SafetensorsHeader {
  if (!fs.existsSync(file)) throw new InputError('safetensors file not found', file);
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const lenBuf = Buffer.alloc(8);
    if (fs.readSync(fd, lenBuf, 0, 8, 0) < 8) throw new InputError('truncated safetensors file (no header length)', file);
    const len = Number(lenBuf.readBigUInt64LE(0));
    if (len <= 0 || 8 + len > size || len > 100_000_000) throw new InputError(`truncated or invalid safetensors file (header length ${len}, file ${size} bytes)`, file);
    const hb = Buffer.alloc(len);
    fs.readSync(fd, hb, 0, len, 8);
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(hb.toString('utf8'));
    } catch (e) {
      throw new InputError(`safetensors header is not JSON (${(e as Error).message})`, file);
    }
    const tensors = new Map<string, TensorInfo>();
    let metadata: Record<string, string> | undefined;
    for (const [name, v] of Object.entries(json)) {
      if (name === '__metadata__') {
        metadata = v as Record<string, string>;
        continue;
      }
      const t = v as TensorInfo;
      if (!t || typeof t.dtype !== 'string' || !Array.isArray(t.shape) || !Array.isArray(t.data_offsets)) throw new InputError(`malformed tensor entry '${name}'`, file);
      if (8 + len + t.data_offsets[1] > size) throw new InputError(`truncated safetensors file: tensor '${name}' ends at ${8 + len + t.data_offsets[1]}, file has ${size} bytes`, file);
      tensors.set(name, t);
    }
    return { file, dataStart: 8 + len, tensors, metadata };
  } finally {
    fs.closeSync(fd);
  }
}

/** Serialises a header whose tensors are laid out in the given order; returns the bytes. */
export function headerBytes(entries: [string, TensorInfo][], metadata?: Record<string, string>): Buffer {
  const obj: Record<string, unknown> = {};
  if (metadata) obj.__metadata__ = metadata;
  for (const [name, t] of entries) obj[name] = t;
  let json = Buffer.from(JSON.stringify(obj), 'utf8');
  const pad = (8 - (json.length % 8)) % 8; // keep the data 8-byte aligned, as the reference writer does
  if (pad) json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([len, json]);
}

/** Copies `length` bytes from `src` at `from` into the open fd, in chunks. */
export function copyRange(src: string, from: number, length: number, fd: number): void {
  const sfd = fs.openSync(src, 'r');
  const buf = Buffer.alloc(Math.min(1 << 24, Math.max(1, length)));
  try {
    let done = 0;
    while (done < length) {
      const n = fs.readSync(sfd, buf, 0, Math.min(buf.length, length - done), from + done);
      if (n === 0) throw new InputError('unexpected end of file', src);
      fs.writeSync(fd, buf, 0, n);
      done += n;
    }
  } finally {
    fs.closeSync(sfd);
  }
}

/** Reads a tensor's raw bytes. */
export function readTensor(h: SafetensorsHeader, name: string): Buffer {
  const t = h.tensors.get(name)!;
  const len = t.data_offsets[1] - t.data_offsets[0];
  const buf = Buffer.alloc(len);
  const fd = fs.openSync(h.file, 'r');
  try {
    let done = 0;
    while (done < len) {
      const n = fs.readSync(fd, buf, done, Math.min(1 << 26, len - done), h.dataStart + t.data_offsets[0] + done);
      if (n === 0) throw new InputError(`truncated tensor '${name}'`, h.file);
      done += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return buf;
}
