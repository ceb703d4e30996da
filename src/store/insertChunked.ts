/**
 * Multi-row inserts cut to the dialect's parameter limit: one statement per chunk is far
 * faster than one per row, and stays under SQLite's and PostgreSQL's bind limits.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Inserts `rows` into `table` in as few statements as the parameter limit allows. */
export async function insertChunked<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  maxParameters: number,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(maxParameters / columns));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely's generic insert typing cannot follow a table chosen at run time.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/** Inserts many rows into a table inside the current transaction. */
export type BulkInsert = <T extends keyof Database>(db: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]) => Promise<void>;
