// The local version store: one SQLite file (better-sqlite3), WAL, migrations in user_version.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';

/** Default store location, relative to the working directory. */
export const DEFAULT_DB = path.join('vocab', 'tokext.db');

/** An open store. */
export type Store = Database.Database;

function wrap(e: unknown, file: string): never {
  const msg = (e as Error).message ?? String(e);
  if (/file is not a database|malformed|SQLITE_NOTADB|SQLITE_CORRUPT/i.test(msg)) {
    throw new InputError(`not a tokext store, or the file is corrupt (${msg})`, file, undefined, 'pass another --db, or move this file away to start a new store');
  }
  if (/locked|busy/i.test(msg)) {
    throw new InputError(`the store is locked by another process (${msg})`, file, undefined, 'wait for the other tokext command to finish and retry');
  }
  throw e;
}

/** Opens (creating if needed) and migrates the store; refuses one newer than this code. */
export function openStore(file: string, opts: { create?: boolean; busyMs?: number } = {}): Store {
  if (!opts.create && !fs.existsSync(file)) {
    throw new InputError('no store here yet', file, undefined, 'run tokext build or tokext import first, or pass --db');
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Store;
  try {
    db = new Database(file, { timeout: opts.busyMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      db.close();
      throw new InputError(`the store was written by a newer tokext (schema ${version}; this tokext knows up to ${MIGRATIONS.length})`, file, undefined, 'upgrade tokext');
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[v]!);
        db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    wrap(e, file);
  }
  return db;
}

/** Runs `fn` mapping SQLite errors to readable ones. */
export function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw e;
    return wrap(e, file);
  }
}
