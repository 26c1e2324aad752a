/** How long an interrupted command may take to stop by itself before it is killed. */
export declare const GRACE_MS = 200;
/** Runs the CLI for `argv` (node, script, args…) in a child process; resolves to the exit code.
 * `early`: signals that arrived while this process was loading (then nothing is started). */
export declare function runCli(argv: string[], early?: readonly NodeJS.Signals[]): Promise<number>;
