// Named errors: only the CLI entry point catches them and turns them into exit codes.
/** Base class: a code for machines, a suggestion for people. */
export class TokextError extends Error {
    code;
    suggestion;
    constructor(message, code, suggestion) {
        super(message);
        this.code = code;
        this.suggestion = suggestion;
        this.name = new.target.name;
    }
    /** The error as data, for `--json` output. */
    toJSON() {
        return { code: this.code, message: this.message, ...(this.suggestion ? { hint: this.suggestion } : {}) };
    }
}
/** The user asked for something impossible or contradictory. */
export class UsageError extends TokextError {
    constructor(message, suggestion) {
        super(message, 'E_USAGE', suggestion);
    }
}
/** Input data is unreadable or malformed; names the file and, when known, the line. */
export class InputError extends TokextError {
    file;
    line;
    constructor(message, file, line, suggestion) {
        super(file ? `${file}${line !== undefined ? `:${line}` : ''}: ${message}` : message, 'E_INPUT', suggestion);
        this.file = file;
        this.line = line;
    }
    toJSON() {
        return {
            ...super.toJSON(),
            ...(this.file ? { file: this.file } : {}),
            ...(this.line !== undefined ? { line: this.line } : {}),
        };
    }
}
/** An output cannot be written (permissions, a full disk, a name too long); names the path. */
export class OutputError extends TokextError {
    path;
    constructor(message, path, suggestion) {
        super(`${path}: ${message}`, 'E_OUTPUT', suggestion);
        this.path = path;
    }
    toJSON() {
        return { ...super.toJSON(), path: this.path };
    }
}
/** One of our own invariants failed: a bug in tokext, or a corrupt model. */
export class InvariantError extends TokextError {
    constructor(message, suggestion) {
        super(message, 'E_INVARIANT', suggestion);
    }
}
/** The run was interrupted (Ctrl-C, SIGTERM, the parent process gone); nothing partial was left behind. */
export class InterruptedError extends TokextError {
    constructor(reason = 'interrupted') {
        super(reason, 'E_INTERRUPTED');
    }
}
/** Exit codes by error class: the one table the CLI uses (and the README documents). */
export const EXIT = {
    ok: 0,
    failed: 1, // bad input, an output that cannot be written, a failed check
    usage: 2, // bad options
    internal: 70, // a bug in tokext (EX_SOFTWARE)
    interrupted: 130, // 128 + SIGINT
};
/** The exit code for an error thrown by a command. */
export function exitCodeOf(e) {
    if (e instanceof InterruptedError)
        return EXIT.interrupted;
    if (e instanceof UsageError)
        return EXIT.usage;
    if (e instanceof InvariantError)
        return EXIT.internal;
    if (e instanceof TokextError)
        return EXIT.failed;
    return EXIT.internal;
}
/** Maps a Node file-system error on `p` to an OutputError with a readable reason (others pass through): `throw asOutputError(e, p)`. */
export function asOutputError(e, p, what = 'cannot write') {
    if (e instanceof TokextError)
        return e;
    const code = e?.code;
    const reason = {
        EACCES: 'permission denied',
        EPERM: 'operation not permitted',
        EROFS: 'read-only file system',
        ENOSPC: 'no space left on device',
        EDQUOT: 'disk quota exceeded',
        ENAMETOOLONG: 'file name too long',
        ENOTDIR: 'a parent of this path is a file, not a directory',
        ENOENT: 'the directory does not exist',
        EISDIR: 'is a directory',
        EEXIST: 'already exists',
        ENOTEMPTY: 'exists and is not empty',
        EIO: 'input/output error',
    };
    if (code && reason[code])
        return new OutputError(`${what}: ${reason[code]} (${code})`, p);
    return e;
}
//# sourceMappingURL=errors.js.map