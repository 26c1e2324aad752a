// Validated option parsers: a bad value is a usage error naming the option, never NaN or a prefix.
import { UsageError } from '../errors.js';

/** Collects a repeatable option's values. */
export const collect = (v: string, prev: string[]) => [...prev, v];

/** A whole number in [min, max]. */
export function int(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): (v: string) => number {
  return (v: string) => {
    if (!/^\d+$/.test(v.trim())) throw new UsageError(`${name} must be a whole number, got '${v}'`);
    const n = Number(v);
    if (n < min || n > max) throw new UsageError(`${name} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}, got ${v}`);
    return n;
  };
}

/** A decimal number in (min, max] when `openMin`, else [min, max]. */
export function real(name: string, min: number, max: number, openMin = false): (v: string) => number {
  return (v: string) => {
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())) throw new UsageError(`${name} must be a number, got '${v}'`);
    const x = Number(v);
    if ((openMin ? x <= min : x < min) || x > max) throw new UsageError(`${name} must be in ${openMin ? '(' : '['}${min}, ${max}], got ${v}`);
    return x;
  };
}
