/**
 * An API over a fresh store of one dialect with the OWL-IT example imported, and one user
 * (with an API token) per role: viewer, planner, operator, admin, and tenants of two
 * municipalities (lemgo, paderborn).
 */
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/api/buildApp.js';
import { readEstatePath } from '../../src/interop/readEstatePath.js';
import { AccountService } from '../../src/service/AccountService.js';
import { EstateService } from '../../src/service/EstateService.js';
import type { Store } from '../../src/store/openStore.js';
import type { TestDialect } from './dialects.js';

/** Who calls: a role's user, or nobody. */
export type Caller = 'anonymous' | 'viewer' | 'planner' | 'operator' | 'admin' | 'tenant';

/** Every caller, for matrices. */
export const callers: readonly Caller[] = ['anonymous', 'viewer', 'planner', 'operator', 'admin', 'tenant'];

/** An API under test. */
export interface ApiFixture {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** Where the store lives, to open it a second time (another server on the same database). */
  readonly location: { file?: string; url?: string };
  /** Bearer tokens by caller (`tenant` is lemgo's; `tenant2` paderborn's). */
  readonly tokens: Readonly<Record<Exclude<Caller, 'anonymous'> | 'tenant2', string>>;
  /** Sends a request as a caller. */
  call(as: Caller | 'tenant2', opts: InjectOptions): Promise<LightMyRequestResponse>;
  cleanup(): Promise<void>;
}

/** Every user's password in the fixture. */
export const PASSWORD = 'correct horse battery';

/** Builds the API over a fresh store with the OWL-IT example. */
export async function apiFixture(dialect: TestDialect, opts: Partial<AppOptions> = {}): Promise<ApiFixture> {
  const fresh = await dialect.fresh();
  const { store } = fresh;
  const read = readEstatePath(join(import.meta.dirname, '..', '..', 'examples', 'owl-it'));
  await new EstateService(store, 'test').importDocument(read.doc, {}, read.problems);
  const accounts = new AccountService(store);
  const tokens: Record<string, string> = {};
  const users: [string, string, string?][] = [
    ['viewer', 'viewer'],
    ['planner', 'planner'],
    ['operator', 'operator'],
    ['admin', 'admin'],
    ['tenant', 'tenant', 'lemgo'],
    ['tenant2', 'tenant', 'paderborn'],
  ];
  for (const [name, role, tenant] of users) {
    await accounts.addUser({ name, role, tenant, password: PASSWORD });
    tokens[name] = (await accounts.createToken(name)).token;
  }
  const app = await buildApp({ store, ...opts });
  await app.ready();
  return {
    app,
    store,
    location: dialect.name === 'postgres' ? { url: fresh.url } : { file: fresh.url },
    tokens: tokens as ApiFixture['tokens'],
    call: (as, o) => app.inject({ ...o, headers: { ...(as !== 'anonymous' && { authorization: `Bearer ${tokens[as]}` }), ...o.headers } }),
    cleanup: async () => {
      await app.close();
      await fresh.cleanup();
    },
  };
}
