/**
 * SQLite through better-sqlite3: the embedded default, one file next to the user.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database as Schema } from '../schema.js';
import type { DialectAdapter } from './DialectAdapter.js';

/** Opens (creating if needed) a SQLite database file. */
export function openSqlite(file: string): DialectAdapter {
  const native = new Database(file);
  // WAL lets readers run beside a writer; synchronous=FULL makes every acknowledged commit
  // survive a crash or power loss, not only a killed process.
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = FULL');
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 10000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: native }) });
  return {
    name: 'sqlite',
    db,
    // Taking the write lock first (BEGIN IMMEDIATE semantics) avoids a deadlock between two
    // processes that both read and then try to write.
    lock: async (tx) => {
      await sql`update meta set value = value where key = 'lock'`.execute(tx);
    },
    maxParameters: 30000,
    close: async () => {
      await db.destroy();
    },
  };
}
