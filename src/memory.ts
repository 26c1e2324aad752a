// The memory budget (--memory): its default, its minimum, and how stages share it. Counting
// spills to disk beyond its share; training keeps what fits and records what it left out.
import os from 'node:os';
import { UsageError } from './errors.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

/** Parses a size: bytes, or a number with K/M/G/T (powers of 1,024), e.g. `4G`, `1.5g`, `800MB`. */
export function parseSize(text: string, name = '--memory'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?b?)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`${name} must be a size such as 4G, 800M or 1500000000, got '${text}'`);
  return Math.floor(Number(m[1]) * unit);
}

/** A size for people: 3.2 GB, 512 MB. */
export function formatSize(bytes: number): string {
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

/** The smallest budget a build with a base of `baseVocab` ids accepts. */
export function minimumBudget(baseVocab: number): number {
  return fixedCost(baseVocab) + 128 * 1024 ** 2;
}

/** How a budget is shared between counting (the in-memory chunk table) and training. */
export interface MemoryPlan {
  budget: number; // bytes, the whole process
  countTable: number; // bytes the chunk table may hold before it spills to disk
  train: number; // bytes the trainer's words, pair index and pair statistics may use
  source: 'option' | 'default';
}

/** Splits a budget (a plan given as such is kept: tests and callers with their own split);
 * refuses one below the minimum before any work. */
export function planMemory(budget: number | MemoryPlan | undefined, baseVocab: number): MemoryPlan {
  if (typeof budget === 'object') return budget;
  const b = budget ?? defaultBudget();
  const min = minimumBudget(baseVocab);
  if (b < min) throw new UsageError(`--memory ${formatSize(b)} is below the ${formatSize(min)} this base needs (Node, the libraries and a ${baseVocab.toLocaleString('en-US')}-id base tokenizer)`, `pass --memory ${Math.ceil(min / 1024 ** 2)}M or more`);
  const free = b - fixedCost(baseVocab);
  return { budget: b, countTable: Math.floor(free * 0.5), train: Math.floor(free * 0.9), source: budget === undefined ? 'default' : 'option' };
}
