// CLI entry point: parses commands, runs one, turns errors into messages and exit codes.
import { Command, CommanderError } from 'commander';
import { EXIT, InterruptedError, TokextError, UsageError } from '../errors.js';
import { removeLiveTempsSync } from '../io/atomic.js';
import { TOOL } from '../spec.js';
import type { CliContext } from './context.js';
import { reportError, wantsJson } from './report-error.js';

/** Each command's name and how to load its definition, in the order of the help. A command module
 * imports the library it runs, so only the command a line names is loaded (all of them for the help). */
const COMMANDS: readonly (readonly [string, () => Promise<(ctx: CliContext) => Command>])[] = [
  ['build', async () => (await import('./commands/build.js')).buildCommand],
  ['verify', async () => (await import('./commands/verify.js')).verifyCommand],
  ['count', async () => (await import('./commands/stages.js')).countCommand],
  ['train', async () => (await import('./commands/stages.js')).trainCommand],
  ['plan', async () => (await import('./commands/stages.js')).planCommand],
  ['write', async () => (await import('./commands/stages.js')).writeCommand],
  ['import', async () => (await import('./commands/store.js')).importCommand],
  ['versions', async () => (await import('./commands/store.js')).versionsCommand],
  ['diff', async () => (await import('./commands/store.js')).diffCommand],
  ['export', async () => (await import('./commands/store.js')).exportCommand],
  ['eval', async () => (await import('./commands/eval.js')).evalCommand],
  ['curve', async () => (await import('./commands/curve.js')).curveCommand],
  ['init-embeddings', async () => (await import('./commands/embed.js')).initEmbeddingsCommand],
  ['gguf', async () => (await import('./commands/gguf.js')).ggufCommand],
  ['serve', async () => (await import('./commands/serve.js')).serveCommand],
];

/** The definitions of the commands `argv` may run: the one it names, or all when it names none
 * (the help, a typo commander suggests a name for). The only program options are --help and --version. */
async function commandsFor(argv: string[]): Promise<((ctx: CliContext) => Command)[]> {
  const named = argv.slice(2).find((a) => !a.startsWith('-'));
  const one = COMMANDS.find(([name]) => name === named);
  return Promise.all((one ? [one] : COMMANDS).map(([, load]) => load()));
}

/** Two signals this close together are one Ctrl-C (delivered to the process group and passed on). */
const SAME_PRESS_MS = 200;

/** Aborts `ctl` on Ctrl-C, SIGTERM, SIGHUP and when the parent process goes away (a killed
 * `npx` or shell would otherwise leave us running as an orphan). A second Ctrl-C removes this
 * process's temporaries and exits at once. Returns a function that undoes it all. */
function watchForCancel(ctl: AbortController): () => void {
  let first = 0;
  const onSignal = (sig: string) => () => {
    // Ctrl-C reaches both the shell and this process, and the shell passes it on: one press.
    if (ctl.signal.aborted && performance.now() - first < SAME_PRESS_MS) return;
    if (ctl.signal.aborted) {
      removeLiveTempsSync();
      process.exit(EXIT.interrupted);
    }
    first = performance.now();
    process.stderr.write(`\ninterrupting (${sig}): cleaning up (Ctrl-C again to quit at once)\n`);
    ctl.abort(new InterruptedError());
  };
  const handlers = { SIGINT: onSignal('SIGINT'), SIGTERM: onSignal('SIGTERM'), SIGHUP: onSignal('SIGHUP') };
  for (const [sig, fn] of Object.entries(handlers)) process.on(sig, fn);
  const parent = process.ppid;
  const poll = setInterval(() => {
    if (process.ppid !== parent && !ctl.signal.aborted) {
      process.stderr.write('\nparent process exited: cleaning up\n');
      ctl.abort(new InterruptedError('interrupted: the parent process exited'));
    }
  }, 500);
  poll.unref();
  return () => {
    for (const [sig, fn] of Object.entries(handlers)) process.off(sig, fn);
    clearInterval(poll);
  };
}

/** Runs the CLI for `argv` (node, script, args…) in this process; resolves to the exit code. Output
 * goes to process.stdout and process.stderr. Re-entrant: the process-wide set-up of a CLI process
 * (error handlers, a closed pipe) is run.ts's. */
export async function main(argv: string[]): Promise<number> {
  const json = wantsJson(argv);
  let exit: number = EXIT.ok;
  const ctl = new AbortController();
  const unwatch = watchForCancel(ctl);
  const ctx: CliContext = {
    out: (l) => process.stdout.write(l + '\n'),
    warn: (l) => process.stderr.write(`tokext: ${l}\n`),
    setExit: (c) => {
      exit = c;
    },
    signal: ctl.signal,
  };
  const program = new Command(TOOL.name)
    .description('Extend a BPE LLM tokenizer (Mistral-7B-v0.1 by default) with Japanese pieces')
    .version(TOOL.version)
    .exitOverride()
    .showHelpAfterError();
  try {
    for (const make of await commandsFor(argv)) program.addCommand(make(ctx).exitOverride());
    await program.parseAsync(argv);
  } catch (e) {
    let err = e;
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok; // --help, --version
      if (!json) return EXIT.usage; // commander has printed the message and the usage
      err = new UsageError(err.message.replace(/^error: /, ''));
    } else if (
      err instanceof RangeError &&
      /allocation failed|Invalid typed array length|Array buffer/i.test(err.message)
    ) {
      err = new TokextError(
        `out of memory (${err.message}): the machine could not give what the memory budget allowed`,
        'E_MEMORY',
        'pass a smaller --memory (counting then spills earlier and training leaves out more of the rarest chunks), or free memory',
      );
    } else if (ctl.signal.aborted && !(err instanceof InterruptedError)) {
      err = ctl.signal.reason instanceof InterruptedError ? ctl.signal.reason : new InterruptedError();
    }
    return reportError(err, json);
  } finally {
    unwatch();
  }
  return exit;
}
