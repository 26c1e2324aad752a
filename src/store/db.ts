// The local version store: one SQLite file (better-sqlite3), WAL, migrations in user_version.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InputError, OutputError, TokextError, UsageError } from '../errors.js';
import { MIGRATIONS, READABLE_FROM } from './migrations.js';

/** Default store location, relative to the working directory. */
export const DEFAULT_DB = path.join('vocab', 'tokext.db');

/** An open store. */
export type Store = Database.Database;

/** Turns a SQLite error on `file` into a named error with a suggestion (others pass through). */
function explain(e: unknown, file: string): unknown {
  if (e instanceof TokextError) return e;
  const code = String((e as { code?: string }).code ?? '');
  const msg = (e as Error).message ?? String(e);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /file is not a database|malformed/i.test(msg)) {
    return new InputError(
      `not a tokext store, or the file is corrupt (${msg})`,
      file,
      undefined,
      'pass another --db, or move this file away to start a new store',
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /locked|busy/i.test(msg)) {
    return new InputError(
      `the store is locked by another process (${msg})`,
      file,
      undefined,
      'wait for the other tokext command to finish and retry',
    );
  }
  if (code.startsWith('SQLITE_READONLY'))
    return new OutputError(
      `the store is read-only (${msg})`,
      file,
      'make the file and its directory writable, or pass another --db',
    );
  if (code.startsWith('SQLITE_CANTOPEN'))
    return new OutputError(
      `cannot open the store (${msg})`,
      file,
      'check that the path and its directory are writable',
    );
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR'))
    return new OutputError(`cannot write the store (${msg})`, file, 'free disk space and retry');
  if (code.startsWith('SQLITE_CONSTRAINT') && /versions\.label/.test(msg))
    return new UsageError(
      `that label is already taken in ${file} (another run recorded it meanwhile)`,
      'choose another --label',
    );
  return e;
}

/** Opens (creating if needed) and migrates the store; refuses one newer than this code. */
export function openStore(file: string, opts: { create?: boolean; busyMs?: number; readonly?: boolean } = {}): Store {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new InputError(
      'is a directory, not a store file',
      file,
      undefined,
      'pass --db FILE, e.g. --db vocab/tokext.db',
    );
  }
  if (!opts.create && !fs.existsSync(file)) {
    throw new InputError('no store here yet', file, undefined, 'run tokext build or tokext import first, or pass --db');
  }
  if (opts.readonly) return openReadonly(file, opts.busyMs);
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  } catch (e) {
    throw new OutputError(`cannot create the store's directory (${(e as Error).message})`, path.dirname(file));
  }
  let db: Store | undefined;
  try {
    db = new Database(file, { timeout: opts.busyMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new InputError(
        `the store was written by a newer tokext (schema ${version}; this tokext knows up to ${MIGRATIONS.length})`,
        file,
        undefined,
        'upgrade tokext',
      );
    }
    // Each step re-reads the schema version under the write lock: two processes creating one store
    // at once must not both run a migration.
    const d = db;
    const step = d.transaction((): boolean => {
      const v = d.pragma('user_version', { simple: true }) as number;
      if (v >= MIGRATIONS.length) return false;
      d.exec(MIGRATIONS[v]!);
      d.pragma(`user_version = ${v + 1}`);
      return true;
    });
    while (step.immediate());
    return db;
  } catch (e) {
    db?.close();
    throw explain(e, file);
  }
}

/** True for SQLite's "cannot open / cannot write" errors, which a read-only location gives a WAL store. */
const isReadonlyPlace = (e: unknown) => /^SQLITE_(CANTOPEN|READONLY)/.test(String((e as { code?: string }).code ?? ''));

/** A WAL-mode store on a read-only mount or in a directory this user cannot write: SQLite cannot
 * create its shared-memory file there, so the store is read into memory as a snapshot (its header
 * set to rollback mode, which an in-memory copy needs). Refused if a -wal file holds recent writes. */
function openSnapshot(file: string, busyMs: number): Store {
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
    throw new InputError(
      'the store is in a read-only place and its -wal file holds writes not yet in the store file',
      file,
      undefined,
      'open it once where it is writable (any tokext command that writes), or copy it somewhere writable',
    );
  }
  const bytes = fs.readFileSync(file);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  return new Database(bytes, { readonly: true, timeout: busyMs });
}

/** Opens an existing store for reading only (listing, diff, export, eval): works on a read-only
 * file, in a read-only directory and on a read-only mount. */
function openReadonly(file: string, busyMs = 5000): Store {
  let db: Store | undefined;
  try {
    try {
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: busyMs });
      db.pragma('user_version', { simple: true });
    } catch (e) {
      db?.close();
      if (!isReadonlyPlace(e)) throw e;
      db = openSnapshot(file, busyMs);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new InputError(
        `the store was written by a newer tokext (schema ${version}; this tokext knows up to ${MIGRATIONS.length})`,
        file,
        undefined,
        'upgrade tokext',
      );
    }
    if (version < READABLE_FROM) {
      throw new InputError(
        `the store has schema ${version}, older than this tokext reads (${READABLE_FROM} to ${MIGRATIONS.length})`,
        file,
        undefined,
        'run a command that writes to it (tokext import) once to migrate it',
      );
    }
    return db;
  } catch (e) {
    db?.close();
    throw explain(e, file);
  }
}

/** Runs `fn` mapping SQLite errors to readable ones. */
export function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw explain(e, file);
  }
}
