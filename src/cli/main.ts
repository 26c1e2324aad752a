// CLI entry point: parses commands, runs one, turns errors into messages and exit codes.
import { Command, CommanderError } from 'commander';
import { TokextError, InterruptedError } from '../errors.js';
import { buildCommand } from './commands/build.js';
import { verifyCommand } from './commands/verify.js';
import { countCommand, planCommand, trainCommand, writeCommand } from './commands/stages.js';
import { evalCommand } from './commands/eval.js';
import { initEmbeddingsCommand } from './commands/embed.js';
import { diffCommand, exportCommand, importCommand, versionsCommand } from './commands/store.js';

/** What commands get from the shell: output, exit code, cancellation. */
export interface CliContext {
  out: (line: string) => void;
  setExit: (code: number) => void;
  signal: AbortSignal;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  // sentencepiece-js (Emscripten) installs handlers that rethrow every uncaught error and print
  // its whole minified source; errors are ours to report.
  process.removeAllListeners('uncaughtException');
  process.removeAllListeners('unhandledRejection');
  // A closed pipe (`tokext eval ... | head`) ends output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  let exit = 0;
  const ctl = new AbortController();
  const onSigint = () => {
    if (ctl.signal.aborted) process.exit(130);
    process.stderr.write('\ninterrupting: cleaning up (Ctrl-C again to quit at once)\n');
    ctl.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const ctx: CliContext = { out: (l) => process.stdout.write(l + '\n'), setExit: (c) => { exit = c; }, signal: ctl.signal };
  const program = new Command('tokext')
    .description('Extend a SentencePiece-BPE LLM tokenizer (Mistral-7B-v0.1 by default) with Japanese pieces')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  for (const c of [buildCommand(ctx), verifyCommand(ctx), countCommand(ctx), trainCommand(ctx), planCommand(ctx), writeCommand(ctx), importCommand(ctx), versionsCommand(ctx), diffCommand(ctx), exportCommand(ctx), evalCommand(ctx), initEmbeddingsCommand(ctx)]) program.addCommand(c.exitOverride());
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof InterruptedError || ctl.signal.aborted) {
      process.stderr.write('tokext: interrupted; no output was written\n');
      return 130;
    }
    if (e instanceof TokextError) {
      process.stderr.write(`tokext: error: ${e.message}\n`);
      if (e.suggestion) process.stderr.write(`  hint: ${e.suggestion}\n`);
      return e.code === 'E_USAGE' ? 2 : 1;
    }
    process.stderr.write(`tokext: unexpected error: ${(e as Error).stack ?? e}\n`);
    return 70;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  return exit;
}
