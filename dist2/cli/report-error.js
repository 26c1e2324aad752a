// How a command's failure reaches the user: a JSON body on stdout with --json, a line (and hint)
// on stderr, an exit code. Light on purpose: the shell uses it without loading the library.
import { InterruptedError, TokextError, exitCodeOf } from '../errors.js';
/** True if the command line asks for JSON output (errors then go to stdout as JSON too). */
export function wantsJson(argv) {
    const end = argv.indexOf('--');
    return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}
/** Reports `err` as the CLI does; returns its exit code. */
export function reportError(err, json) {
    if (json) {
        const body = err instanceof TokextError ? err.toJSON() : { code: 'E_INTERNAL', message: String(err.stack ?? err) };
        process.stdout.write(JSON.stringify({ ok: false, error: body }) + '\n');
    }
    if (err instanceof InterruptedError)
        process.stderr.write(`tokext: ${err.message}; no output was written\n`);
    else if (err instanceof TokextError) {
        process.stderr.write(`tokext: error: ${err.message}\n`);
        if (err.suggestion)
            process.stderr.write(`  hint: ${err.suggestion}\n`);
    }
    else
        process.stderr.write(`tokext: unexpected error (a bug in tokext; please report it): ${err.stack ?? String(err)}\n`);
    return exitCodeOf(err);
}
//# sourceMappingURL=report-error.js.map