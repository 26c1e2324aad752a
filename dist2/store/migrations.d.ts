/** All migrations in order. */
export declare const MIGRATIONS: readonly string[];
