/**
 * Authentication and authorization of every route. Each route declares the least role it
 * needs (`config: { auth }`) and whether tenants may call it (`config.tenant`, meaning the
 * route scopes its answer to the tenant's organization); a route without a decision cannot
 * be registered. Answers: no or bad credentials 401, too small a role 403, a tenant outside
 * what it may see 404 (never a hint that the thing exists).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { VerbundError } from '../model/errors.js';
import { hasRights, type StaffRole } from '../model/roles.js';
import type { AccountService, Principal } from '../service/AccountService.js';

/** The least a caller needs: nothing (`public`) or a staff role. */
export type AuthLevel = 'public' | StaffRole;

/** The cookie of a browser session. */
export const SESSION_COOKIE = 'verbund_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role the route needs; every route must declare it. */
    auth?: AuthLevel;
    /** True if tenants may call the route (it scopes its answer to their organization). */
    tenant?: boolean;
  }
  interface FastifyRequest {
    /** Who called; null on public routes. */
    principal: Principal | null;
    /** The CSRF token of the caller's cookie session; null for bearer tokens. */
    csrf: string | null;
  }
}

/** Routes of the documentation plugins, which cannot carry a config: public by decision. */
const docsPrefix = '/api/docs';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The principal of a request: never null on a route that is not public. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new VerbundError('UNAUTHENTICATED');
  return req.principal;
}

/** The authorization decision of a route. */
export interface Decision {
  readonly auth: AuthLevel;
  readonly tenant: boolean;
}

/**
 * Installs the onRoute check and the per-route authorization hook. Register before any
 * route. Returns the decisions by `METHOD /path/{param}` (OpenAPI's path syntax), which the
 * OpenAPI document publishes as `x-verbund-auth`.
 */
export function registerAuthorization(app: FastifyInstance, accounts: AccountService): Map<string, Decision> {
  const decisions = new Map<string, Decision>();
  app.decorateRequest('principal', null);
  app.decorateRequest('csrf', null);
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { auth?: AuthLevel; tenant?: boolean };
    const auth = config.auth ?? (route.url.startsWith(docsPrefix) ? 'public' : undefined);
    if (auth === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no authorization (config.auth)`);
    route.config = { ...config, auth };
    for (const method of [route.method].flat()) decisions.set(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`, { auth, tenant: config.tenant === true });
    if (auth === 'public') return;
    const hooks = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    // First of the route's hooks: nothing runs, and no body is read, for a caller who may not.
    route.onRequest = [authorize(accounts, auth, config.tenant === true), ...hooks];
  });
  return decisions;
}

function authorize(accounts: AccountService, level: StaffRole, tenantAllowed: boolean): onRequestHookHandler {
  return async (req) => {
    const principal = await identify(accounts, req);
    if (!principal) throw new VerbundError('UNAUTHENTICATED');
    if (principal.role === 'tenant') {
      if (!tenantAllowed || level !== 'viewer') throw new VerbundError('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`);
    } else if (!hasRights(principal.role, level)) {
      throw new VerbundError('FORBIDDEN', `this needs the role ${level} or higher; you are ${principal.role}`);
    }
    req.principal = principal;
  };
}

/**
 * Who is calling: a bearer token wins over a session cookie. A cookie session must send its
 * CSRF token with every unsafe request; a bearer token needs none (a browser never sends it
 * by itself).
 */
async function identify(accounts: AccountService, req: FastifyRequest): Promise<Principal | null> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer +([A-Za-z0-9_-]{1,200})$/.exec(header);
    const principal = m ? await accounts.authenticateToken(m[1]!) : undefined;
    if (!principal) throw new VerbundError('UNAUTHENTICATED', 'the API token is invalid, expired or revoked');
    return principal;
  }
  const secret = req.cookies?.[SESSION_COOKIE];
  if (!secret) return null;
  const session = await accounts.authenticateSession(secret);
  if (!session) throw new VerbundError('UNAUTHENTICATED', 'the session has ended; sign in again');
  if (!safeMethods.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrf)) throw new VerbundError('FORBIDDEN', 'a cookie session sends its CSRF token in X-CSRF-Token with every change');
  }
  req.csrf = session.csrf;
  return session.principal;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
