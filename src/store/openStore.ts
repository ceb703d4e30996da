/**
 * Opens the store named by the options or environment and brings its schema up to date.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { VerbundError } from '../model/errors.js';
import type { DialectAdapter } from './dialect/DialectAdapter.js';
import type { BulkInsert } from './insertChunked.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** Where the store lives. */
export interface StoreLocation {
  /** SQLite file (default `./verbund.db`). */
  readonly file?: string;
  /** PostgreSQL URL; wins over `file`. */
  readonly url?: string;
}

/** An open store. */
export interface Store {
  readonly dialect: DialectAdapter['name'];
  readonly db: Kysely<Database>;
  /** The SQLite file (absent for PostgreSQL): other threads open it to read beside this one. */
  readonly file?: string;
  /** Where the store lives: another thread opens it there to write beside this one (service/TimelineWriter). */
  readonly location: StoreLocation;
  /** Inserts many rows fast, inside the caller's transaction. */
  readonly insert: BulkInsert;
  /** Runs `fn` in one transaction holding the timeline write lock. */
  write<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Runs a write outside the timeline (accounts, sessions) again while another connection
   * holds SQLite's one write lock — the server's writer thread, another process — as the
   * timeline's writes wait for it: BUSY after {@link lockWaitMs}, never "database is locked".
   */
  retryBusy<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Resolves the location from options and the environment (`VERBUND_DATABASE_URL`, `VERBUND_DB`). */
export function resolveLocation(opts: { db?: string | undefined }, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  if (opts.db) return /^postgres(ql)?:\/\//.test(opts.db) ? { url: opts.db } : { file: opts.db };
  if (env.VERBUND_DATABASE_URL) return { url: env.VERBUND_DATABASE_URL };
  return { file: env.VERBUND_DB || 'verbund.db' };
}

/** Opens the store and runs pending migrations (once, under the migrator's lock). */
export async function openStore(location: StoreLocation): Promise<Store> {
  // Each driver is loaded only when used: the embedded default never loads pg.
  const adapter = location.url
    ? (await import('./dialect/postgresDialect.js')).openPostgres(location.url)
    : (await import('./dialect/sqliteDialect.js')).openSqlite(location.file ?? 'verbund.db');
  try {
    if (!(await isCurrent(adapter))) {
      const { Migrator } = await import('kysely');
      const result = await new Migrator({ db: adapter.db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
      if (result.error) throw result.error;
    }
  } catch (e) {
    await adapter.close();
    throw new VerbundError('INTERNAL', `cannot open the database ${location.url ? redact(location.url) : location.file}: ${(e as Error).message}`);
  }
  return {
    dialect: adapter.name,
    db: adapter.db,
    ...(!location.url && { file: location.file ?? 'verbund.db' }),
    location: location.url ? { url: location.url } : { file: location.file ?? 'verbund.db' },
    insert: adapter.insert,
    write: (fn) => writeWithLock(adapter, fn),
    retryBusy: (fn) => retryWhileBusy(adapter, fn),
    close: () => adapter.close(),
  };
}

/** How long a writer waits for another's write lock before it answers BUSY: `VERBUND_LOCK_WAIT_MS`, default 15 s (docs/errors.md). */
export function lockWaitMs(): number {
  const raw = process.env.VERBUND_LOCK_WAIT_MS;
  const ms = raw ? Number(raw) : NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : 15_000;
}

/**
 * One transaction holding the timeline's write lock. While another process holds it, the
 * lock is retried (see {@link retryWhileBusy}); busy after the lock was ours (a checkpoint,
 * say) is not worth a retry of the whole write.
 */
async function writeWithLock<T>(adapter: DialectAdapter, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  let locked = false;
  return retryWhileBusy(
    adapter,
    () =>
      adapter.db.transaction().execute(async (tx) => {
        await adapter.lock(tx);
        locked = true;
        return fn(tx);
      }),
    () => locked,
  );
}

/**
 * Runs `attempt` again while another connection holds the database's write lock, with
 * growing pauses (never blocking the event loop: SQLite's own busy wait is short), for at
 * most {@link lockWaitMs}; then BUSY, never "database is locked". `final`: true if a busy
 * refusal may not be retried.
 */
async function retryWhileBusy<T>(adapter: DialectAdapter, attempt: () => Promise<T>, final: () => boolean = () => false): Promise<T> {
  const started = Date.now();
  const wait = lockWaitMs();
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    try {
      return await attempt();
    } catch (e) {
      if (!adapter.isBusy(e)) throw e;
      if (final() || Date.now() - started + pause > wait) {
        throw new VerbundError('BUSY', `the database is busy with another write (an import?); waited ${Math.round((Date.now() - started) / 1000)} s — try again when it has finished`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

/**
 * True if every migration has run. Checked with one query so that a quick command does not
 * load and run the migrator (which takes its lock) on every start.
 */
async function isCurrent(adapter: DialectAdapter): Promise<boolean> {
  const latest = Object.keys(migrations).sort().pop()!;
  try {
    const r = await sql<{ name: string }>`select max(name) as name from kysely_migration`.execute(adapter.db);
    return r.rows[0]?.name === latest;
  } catch {
    return false; // no migration table yet
  }
}
