// The process that runs one command line under the shell (shell.ts), which spawns it.
import { announceDone } from '../io/atomic.js';
import { main } from './main.js';
// sentencepiece-js (Emscripten) installs handlers that rethrow every uncaught error and print
// its whole minified source; errors are ours to report.
process.removeAllListeners('uncaughtException');
process.removeAllListeners('unhandledRejection');
// A closed pipe (`tokext eval ... | head`) ends output quietly.
process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE')
        process.exit(0);
    throw e;
});
// Progress and notes go to stderr; if its reader is gone (a killed parent), they are dropped
// and the run is cancelled by main's parent watch, cleaning up as usual.
process.stderr.on('error', () => { });
void main(process.argv).then((code) => {
    announceDone();
    process.exitCode = code;
});
//# sourceMappingURL=run.js.map