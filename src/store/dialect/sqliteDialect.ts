/**
 * SQLite through better-sqlite3: the embedded default, one file next to the user.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { VerbundError } from '../../model/errors.js';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { BulkInsert } from '../insertChunked.js';
import type { Database as Schema } from '../schema.js';
import type { DialectAdapter } from './DialectAdapter.js';

/** Opens (creating if needed) a SQLite database file. */
export function openSqlite(file: string): DialectAdapter {
  // A mistyped --db path is the user's to fix, not an internal error.
  const folder = dirname(resolve(file));
  if (!existsSync(folder)) throw new VerbundError('INVALID_INPUT', `cannot open the database ${file}: the folder ${folder} does not exist`, [{ code: 'INVALID_INPUT', message: `the folder ${folder} does not exist`, file }]);
  const native = new Database(file);
  // WAL lets readers run beside a writer; synchronous=FULL makes every acknowledged commit
  // survive a crash or power loss, not only a killed process.
  // Rows carry JSON of a few hundred bytes: bigger pages mean fewer b-tree splits.
  native.pragma('page_size = 8192');
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = FULL');
  native.pragma('foreign_keys = ON');
  // Short: better-sqlite3 waits synchronously, which would freeze a server. The write lock
  // is retried asynchronously instead (openStore's writeWithLock).
  native.pragma('busy_timeout = 100');
  // 64 MiB of page cache: index inserts in id order of a big import stay in memory.
  native.pragma('cache_size = -65536');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: native }) });
  return {
    name: 'sqlite',
    db,
    // Taking the write lock first (BEGIN IMMEDIATE semantics) avoids a deadlock between two
    // processes that both read and then try to write.
    lock: async (tx) => {
      await sql`update meta set value = value where key = 'lock'`.execute(tx);
    },
    insert: nativeInsert(native),
    isBusy: (e) => e instanceof Database.SqliteError && e.code.startsWith('SQLITE_BUSY'),
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * Bulk insert through better-sqlite3's prepared statements: the same connection (so the
 * same transaction) as Kysely's, without compiling a query per chunk. Several times faster
 * for the hundreds of thousands of rows of a big import.
 */
function nativeInsert(native: Database.Database): BulkInsert {
  const ROWS = 64;
  const cache = new Map<string, Database.Statement>();
  const statement = (table: string, columns: readonly string[], rows: number): Database.Statement => {
    const key = `${table}:${columns.join(',')}:${rows}`;
    let st = cache.get(key);
    if (!st) {
      const one = `(${columns.map(() => '?').join(',')})`;
      st = native.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array(rows).fill(one).join(',')}`);
      cache.set(key, st);
    }
    return st;
  };
  return async (_tx, table, rows) => {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0] as object);
    const values = (r: object): unknown[] => columns.map((c) => (r as Record<string, unknown>)[c] ?? null);
    let i = 0;
    const full = statement(table, columns, ROWS);
    for (; i + ROWS <= rows.length; i += ROWS) {
      const args: unknown[] = [];
      for (let k = i; k < i + ROWS; k++) for (const v of values(rows[k] as object)) args.push(v);
      full.run(args);
    }
    if (i < rows.length) {
      const args: unknown[] = [];
      for (let k = i; k < rows.length; k++) for (const v of values(rows[k] as object)) args.push(v);
      statement(table, columns, rows.length - i).run(args);
    }
  };
}
