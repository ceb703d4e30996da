/**
 * Reading and writing accounts, API tokens, sessions and setup tokens (migration 0002).
 * Secrets arrive here already hashed; this file never sees a password or a token.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

/** A user of the server. `disabled` is 0 or 1 (SQLite has no boolean). */
export type AccountTable = {
  name: string;
  password_hash: string | null;
  role: string;
  tenant: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
};

/** An API token, stored by the SHA-256 of its secret. */
export type ApiTokenTable = {
  id: string;
  account: string;
  name: string;
  hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
};

/** A browser session, stored by the SHA-256 of its cookie value. */
export type SessionTable = {
  hash: string;
  account: string;
  csrf: string;
  created_at: string;
  expires_at: string;
};

/** The one-time token that creates the first admin. */
export type SetupTokenTable = {
  hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

/** The account tables. */
export type AccountTables = {
  account: AccountTable;
  api_token: ApiTokenTable;
  session: SessionTable;
  setup_token: SetupTokenTable;
};

/** A database with the account tables. */
export type AccountDb = Kysely<Database & AccountTables>;

/** The store's database seen with the account tables. */
export function accountDb(db: Kysely<Database>): AccountDb {
  return db.withTables<AccountTables>();
}

/** One account row, or undefined. */
export async function findAccount(db: AccountDb, name: string): Promise<Selectable<AccountTable> | undefined> {
  return db.selectFrom('account').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Every account by name. */
export function listAccounts(db: AccountDb): Promise<Selectable<AccountTable>[]> {
  return db.selectFrom('account').selectAll().orderBy('name').execute();
}

/** Inserts an account. */
export async function insertAccount(db: AccountDb, row: AccountTable): Promise<void> {
  await db.insertInto('account').values(row).execute();
}

/** Updates some columns of an account; false if there is no such account. */
export async function updateAccount(db: AccountDb, name: string, set: Partial<Omit<AccountTable, 'name'>>): Promise<boolean> {
  const r = await db.updateTable('account').set(set).where('name', '=', name).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** True if an enabled admin exists. */
export async function hasEnabledAdmin(db: AccountDb): Promise<boolean> {
  const r = await db.selectFrom('account').select('name').where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirst();
  return r !== undefined;
}

/** The token with this hash and its account, if the token is neither revoked nor expired at `now`. */
export async function findLiveToken(db: AccountDb, hash: string, now: string): Promise<Selectable<AccountTable> | undefined> {
  return db
    .selectFrom('api_token as t')
    .innerJoin('account as a', 'a.name', 't.account')
    .selectAll('a')
    .where('t.hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
}

/** Inserts a token. */
export async function insertToken(db: AccountDb, row: ApiTokenTable): Promise<void> {
  await db.insertInto('api_token').values(row).execute();
}

/** Tokens (without hashes), optionally of one account, newest first. */
export function listTokens(db: AccountDb, account?: string): Promise<Omit<Selectable<ApiTokenTable>, 'hash'>[]> {
  let q = db.selectFrom('api_token').select(['id', 'account', 'name', 'created_at', 'expires_at', 'revoked_at']);
  if (account !== undefined) q = q.where('account', '=', account);
  return q.orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Marks a token revoked; false if there is no such live token. */
export async function revokeToken(db: AccountDb, id: string, now: string): Promise<boolean> {
  const r = await db.updateTable('api_token').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Inserts a session and drops expired ones (so the table does not grow forever). */
export async function insertSession(db: AccountDb, row: SessionTable): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', row.created_at).execute();
  await db.insertInto('session').values(row).execute();
}

/** The live session with this hash, with its account. */
export async function findLiveSession(db: AccountDb, hash: string, now: string): Promise<{ account: Selectable<AccountTable>; csrf: string } | undefined> {
  const r = await db
    .selectFrom('session as s')
    .innerJoin('account as a', 'a.name', 's.account')
    .selectAll('a')
    .select('s.csrf')
    .where('s.hash', '=', hash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!r) return undefined;
  const { csrf, ...account } = r;
  return { account, csrf };
}

/** Deletes one session, or every session of an account. */
export async function deleteSessions(db: AccountDb, by: { hash: string } | { account: string }): Promise<void> {
  const q = db.deleteFrom('session');
  await ('hash' in by ? q.where('hash', '=', by.hash) : q.where('account', '=', by.account)).execute();
}

/** Inserts a setup token. */
export async function insertSetupToken(db: AccountDb, row: SetupTokenTable): Promise<void> {
  await db.insertInto('setup_token').values(row).execute();
}

/** Marks the setup token used if it is live; true if it was. */
export async function useSetupToken(db: AccountDb, hash: string, now: string): Promise<boolean> {
  const r = await db.updateTable('setup_token').set({ used_at: now }).where('hash', '=', hash).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
