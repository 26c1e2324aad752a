// Decomposition of a new piece by the base tokenizer, for embedding initialisation.
import { BpeEncoder } from '../bpe/encoder.js';

/**
 * Base ids whose pieces concatenate (as bytes) exactly to `piece`: the base's own merges
 * over its characters, no BOS, no dummy prefix; characters the base lacks become bytes.
 */
export function decompose(base: BpeEncoder, piece: string): number[] {
  return base.encodeNormalized(piece);
}

/** The bytes a sequence of base ids stands for (byte pieces as their byte). */
export function idsToBytes(base: BpeEncoder, ids: readonly number[]): Buffer {
  const parts: Buffer[] = [];
  for (const id of ids) {
    const t = base.texts[id] ?? '';
    const m = /^<0x([0-9A-F]{2})>$/.exec(t);
    parts.push(m && base.byteIds[parseInt(m[1]!, 16)] === id ? Buffer.from([parseInt(m[1]!, 16)]) : Buffer.from(t, 'utf8'));
  }
  return Buffer.concat(parts);
}
