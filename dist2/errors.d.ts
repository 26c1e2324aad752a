/** Base class: a code for machines, a suggestion for people. */
export declare class TokextError extends Error {
    readonly code: string;
    readonly suggestion?: string | undefined;
    constructor(message: string, code: string, suggestion?: string | undefined);
    /** The error as data, for `--json` output. */
    toJSON(): Record<string, unknown>;
}
/** The user asked for something impossible or contradictory. */
export declare class UsageError extends TokextError {
    constructor(message: string, suggestion?: string);
}
/** Input data is unreadable or malformed; names the file and, when known, the line. */
export declare class InputError extends TokextError {
    readonly file?: string | undefined;
    readonly line?: number | undefined;
    constructor(message: string, file?: string | undefined, line?: number | undefined, suggestion?: string);
    toJSON(): Record<string, unknown>;
}
/** An output cannot be written (permissions, a full disk, a name too long); names the path. */
export declare class OutputError extends TokextError {
    readonly path: string;
    constructor(message: string, path: string, suggestion?: string);
    toJSON(): Record<string, unknown>;
}
/** One of our own invariants failed: a bug in tokext, or a corrupt model. */
export declare class InvariantError extends TokextError {
    constructor(message: string, suggestion?: string);
}
/** The run was interrupted (Ctrl-C, SIGTERM, the parent process gone); nothing partial was left behind. */
export declare class InterruptedError extends TokextError {
    constructor(reason?: string);
}
/** Exit codes by error class: the one table the CLI uses (and the README documents). */
export declare const EXIT: {
    readonly ok: 0;
    readonly failed: 1;
    readonly usage: 2;
    readonly internal: 70;
    readonly interrupted: 130;
};
/** The exit code for an error thrown by a command. */
export declare function exitCodeOf(e: unknown): number;
/** Maps a Node file-system error on `p` to an OutputError with a readable reason (others pass through): `throw asOutputError(e, p)`. */
export declare function asOutputError(e: unknown, p: string, what?: string): unknown;
