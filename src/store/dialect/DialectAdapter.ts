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
  /** True if the error says another writer holds the lock (the write may be retried). */
  isBusy(e: unknown): boolean;
  close(): Promise<void>;
}

/** Thrown by a dialect's `lock` when another writer holds the timeline's write lock. */
export class LockBusy extends Error {
  constructor() {
    super('the timeline write lock is held by another writer');
    this.name = 'LockBusy';
  }
}
