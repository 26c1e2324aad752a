/** A progress callback writing to stderr in the chosen mode. */
export function progressReporter(mode) {
    const tty = process.stderr.isTTY === true;
    let last = 0;
    let lastStage = '';
    const started = Date.now();
    let stageStart = started;
    const fn = ((p) => {
        if (mode === 'none' || (mode === 'auto' && !tty))
            return;
        const now = Date.now();
        if (p.stage === lastStage && now - last < 200 && p.current < p.total)
            return;
        last = now;
        if (p.stage !== lastStage)
            stageStart = now;
        const secs = Math.max(0.001, (now - stageStart) / 1000);
        const rate = p.current / secs;
        const eta = rate > 0 && p.total > p.current ? (p.total - p.current) / rate : 0;
        if (mode === 'json') {
            process.stderr.write(JSON.stringify({ ...p, elapsed_ms: now - started, rate: Math.round(rate), eta_s: Math.round(eta) }) + '\n');
            lastStage = p.stage;
            return;
        }
        if (lastStage && p.stage !== lastStage)
            process.stderr.write('\n');
        lastStage = p.stage;
        const frac = p.total > 0 ? Math.min(1, p.current / p.total) : 0;
        const width = 30;
        const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
        const unit = p.stage === 'count' || p.stage === 'eval' ? 'B/s' : '/s';
        const shown = rate >= 1e6 ? `${(rate / 1e6).toFixed(1)}M` : rate >= 1e3 ? `${(rate / 1e3).toFixed(1)}k` : rate.toFixed(0);
        process.stderr.write(`\r${p.stage.padEnd(8)} [${bar}] ${(frac * 100).toFixed(1).padStart(5)}% ${shown}${unit} elapsed ${secs.toFixed(0)}s eta ${eta.toFixed(0)}s   `);
    });
    fn.done = () => {
        if (mode === 'auto' && tty && lastStage)
            process.stderr.write('\n');
    };
    return fn;
}
/** Runs `fn` with a progress reporter in `mode`, ending its line when `fn` ends, however it ends. */
export async function withProgress(mode, fn) {
    const progress = progressReporter(mode);
    try {
        return await fn(progress);
    }
    finally {
        progress.done();
    }
}
//# sourceMappingURL=progress.js.map