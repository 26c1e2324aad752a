// Progress reports and cancellation, shared by every long stage. The lowest module: it imports
// only the error classes.
import { InterruptedError } from './errors.js';

/** One progress report: `current` of `total` units of work in a named stage. */
export interface ProgressEvent {
  stage: string;
  current: number;
  total: number;
}

/** Progress callback every long stage accepts (the CLI draws it; the library never prints). */
export type OnProgress = (p: ProgressEvent) => void;

/** What a long stage receives to report progress, tell the user something and notice cancellation. */
export interface RunControl {
  signal?: AbortSignal;
  onProgress?: OnProgress;
  onNote?: (message: string) => void; // a one-line note for people (the memory budget, a reduction)
  threads?: number; // worker threads for work that splits (default: one per core); never changes a result
}

/** Just the RunControl fields of a larger run-options object (to pass on to a stage). */
export function controlOf(run: RunControl): RunControl {
  return { signal: run.signal, onProgress: run.onProgress, onNote: run.onNote, threads: run.threads };
}

/** Throws InterruptedError when `signal` has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InterruptedError();
}

/**
 * Lets a long synchronous loop stay responsive: `await pacer.pace()` checks the abort signal
 * and, when `everyMs` have passed since the last yield, yields to the event loop so that signal
 * handlers (Ctrl-C, a dead parent) can run. Call it every few hundred iterations.
 */
export class Pacer {
  private last = performance.now();
  constructor(
    private readonly signal?: AbortSignal,
    private readonly everyMs = 50,
  ) {}

  /** True when it is time to yield (cheap: one clock read). */
  due(): boolean {
    return performance.now() - this.last >= this.everyMs;
  }

  /** Checks the signal; yields to the event loop when due, then checks again. */
  async pace(): Promise<void> {
    throwIfAborted(this.signal);
    if (!this.due()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
    throwIfAborted(this.signal);
  }
}

/** Checks the abort signal and yields to the event loop now (a fresh Pacer would first wait its
 * interval), then checks again: between two long synchronous steps. */
export async function breathe(signal?: AbortSignal): Promise<void> {
  await new Pacer(signal, 0).pace();
}
