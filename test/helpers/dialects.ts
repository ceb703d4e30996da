/**
 * Runs store tests against every dialect: SQLite (a temporary file) and PostgreSQL (a fresh
 * database per store, dropped afterwards). PostgreSQL is required in CI; elsewhere it is
 * skipped with a visible message when no server answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/openStore.js';

/** Admin URL of the PostgreSQL server the tests create databases on. */
export const pgAdminUrl = process.env.VERBUND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgAvailable: Promise<boolean> | undefined;
let counter = 0;

async function checkPg(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (e) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI but ${pgAdminUrl} does not answer: ${(e as Error).message}`);
    console.log(`# SKIP PostgreSQL tests: ${pgAdminUrl} does not answer (${(e as Error).message})`);
    return false;
  }
}

/** A dialect under test. */
export interface TestDialect {
  readonly name: 'sqlite' | 'postgres';
  /** True if this dialect can run here. */
  available(): Promise<boolean>;
  /** Opens a fresh, empty store; `cleanup` removes it. */
  fresh(): Promise<{ store: Store; url: string; cleanup: () => Promise<void> }>;
}

/** Both dialects. */
export const dialects: readonly TestDialect[] = [
  {
    name: 'sqlite',
    available: async () => true,
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'verbund-test-'));
      const file = join(dir, 'test.db');
      const store = await openStore({ file });
      return {
        store,
        url: file,
        cleanup: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: () => (pgAvailable ??= checkPg()),
    fresh: async () => {
      const name = `verbund_test_${process.pid}_${Date.now()}_${counter++}`;
      const admin = new pg.Client({ connectionString: pgAdminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(pgAdminUrl);
      url.pathname = `/${name}`;
      const store = await openStore({ url: url.toString() });
      return {
        store,
        url: url.toString(),
        cleanup: async () => {
          await store.close();
          const a = new pg.Client({ connectionString: pgAdminUrl });
          await a.connect();
          await a.query(`drop database if exists ${name} with (force)`);
          await a.end();
        },
      };
    },
  },
];
