// The memory budget (--memory): its default, its minimum, and how stages share it. Counting
// spills to disk beyond its share; training keeps what fits and records what it left out.
import os from 'node:os';
import { z } from 'zod';
import { UsageError } from './errors.js';
import { checkAs } from './spec.js';

const UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Parses a size with its unit K, M, G or T (powers of 1,024; a trailing B is allowed), e.g. `4G`, `1.5g`, `800MB`.
 * A bare number is refused: `--memory 4096` could mean bytes or megabytes. */
export function parseSize(text: string, name = '--memory'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])b?)?\s*$/i.exec(text);
  if (!m) throw new UsageError(`${name} must be a size such as 4G or 800M, got '${text}'`);
  if (m[2] === undefined)
    throw new UsageError(`${name} ${text.trim()}: give a unit, e.g. ${m[1]}M or 4G (K, M, G or T: powers of 1,024)`);
  return Math.floor(Number(m[1]) * UNITS[m[2].toLowerCase()]!);
}

/** A size for people: 1.5 TB, 3.2 GB, 512 MB. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 4) return `${(bytes / 1024 ** 4).toFixed(1)} TB`;
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** Default budget: a third of the machine's RAM (8 GB on a 24 GB machine). */
export function defaultBudget(): number {
  return Math.floor(os.totalmem() / 3);
}

/** What the process needs whatever the corpus: Node, the libraries, the base tokenizer and its encoder. */
export function fixedCost(baseVocab: number): number {
  return 200 * 1024 ** 2 + baseVocab * 2048;
}

/** What writing and verifying an extension of a `baseVocab`-id base needs at the end of a build, when counting and
 * training have let go of their shares: the output read by several runtimes at once. Byte-level bases with long
 * merge lists cost the most (measured: Gemma 3, 262,145 ids, peaks at 1.23 GB on the sample corpus; Llama 3 and
 * Qwen3 at 0.6 GB; Mistral at 0.25 GB). */
export function finishCost(baseVocab: number): number {
  return 200 * 1024 ** 2 + baseVocab * 4352;
}

/** How far a run's peak RSS may go above its budget: the allocator's and garbage collector's slack and the
 * trainer's bookkeeping outside its share (measured: up to 422 MB above budgets of 391 MB to 1.2 GB on the
 * 127 MB ja-train corpora; bench/scale.mjs reports it). */
export const BUDGET_SLACK = 512 * 1024 ** 2;

/** The smallest budget a build with a base of `baseVocab` ids accepts: the fixed cost and a minimal share for
 * counting and training, and no less than what the end of the build needs. */
export function minimumBudget(baseVocab: number): number {
  return Math.max(fixedCost(baseVocab) + 128 * 1024 ** 2, finishCost(baseVocab));
}

/** How a budget is shared between counting (the in-memory chunk table) and training. */
export interface MemoryPlan {
  budget: number; // bytes, the whole process
  countTable: number; // bytes the chunk table may hold before it spills to disk
  train: number; // bytes the trainer's words, pair index and pair statistics may use
  source: 'option' | 'default';
}

const bytes = (what: string) =>
  z.number({ error: `must be ${what} number of bytes` }).nonnegative({ error: `must be ${what} number of bytes` });
const positiveBytes = bytes('a positive').positive({ error: 'must be a positive number of bytes' });

/** A run's `memory`: a budget in bytes, or a plan as `memoryBudget` makes it. */
export const memorySchema = z.union(
  [
    positiveBytes,
    z.strictObject({
      budget: positiveBytes,
      countTable: bytes('a'),
      train: bytes('a'),
      source: z.enum(['option', 'default']),
    }),
  ],
  {
    error:
      'must be a budget in bytes (a positive number, e.g. 4 * 1024 ** 3) or a MemoryPlan { budget, countTable, train, source }',
  },
);

/** Splits a budget (a plan given as such is kept: tests and callers with their own split);
 * refuses one below the minimum, or one that is not a number of bytes, before any work. */
export function memoryBudget(budget: number | MemoryPlan | undefined, baseVocab: number): MemoryPlan {
  if (budget !== undefined) checkAs(memorySchema, budget, 'run.memory', () => 'run.memory');
  if (typeof budget === 'object') return budget;
  const b = budget ?? defaultBudget();
  const min = minimumBudget(baseVocab);
  if (b < min) {
    const what = `Node, the libraries, a ${baseVocab.toLocaleString('en-US')}-id base tokenizer and the runtimes that verify its extension`;
    throw new UsageError(
      `--memory ${formatSize(b)} is below the ${formatSize(min)} this base needs (${what})`,
      `pass --memory ${Math.ceil(min / 1024 ** 2)}M or more`,
    );
  }
  const free = b - fixedCost(baseVocab);
  return {
    budget: b,
    countTable: Math.floor(free * 0.5),
    // 88%: at a tight budget the trainer fills its share, and its peak late in the merge loop
    // runs ~15% above the estimate (2 GB corpus, --memory 4G: 0.44 GiB over the budget with 90%,
    // 0.50 on huge pages, where BUDGET_SLACK allows 0.5)
    train: Math.floor(free * 0.88),
    source: budget === undefined ? 'default' : 'option',
  };
}

/** Warnings about a plan the machine cannot honour: a budget above its RAM is not enforced by it. */
export function memoryNotes(plan: MemoryPlan, totalRam = os.totalmem()): string[] {
  if (plan.budget <= totalRam) return [];
  return [
    `the memory budget ${formatSize(plan.budget)} is more than this machine's ${formatSize(totalRam)} of RAM: the machine will not ` +
      'enforce it, and the run may be killed for lack of memory (OOM) instead of spilling to disk',
  ];
}
