import { InputError } from '../errors.js';
/** `value` as `schema` describes it, or an InputError naming `file`, the field and the problem. */
export function parseAs(schema, value, file, what, hint) {
    const r = schema.safeParse(value);
    if (r.success)
        return r.data;
    const issue = r.error.issues[0];
    const at = issue.path.length > 0
        ? issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '')
        : 'the top level';
    throw new InputError(`not a valid ${what}: ${at}: ${issue.message}`, file, undefined, hint);
}
//# sourceMappingURL=validate.js.map