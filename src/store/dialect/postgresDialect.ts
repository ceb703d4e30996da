/**
 * PostgreSQL through pg: team mode, several servers on one database.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database as Schema } from '../schema.js';
import type { DialectAdapter } from './DialectAdapter.js';

/** Connects to PostgreSQL at `url` (postgres://…). */
export function openPostgres(url: string): DialectAdapter {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    db,
    // One timeline writer at a time across every server: validation needs a stable timeline.
    lock: async (tx) => {
      await sql`select pg_advisory_xact_lock(4680)`.execute(tx);
    },
    maxParameters: 60000,
    close: async () => {
      await db.destroy();
    },
  };
}
