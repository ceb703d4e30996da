/**
 * Migration 0002: accounts of the server — users, API tokens, browser sessions and the
 * one-time setup token of the first admin. Secrets are never stored: tokens, sessions and
 * the setup token by their SHA-256, passwords by scrypt with a per-user salt.
 */
import type { Kysely } from 'kysely';

/** Creates account, api_token, session and setup_token. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('tenant', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account', 'text', (c) => c.notNull().references('account.name'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable('session')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('account', 'text', (c) => c.notNull().references('account.name'))
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_expires').on('session').column('expires_at').execute();
  await db.schema
    .createTable('setup_token')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}

/** Drops everything 0002 created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['setup_token', 'session', 'api_token', 'account']) await db.schema.dropTable(t).execute();
}
