/**
 * Accounts of the server: users with roles, API tokens, browser sessions, and the one-time
 * setup of the first admin. Secrets (tokens, session ids, setup tokens) are random 32-byte
 * values shown once and stored only as their SHA-256; passwords are stored by scrypt.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { VerbundError } from '../model/errors.js';
import { isRole, type Role } from '../model/roles.js';
import * as repo from '../store/accountRepository.js';
import type { AccountTable } from '../store/accountRepository.js';
import type { Store } from '../store/openStore.js';
import { readHistory } from '../store/versionRepository.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
// The results are the API's contract: declared in src/contracts.
import type { Principal, TokenInfo, User } from '../contracts/index.js';
export type { Principal, TokenInfo, User };

/** A new browser session: the cookie value and the CSRF token go to the client once. */
export interface NewSession {
  readonly secret: string;
  readonly csrf: string;
  readonly expiresAt: string;
  readonly user: Principal;
}

/** A user name: a slug like an object id (it appears in audit fields and URLs). */
const namePattern = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
const MIN_PASSWORD = 10;
const SESSION_HOURS = 12;
const SETUP_MINUTES = 60;
const TOKEN_CACHE_MS = 1000;

/** SHA-256 of a secret, hex: what the store keeps. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

function principalOf(a: Selectable<AccountTable>): Principal {
  return { name: a.name, role: a.role as Role, tenant: a.tenant };
}

function userOf(a: Selectable<AccountTable>): User {
  return { ...principalOf(a), disabled: Number(a.disabled) === 1, createdAt: a.created_at };
}

/**
 * Use cases of accounts over one store. Its writes wait (store.retryBusy) while another
 * connection holds SQLite's one write lock — the server's writer thread during an import —
 * instead of failing with "database is locked".
 */
export class AccountService {
  private readonly db: repo.AccountDb;
  /** Live tokens seen in the last second, by hash (never a negative answer: guesses are not cached). */
  private readonly tokenCache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.db = repo.accountDb(store.db);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private later(ms: number): string {
    return new Date(this.clock().getTime() + ms).toISOString();
  }

  /** Adds a user. A tenant names the organization it is bound to; staff roles have none. */
  async addUser(input: { name: string; role: string; tenant?: string | undefined; password?: string | undefined }): Promise<User> {
    if (!namePattern.test(input.name)) throw new VerbundError('INVALID_INPUT', `"${input.name}" is not a user name: lower-case letters, digits, ".", "_", "@", "-", at most 64`);
    if (!isRole(input.role)) throw new VerbundError('INVALID_INPUT', `unknown role "${input.role}"; roles are viewer, planner, operator, admin, tenant`);
    if ((input.role === 'tenant') !== (input.tenant !== undefined)) {
      throw new VerbundError('INVALID_INPUT', input.role === 'tenant' ? 'a tenant is bound to an organization: give its id (--tenant ORG)' : 'only a tenant is bound to an organization');
    }
    if (input.tenant !== undefined) await this.requireOrganization(input.tenant);
    if (await repo.findAccount(this.db, input.name)) throw new VerbundError('CONFLICT', `user "${input.name}" already exists`);
    const at = this.now();
    const row: AccountTable = {
      name: input.name,
      password_hash: input.password === undefined ? null : await hashPassword(checkPassword(input.password)),
      role: input.role,
      tenant: input.tenant ?? null,
      disabled: 0,
      created_at: at,
      updated_at: at,
    };
    await this.store.retryBusy(() => repo.insertAccount(this.db, row));
    return userOf(row);
  }

  /** Every user. */
  async listUsers(): Promise<User[]> {
    return (await repo.listAccounts(this.db)).map(userOf);
  }

  /** One user; NOT_FOUND if there is none. */
  async getUser(name: string): Promise<User> {
    const a = await repo.findAccount(this.db, name);
    if (!a) throw new VerbundError('NOT_FOUND', `no user "${name}"`);
    return userOf(a);
  }

