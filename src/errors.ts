// Named errors: only the CLI entry point catches them and turns them into exit codes.

/** Base class: a code for machines, a suggestion for people. */
export class TokextError extends Error {
  constructor(message: string, readonly code: string, readonly suggestion?: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The user asked for something impossible or contradictory. */
export class UsageError extends TokextError {
  constructor(message: string, suggestion?: string) {
    super(message, 'E_USAGE', suggestion);
  }
}

/** Input data is unreadable or malformed; names the file and, when known, the line. */
export class InputError extends TokextError {
  constructor(message: string, readonly file?: string, readonly line?: number, suggestion?: string) {
    super(file ? `${file}${line !== undefined ? `:${line}` : ''}: ${message}` : message, 'E_INPUT', suggestion);
  }
}

/** One of our own invariants failed: a bug in tokext, or a corrupt model. */
export class InvariantError extends TokextError {
  constructor(message: string, suggestion?: string) {
    super(message, 'E_INVARIANT', suggestion);
  }
}

/** The run was interrupted (Ctrl-C); nothing partial was left behind. */
export class InterruptedError extends TokextError {
  constructor() {
    super('interrupted', 'E_INTERRUPTED');
  }
}
