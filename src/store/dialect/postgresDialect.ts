/**
 * PostgreSQL through pg: team mode, several servers on one database.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { BulkInsert } from '../insertChunked.js';
import type { Database as Schema } from '../schema.js';
import { LockBusy, type DialectAdapter } from './DialectAdapter.js';

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
    // Tried, not waited for: the store retries asynchronously and answers BUSY in the end.
    lock: async (tx) => {
      const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(4680) as ok`.execute(tx);
      if (!r.rows[0]?.ok) throw new LockBusy();
    },
    isBusy: (e) => e instanceof LockBusy,
    insert: jsonInsert,
    close: async () => {
      await db.destroy();
    },
  };
}

/** Integer columns of the schema; every other column is text. */
const integerColumns = new Set(['seq', 'changeset_seq', 'idx', 'revision']);

/**
 * Bulk insert as `insert … select … from json_to_recordset($1)`: a chunk of rows travels as
 * one JSON text (serialised natively by V8, parsed by the server), with no per-value
 * binding or query compilation on the client.
 */
const jsonInsert: BulkInsert = async (tx, table, rows) => {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const shape = sql.join(columns.map((c) => sql`${sql.ref(c)} ${sql.raw(integerColumns.has(c) ? 'integer' : 'text')}`));
  const names = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += 20_000) {
    const json = JSON.stringify(rows.slice(i, i + 20_000));
    await sql`insert into ${sql.table(table)} (${names}) select ${names} from json_to_recordset(${json}::json) as x(${shape})`.execute(tx);
  }
};