  /** Disables (or re-enables) a user; disabling also ends its sessions. Its tokens stop working while it is disabled. */
  async setDisabled(name: string, disabled: boolean): Promise<User> {
    if (!(await this.store.retryBusy(() => repo.updateAccount(this.db, name, { disabled: disabled ? 1 : 0, updated_at: this.now() })))) throw new VerbundError('NOT_FOUND', `no user "${name}"`);
    this.tokenCache.clear();
    if (disabled) await this.store.retryBusy(() => repo.deleteSessions(this.db, { account: name }));
    return this.getUser(name);
  }

  /** Sets a new password and ends the user's sessions. */
  async setPassword(name: string, password: string): Promise<void> {
    const hash = await hashPassword(checkPassword(password));
    if (!(await this.store.retryBusy(() => repo.updateAccount(this.db, name, { password_hash: hash, updated_at: this.now() })))) throw new VerbundError('NOT_FOUND', `no user "${name}"`);
    await this.store.retryBusy(() => repo.deleteSessions(this.db, { account: name }));
  }

  /**
   * A user changes its own password: the current one must be given (a stolen session alone
   * cannot lock the owner out). Ends every session of the user, as `setPassword` does.
   */
  async changeOwnPassword(name: string, current: string, password: string): Promise<void> {
    const a = await repo.findAccount(this.db, name);
    if (!a?.password_hash || !(await verifyPassword(current, a.password_hash))) {
      throw new VerbundError('INVALID_INPUT', 'the current password is wrong', [{ code: 'INVALID_INPUT', field: 'current', message: 'the current password is wrong' }]);
    }
    await this.setPassword(name, password);
  }

  /** Creates an API token; the secret is returned once and stored only hashed. */
  async createToken(user: string, opts: { name?: string | undefined; expiresDays?: number | undefined } = {}): Promise<TokenInfo & { token: string }> {
    await this.getUser(user);
    if (opts.expiresDays !== undefined && !(Number.isInteger(opts.expiresDays) && opts.expiresDays > 0 && opts.expiresDays <= 3650)) {
      throw new VerbundError('INVALID_INPUT', 'expiry is a whole number of days between 1 and 3650');
    }
    const token = newSecret('vb_');
    const row = {
      id: randomBytes(6).toString('hex'),
      account: user,
      name: opts.name ?? 'token',
      hash: secretHash(token),
      created_at: this.now(),
      expires_at: opts.expiresDays === undefined ? null : this.later(opts.expiresDays * 86_400_000),
      revoked_at: null,
    };
    await this.store.retryBusy(() => repo.insertToken(this.db, row));
    return { token, id: row.id, user, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: null };
  }

  /** Tokens (optionally of one user), newest first, without secrets. */
  async listTokens(user?: string): Promise<TokenInfo[]> {
    return (await repo.listTokens(this.db, user)).map((t) => ({ id: t.id, user: t.account, name: t.name, createdAt: t.created_at, expiresAt: t.expires_at, revokedAt: t.revoked_at }));
  }

  /** Revokes a token; NOT_FOUND if there is no such live token. */
  async revokeToken(id: string): Promise<void> {
    if (!(await this.store.retryBusy(() => repo.revokeToken(this.db, id, this.now())))) throw new VerbundError('NOT_FOUND', `no live token "${id}"`);
    this.tokenCache.clear();
  }

  /**
   * The principal of a bearer token, if it is live and its user enabled. Answers are kept
   * for a second: a server answering thousands of requests a second checks each token once
   * a second, not per request. Revoking or disabling through this service takes effect at
   * once; through another process (the CLI, another server) within that second.
   */
  async authenticateToken(token: string): Promise<Principal | undefined> {
    const hash = secretHash(token);
    const now = this.clock().getTime();
    const hit = this.tokenCache.get(hash);
    if (hit && hit.until > now) return hit.principal;
    const a = await repo.findLiveToken(this.db, hash, this.now());
    if (!a || Number(a.disabled) !== 0) return undefined;
    const principal = principalOf(a);
    if (this.tokenCache.size >= 10_000) this.tokenCache.clear();
    this.tokenCache.set(hash, { principal, until: now + TOKEN_CACHE_MS });
    return principal;
  }

