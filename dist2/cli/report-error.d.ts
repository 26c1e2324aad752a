/** True if the command line asks for JSON output (errors then go to stdout as JSON too). */
export declare function wantsJson(argv: string[]): boolean;
/** Reports `err` as the CLI does; returns its exit code. */
export declare function reportError(err: unknown, json: boolean): number;
