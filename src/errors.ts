// Named errors: only the CLI entry point catches them and turns them into exit codes.

/** Base class: a code for machines, a suggestion for people. */
export class TokextError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The error as data, for `--json` output. */
  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.suggestion ? { hint: this.suggestion } : {}) };
  }
}

/** The user asked for something impossible or contradictory. */
export class UsageError extends TokextError {
  constructor(message: string, suggestion?: string) {
    super(message, 'E_USAGE', suggestion);
  }
}

/** An InputError as plain data. */
export interface InputErrorParts {
  what: string;
  file?: string;
  line?: number;
  suggestion?: string;
}

/** Input data is unreadable or malformed; names the file and, when known, the line. */
export class InputError extends TokextError {
  constructor(
    private readonly what: string,
    readonly file?: string,
    readonly line?: number,
    suggestion?: string,
  ) {
    super(file ? `${file}${line !== undefined ? `:${line}` : ''}: ${what}` : what, 'E_INPUT', suggestion);
  }

  /** The error as plain data, to cross to another thread (`InputError.of` makes it again). */
  parts(): InputErrorParts {
    return { what: this.what, file: this.file, line: this.line, suggestion: this.suggestion };
  }

  static of(p: InputErrorParts): InputError {
    return new InputError(p.what, p.file, p.line, p.suggestion);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      ...(this.file ? { file: this.file } : {}),
      ...(this.line !== undefined ? { line: this.line } : {}),
    };
  }
}

/** An output cannot be written (permissions, a full disk, a name too long); names the path. */
export class OutputError extends TokextError {
  constructor(
    message: string,
    readonly path: string,
    suggestion?: string,
  ) {
    super(`${path}: ${message}`, 'E_OUTPUT', suggestion);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path };
  }
}

/** One of our own invariants failed: a bug in tokext, or a corrupt model. */
export class InvariantError extends TokextError {
  constructor(message: string, suggestion?: string) {
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
} as const;

/** The exit code for an error thrown by a command. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof InterruptedError) return EXIT.interrupted;
  if (e instanceof UsageError) return EXIT.usage;
  if (e instanceof InvariantError) return EXIT.internal;
  if (e instanceof TokextError) return EXIT.failed;
  return EXIT.internal;
}

/** Maps a Node file-system error on `p` to an OutputError with a readable reason (others pass through): `throw asOutputError(e, p)`. */
export function asOutputError(e: unknown, p: string, what = 'cannot write'): unknown {
  if (e instanceof TokextError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const reason: Record<string, string> = {
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
  if (code && reason[code]) return new OutputError(`${what}: ${reason[code]} (${code})`, p);
  return e;
}