  /** Checks name and password and opens a session; undefined if either is wrong (which one is not told). */
  async login(name: string, password: string): Promise<NewSession | undefined> {
    const a = namePattern.test(name) ? await repo.findAccount(this.db, name) : undefined;
    // Always run scrypt once, so that an unknown name answers as slowly as a wrong password.
    const ok = await verifyPassword(password, a?.password_hash ?? (await decoyHash()));
    if (!a?.password_hash || !ok || Number(a.disabled) !== 0) return undefined;
    const secret = newSecret('');
    const csrf = randomBytes(24).toString('base64url');
    const expiresAt = this.later(SESSION_HOURS * 3_600_000);
    await this.store.retryBusy(() => repo.insertSession(this.db, { hash: secretHash(secret), account: a.name, csrf, created_at: this.now(), expires_at: expiresAt }));
    return { secret, csrf, expiresAt, user: principalOf(a) };
  }

  /** The principal and CSRF token of a session cookie, if the session is live and its user enabled. */
  async authenticateSession(secret: string): Promise<{ principal: Principal; csrf: string } | undefined> {
    const s = await repo.findLiveSession(this.db, secretHash(secret), this.now());
    return s && Number(s.account.disabled) === 0 ? { principal: principalOf(s.account), csrf: s.csrf } : undefined;
  }

  /** Ends a session. */
  async logout(secret: string): Promise<void> {
    await this.store.retryBusy(() => repo.deleteSessions(this.db, { hash: secretHash(secret) }));
  }

  /** True if an enabled admin exists. */
  hasAdmin(): Promise<boolean> {
    return repo.hasEnabledAdmin(this.db);
  }

  /** A one-time setup token valid for an hour: it creates the first admin. */
  async createSetupToken(): Promise<{ token: string; expiresAt: string }> {
    const token = newSecret('setup_');
    const expiresAt = this.later(SETUP_MINUTES * 60_000);
    await this.store.retryBusy(() => repo.insertSetupToken(this.db, { hash: secretHash(token), created_at: this.now(), expires_at: expiresAt, used_at: null }));
    return { token, expiresAt };
  }

  /** Uses a setup token to create an admin; UNAUTHENTICATED if the token is unknown, used or expired. */
  async completeSetup(token: string, name: string, password: string): Promise<User> {
    return this.store.write(async (tx) => {
      // In the write transaction: two simultaneous setups cannot both use the token.
      const inner = new AccountService({ ...this.store, db: tx }, this.clock);
      if (!(await repo.useSetupToken(inner.db, secretHash(token), this.now()))) throw new VerbundError('UNAUTHENTICATED', 'the setup token is unknown, used or expired; restart `verbund serve` for a new one');
      // Setup makes the first admin only: another server's token (team mode) is void once there is one.
      if (await repo.hasEnabledAdmin(inner.db)) throw new VerbundError('UNAUTHENTICATED', 'there is an admin already: setup is closed');
      return inner.addUser({ name, role: 'admin', password });
    });
  }

  private async requireOrganization(id: string): Promise<void> {
    const versions = await readHistory(this.store.db, id);
    if (!versions.some((v) => v.object?.kind === 'organization')) throw new VerbundError('NOT_FOUND', `no organization "${id}" in the estate`);
  }
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD) throw new VerbundError('INVALID_INPUT', `a password has at least ${MIN_PASSWORD} characters`);
  if (password.length > 1024) throw new VerbundError('INVALID_INPUT', 'a password has at most 1024 characters');
  return password;
}
