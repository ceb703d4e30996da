/**
 * The bulk-insert contract: each dialect inserts many rows its own fastest way (SQLite:
 * prepared multi-row statements; PostgreSQL: one JSON document per chunk).
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Inserts many rows into a table inside the current transaction. */
export type BulkInsert = <T extends keyof Database>(db: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]) => Promise<void>;
