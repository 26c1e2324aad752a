// The files between the stages: a pieces file (tokext train) and a plan file (tokext plan), as
// their schemas read them.
import { z } from 'zod';
import { readJsonFile } from '../io/json.js';
import { parseAs } from '../io/validate.js';
import type { BuildSpec } from '../spec.js';

/** The format names the stage files carry. */
export const PIECES_FORMAT = 'tokext.pieces/1';
export const PLAN_FORMAT = 'tokext.plan/1';

/** A trained piece as pieces and plan files hold it. */
const pieceSchema = z.object({
  piece: z.string().min(1),
  kind: z.enum(['new-char', 'new-merge']),
  count: z.number().nonnegative(),
  merge: z.tuple([z.string(), z.string()]).optional(),
  uses: z.number().nonnegative().optional(),
  score: z.number().optional(),
});
/** The spec fields a stage file must carry (the rest is kept as written). */
const specSchema = z.looseObject({
  base: z.string().min(1),
  target: z.int().positive(),
  padTo: z.int().positive(),
  padPrefix: z.string().min(1),
  prune: z.number().nonnegative().default(0),
  allowNonJapanese: z.boolean(),
});
/** The base ids a run freed (--replace, --trim-to): the stages after it start from the base without them. */
const freedSchema = z.strictObject({
  mode: z.enum(['replace', 'trim']),
  removed: z.array(z.int().nonnegative()),
});
export const piecesFileSchema = z.looseObject({
  format: z.literal(PIECES_FORMAT),
  spec: specSchema,
  freed: freedSchema.optional(),
  pieces: z.array(pieceSchema),
});
export const planFileSchema = z.looseObject({
  format: z.literal(PLAN_FORMAT),
  spec: specSchema,
  freed: freedSchema.optional(),
  rows: z.array(pieceSchema.extend({ id: z.int().nonnegative() })),
});

export function readStageFile<S extends typeof piecesFileSchema | typeof planFileSchema>(
  file: string,
  schema: S,
  what: string,
  hint: string,
): z.infer<S> & { spec: BuildSpec } {
  return parseAs(schema, readJsonFile(file, hint), file, what, hint) as z.infer<S> & { spec: BuildSpec };
}
