// What every command gets from the shell: output, warnings, exit code, cancellation.

/** The shell's services for one command run. */
export interface CliContext {
  out: (line: string) => void; // a line of the result on stdout
  warn: (line: string) => void; // a note for people on stderr (never part of the result)
  setExit: (code: number) => void;
  signal: AbortSignal; // aborted on Ctrl-C, SIGTERM, SIGHUP or when the parent process dies
}
