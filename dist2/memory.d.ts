import { z } from 'zod';
/** Parses a size with its unit K, M, G or T (powers of 1,024; a trailing B is allowed), e.g. `4G`, `1.5g`, `800MB`.
 * A bare number is refused: `--memory 4096` could mean bytes or megabytes. */
export declare function parseSize(text: string, name?: string): number;
/** A size for people: 1.5 TB, 3.2 GB, 512 MB. */
export declare function formatSize(bytes: number): string;
/** Default budget: a third of the machine's RAM (8 GB on a 24 GB machine). */
export declare function defaultBudget(): number;
/** What the process needs whatever the corpus: Node, the libraries, the base tokenizer and its encoder. */
export declare function fixedCost(baseVocab: number): number;
/** What writing and verifying an extension of a `baseVocab`-id base needs at the end of a build, when counting and
 * training have let go of their shares: the output read by several runtimes at once. Byte-level bases with long
 * merge lists cost the most (measured: Gemma 3, 262,145 ids, peaks at 1.23 GB on the sample corpus; Llama 3 and
 * Qwen3 at 0.6 GB; Mistral at 0.25 GB). */
export declare function finishCost(baseVocab: number): number;
/** How far a run's peak RSS may go above its budget: the allocator's and garbage collector's slack and the
 * trainer's bookkeeping outside its share (measured: up to 422 MB above budgets of 391 MB to 1.2 GB on the
 * 127 MB ja-train corpora; bench/scale.mjs reports it). */
export declare const BUDGET_SLACK: number;
/** The smallest budget a build with a base of `baseVocab` ids accepts: the fixed cost and a minimal share for
 * counting and training, and no less than what the end of the build needs. */
export declare function minimumBudget(baseVocab: number): number;
/** How a budget is shared between counting (the in-memory chunk table) and training. */
export interface MemoryPlan {
    budget: number;
    countTable: number;
    train: number;
    source: 'option' | 'default';
}
/** A run's `memory`: a budget in bytes, or a plan as `memoryBudget` makes it. */
export declare const memorySchema: z.ZodUnion<readonly [z.ZodNumber, z.ZodObject<{
    budget: z.ZodNumber;
    countTable: z.ZodNumber;
    train: z.ZodNumber;
    source: z.ZodEnum<{
        default: "default";
        option: "option";
    }>;
}, z.core.$strict>]>;
/** Splits a budget (a plan given as such is kept: tests and callers with their own split);
 * refuses one below the minimum, or one that is not a number of bytes, before any work. */
export declare function memoryBudget(budget: number | MemoryPlan | undefined, baseVocab: number): MemoryPlan;
/** Warnings about a plan the machine cannot honour: a budget above its RAM is not enforced by it. */
export declare function memoryNotes(plan: MemoryPlan, totalRam?: number): string[];
