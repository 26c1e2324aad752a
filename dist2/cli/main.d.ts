/** Runs the CLI for `argv` (node, script, args…) in this process; resolves to the exit code. Output
 * goes to process.stdout and process.stderr. Re-entrant: the process-wide set-up of a CLI process
 * (error handlers, a closed pipe) is run.ts's. */
export declare function main(argv: string[]): Promise<number>;
