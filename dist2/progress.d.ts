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
    onNote?: (message: string) => void;
}
/** Throws InterruptedError when `signal` has been aborted. */
export declare function throwIfAborted(signal: AbortSignal | undefined): void;
/**
 * Lets a long synchronous loop stay responsive: `await pacer.pace()` checks the abort signal
 * and, when `everyMs` have passed since the last yield, yields to the event loop so that signal
 * handlers (Ctrl-C, a dead parent) can run. Call it every few hundred iterations.
 */
export declare class Pacer {
    private readonly signal?;
    private readonly everyMs;
    private last;
    constructor(signal?: AbortSignal | undefined, everyMs?: number);
    /** True when it is time to yield (cheap: one clock read). */
    due(): boolean;
    /** Checks the signal; yields to the event loop when due, then checks again. */
    pace(): Promise<void>;
}
/** Checks the abort signal and yields to the event loop now (a fresh Pacer would first wait its
 * interval), then checks again: between two long synchronous steps. */
export declare function breathe(signal?: AbortSignal): Promise<void>;
