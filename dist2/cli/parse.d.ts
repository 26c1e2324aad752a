import { type Range } from '../spec.js';
/** Collects a repeatable option's values. */
export declare const collect: (v: string, prev: string[]) => string[];
/** A number `r` allows, written as a whole number when `r` is whole: the parser of a --flag whose bounds
 * are a Range (the spec's flags take theirs from SPEC_RANGES, the ones its schema checks). */
export declare function ranged(name: string, r: Range): (v: string) => number;
/** A whole number in [min, max]. */
export declare function int(name: string, min?: number, max?: number): (v: string) => number;
/** A decimal number in (min, max] when `openMin`, else [min, max]. */
export declare function real(name: string, min: number, max: number, openMin?: boolean): (v: string) => number;
