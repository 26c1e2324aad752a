// The --force flag of commands that write files, said once.
import type { Command } from 'commander';

/** Adds --force for a command whose outputs are files. */
export function forceFileOption(cmd: Command): Command {
  return cmd.option(
    '--force',
    "replace an existing output file that tokext did not write (never one of the run's inputs)",
    false,
  );
}
