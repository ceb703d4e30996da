/**
 * What differs between the SQL dialects, behind one interface.
 */
import type { Kysely, Transaction } from 'kysely';
import type { BulkInsert } from '../insertChunked.js';
import type { Database } from '../schema.js';

/** A connected database of one dialect. */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  /** Takes the timeline write lock inside a transaction. */
  lock(tx: Transaction<Database>): Promise<void>;
  /** Inserts many rows fast (inside the caller's transaction). */
  readonly insert: BulkInsert;
  close(): Promise<void>;
}
