// Between two long synchronous steps of planning or writing: notice Ctrl-C at once. A Pacer
// counts time from its own creation, so a step that starts a fresh one after a long call would
// otherwise wait another interval before its first yield.
import { Pacer } from '../progress.js';

/** Checks the abort signal and yields to the event loop now (so signal handlers run), then checks again. */
export async function breathe(signal?: AbortSignal): Promise<void> {
  await new Pacer(signal, 0).pace();
}
