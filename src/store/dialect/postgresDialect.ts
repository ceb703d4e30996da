/**
 * PostgreSQL through pg: team mode, several servers on one database.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { insertChunked } from '../insertChunked.js';
import type { Database as Schema } from '../schema.js';
import type { DialectAdapter } from './DialectAdapter.js';

/** Connects to PostgreSQL at `url` (postgres://…). */
export function openPostgres(url: string): DialectAdapter {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server ends (restart, admin command) is dropped by the pool;
  // without a listener the 'error' event would crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    db,
    // One timeline writer at a time across every server: validation needs a stable timeline.
    lock: async (tx) => {
      await sql`select pg_advisory_xact_lock(4680)`.execute(tx);
    },
    insert: (tx, table, rows) => insertChunked(tx, table, rows, 60000),
    close: async () => {
      await db.destroy();
    },
  };
}
