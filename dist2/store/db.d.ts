import Database from 'better-sqlite3';
/** Default store location, relative to the working directory. */
export declare const DEFAULT_DB: string;
/** An open store. */
export type Store = Database.Database;
/** Opens (creating if needed) and migrates the store; refuses one newer than this code. */
export declare function openStore(file: string, opts?: {
    create?: boolean;
    busyMs?: number;
    readonly?: boolean;
}): Store;
/** Runs `fn` mapping SQLite errors to readable ones. */
export declare function guarded<T>(file: string, fn: () => T): T;
