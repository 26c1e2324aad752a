import type { z } from 'zod';
/** `value` as `schema` describes it, or an InputError naming `file`, the field and the problem. */
export declare function parseAs<S extends z.ZodType>(schema: S, value: unknown, file: string, what: string, hint?: string): z.infer<S>;
