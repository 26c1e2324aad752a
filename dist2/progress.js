// Progress reports and cancellation, shared by every long stage. The lowest module: it imports
// only the error classes.
import { InterruptedError } from './errors.js';
/** Throws InterruptedError when `signal` has been aborted. */
export function throwIfAborted(signal) {
    if (signal?.aborted)
        throw new InterruptedError();
}
/**
 * Lets a long synchronous loop stay responsive: `await pacer.pace()` checks the abort signal
 * and, when `everyMs` have passed since the last yield, yields to the event loop so that signal
 * handlers (Ctrl-C, a dead parent) can run. Call it every few hundred iterations.
 */
export class Pacer {
    signal;
    everyMs;
    last = performance.now();
    constructor(signal, everyMs = 50) {
        this.signal = signal;
        this.everyMs = everyMs;
    }
    /** True when it is time to yield (cheap: one clock read). */
    due() {
        return performance.now() - this.last >= this.everyMs;
    }
    /** Checks the signal; yields to the event loop when due, then checks again. */
    async pace() {
        throwIfAborted(this.signal);
        if (!this.due())
            return;
        await new Promise((resolve) => setImmediate(resolve));
        this.last = performance.now();
        throwIfAborted(this.signal);
    }
}
/** Checks the abort signal and yields to the event loop now (a fresh Pacer would first wait its
 * interval), then checks again: between two long synchronous steps. */
export async function breathe(signal) {
    await new Pacer(signal, 0).pace();
}
//# sourceMappingURL=progress.js.map