import { z } from 'zod';
import { type IdMap } from '../io/id-map-format.js';
declare const initSchema: z.ZodObject<{
    base: z.ZodObject<{
        name: z.ZodString;
        vocab_size: z.ZodInt;
    }, z.core.$loose>;
    vocab_size: z.ZodOptional<z.ZodInt>;
    padded_vocab_size: z.ZodInt;
    id_map: z.ZodOptional<z.ZodString>;
    rows: z.ZodArray<z.ZodObject<{
        id: z.ZodInt;
        piece: z.ZodString;
        init: z.ZodEnum<{
            mean: "mean";
            zero: "zero";
        }>;
        from: z.ZodArray<z.ZodInt>;
    }, z.core.$loose>>;
}, z.core.$loose>;
/** embedding-init.json as read. */
export type InitFile = z.infer<typeof initSchema>;
/** One row of embedding-init.json: a new id, its piece and how its embedding rows start. */
export type InitRow = InitFile['rows'][number];
/** The init file, with the id map it names (ids freed) or none (the base's ids unchanged). */
export interface InitInput {
    init: InitFile;
    file: string;
    map?: {
        file: string;
        map: IdMap;
    };
}
/** Reads and checks embedding-init.json and, when it names one, its id-map.json (InputErrors naming the file). */
export declare function readInit(file: string): InitInput;
/** Ids of the extended tokenizer: the base's and one per row, or the map's (padding tokens are ids too). */
export declare function tokenizerIds(input: InitInput): number;
export {};
