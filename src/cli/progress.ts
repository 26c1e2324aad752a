// Progress rendering: a bar on a TTY, JSON lines with --progress=json, nothing when quiet.
import type { OnProgress } from '../build/count.js';

/** Progress modes of every long command. */
export type ProgressMode = 'auto' | 'json' | 'none';

/** A progress callback writing to stderr in the chosen mode. */
export function progressReporter(mode: ProgressMode): OnProgress & { done(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let lastStage = '';
  const started = Date.now();
  const fn = ((p) => {
    if (mode === 'none' || (mode === 'auto' && !tty)) return;
    const now = Date.now();
    if (p.stage === lastStage && now - last < 200 && p.current < p.total) return;
    last = now;
    if (mode === 'json') {
      process.stderr.write(JSON.stringify({ ...p, elapsed_ms: now - started }) + '\n');
      lastStage = p.stage;
      return;
    }
    if (lastStage && p.stage !== lastStage) process.stderr.write('\n');
    lastStage = p.stage;
    const frac = p.total > 0 ? Math.min(1, p.current / p.total) : 0;
    const width = 30;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
    const secs = (now - started) / 1000;
    process.stderr.write(`\r${p.stage.padEnd(8)} [${bar}] ${(frac * 100).toFixed(1).padStart(5)}% ${secs.toFixed(0)}s`);
  }) as OnProgress & { done(): void };
  fn.done = () => {
    if (mode === 'auto' && tty && lastStage) process.stderr.write('\n');
  };
  return fn;
}
