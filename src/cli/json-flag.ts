// Whether a command line asks for JSON output: read by the shell and by the command runner.

/** True if the command line asks for JSON output (errors then go to stdout as JSON too). */
export function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}
