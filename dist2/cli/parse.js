// Validated option parsers: a bad value is a usage error naming the option, never NaN or a prefix.
import { UsageError } from '../errors.js';
import { inRange, rangeText } from '../spec.js';
/** Collects a repeatable option's values. */
export const collect = (v, prev) => [...prev, v];
/** A number `r` allows, written as a whole number when `r` is whole: the parser of a --flag whose bounds
 * are a Range (the spec's flags take theirs from SPEC_RANGES, the ones its schema checks). */
export function ranged(name, r) {
    return (v) => {
        const syntax = r.whole ? /^\d+$/ : /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
        if (!syntax.test(v.trim()))
            throw new UsageError(`${name} must be a ${r.whole ? 'whole ' : ''}number, got '${v}'`);
        const x = Number(v);
        if (!inRange(r, x))
            throw new UsageError(`${name} must be ${rangeText(r)}, got ${v}`);
        return x;
    };
}
/** A whole number in [min, max]. */
export function int(name, min = 0, max = Number.MAX_SAFE_INTEGER) {
    return ranged(name, { min, max, whole: true });
}
/** A decimal number in (min, max] when `openMin`, else [min, max]. */
export function real(name, min, max, openMin = false) {
    return ranged(name, { min, max, openMin });
}
//# sourceMappingURL=parse.js.map