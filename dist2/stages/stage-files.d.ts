import { z } from 'zod';
import type { BuildSpec } from '../spec.js';
/** The format names the stage files carry. */
export declare const PIECES_FORMAT = "tokext.pieces/1";
export declare const PLAN_FORMAT = "tokext.plan/1";
/** The base ids a run freed (--replace, --trim-to): the stages after it start from the base without them. */
declare const freedSchema: z.ZodObject<{
    mode: z.ZodEnum<{
        replace: "replace";
        trim: "trim";
    }>;
    removed: z.ZodArray<z.ZodInt>;
}, z.core.$strict>;
export type FreedRecord = z.infer<typeof freedSchema>;
export declare const piecesFileSchema: z.ZodObject<{
    format: z.ZodLiteral<"tokext.pieces/1">;
    spec: z.ZodObject<{
        base: z.ZodString;
        target: z.ZodInt;
        padTo: z.ZodInt;
        padPrefix: z.ZodString;
        prune: z.ZodDefault<z.ZodNumber>;
        allowNonJapanese: z.ZodBoolean;
    }, z.core.$loose>;
    freed: z.ZodOptional<z.ZodObject<{
        mode: z.ZodEnum<{
            replace: "replace";
            trim: "trim";
        }>;
        removed: z.ZodArray<z.ZodInt>;
    }, z.core.$strict>>;
    pieces: z.ZodArray<z.ZodObject<{
        piece: z.ZodString;
        kind: z.ZodEnum<{
            "new-char": "new-char";
            "new-merge": "new-merge";
        }>;
        count: z.ZodNumber;
        merge: z.ZodOptional<z.ZodTuple<[z.ZodString, z.ZodString], null>>;
        uses: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strip>>;
}, z.core.$loose>;
export declare const planFileSchema: z.ZodObject<{
    format: z.ZodLiteral<"tokext.plan/1">;
    spec: z.ZodObject<{
        base: z.ZodString;
        target: z.ZodInt;
        padTo: z.ZodInt;
        padPrefix: z.ZodString;
        prune: z.ZodDefault<z.ZodNumber>;
        allowNonJapanese: z.ZodBoolean;
    }, z.core.$loose>;
    freed: z.ZodOptional<z.ZodObject<{
        mode: z.ZodEnum<{
            replace: "replace";
            trim: "trim";
        }>;
        removed: z.ZodArray<z.ZodInt>;
    }, z.core.$strict>>;
    rows: z.ZodArray<z.ZodObject<{
        piece: z.ZodString;
        kind: z.ZodEnum<{
            "new-char": "new-char";
            "new-merge": "new-merge";
        }>;
        count: z.ZodNumber;
        merge: z.ZodOptional<z.ZodTuple<[z.ZodString, z.ZodString], null>>;
        uses: z.ZodOptional<z.ZodNumber>;
        id: z.ZodInt;
    }, z.core.$strip>>;
}, z.core.$loose>;
export declare function readStageFile<S extends typeof piecesFileSchema | typeof planFileSchema>(file: string, schema: S, what: string, hint: string): z.infer<S> & {
    spec: BuildSpec;
};
export {};
