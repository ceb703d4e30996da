/**
 * Browser sessions and the first admin: sign in (`POST /api/v1/session`, rate-limited per
 * address, per user name and address, and by a global ceiling of failed sign-ins), sign out, who am I, and the one-time setup.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialsBody, passwordChangeBody, setupBody } from '../../contracts/requests/accounts.js';
import { VerbundError } from '../../model/errors.js';
import { roles } from '../../model/roles.js';
import { principalOf, SESSION_COOKIE } from '../authorization.js';
import { LoginThrottle } from '../LoginThrottle.js';
import type { RouteOptions, RoutePlugin } from '../routePlugin.js';

/** A user as the API shows it. */
export const principalSchema = {
  type: 'object',
  required: ['name', 'role', 'tenant'],
  properties: { name: { type: 'string' }, role: { type: 'string', enum: roles }, tenant: { type: ['string', 'null'] } },
} as const;

/** The sign-in limits of {@link sessionRoutes}. */
export interface SessionRouteOptions extends RouteOptions {
  /** Sign-in attempts per address and per (user name, address) in `windowMs`; failed sign-ins on the whole server (`globalMax`). */
  readonly login: { readonly max: number; readonly globalMax: number; readonly windowMs: number };
}

/** Registers session, me (and its password) and setup. */
export const sessionRoutes: RoutePlugin<SessionRouteOptions> = async (app, { ctx, login: limit }) => {
  // Per (name, address), not per name: a name throttled for everyone would let anyone lock out `admin`.
  const perUserAndAddress = new LoginThrottle(limit.max, limit.windowMs);
  const failedEverywhere = new LoginThrottle(limit.globalMax, limit.windowMs);
  const rateLimit = { max: limit.max, timeWindow: limit.windowMs, errorResponseBuilder: () => new VerbundError('RATE_LIMITED', 'too many sign-in attempts from this address; wait a minute') };

  app.post(
    '/session',
    {
      config: { auth: 'public', rateLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in: sets an HttpOnly session cookie and returns the CSRF token for unsafe requests',
        body: credentialsBody,
        response: { 200: { type: 'object', required: ['user', 'csrfToken', 'expiresAt'], properties: { user: principalSchema, csrfToken: { type: 'string' }, expiresAt: { type: 'string' } } } },
      },
    },
    async (req, reply) => {
      const { name, password } = req.body;
      const key = `${name}\u0000${req.ip}`;
      if (failedEverywhere.blocked('')) throw new VerbundError('RATE_LIMITED', 'too many failed sign-ins on this server; wait a minute');
      if (!perUserAndAddress.allow(key)) throw new VerbundError('RATE_LIMITED', 'too many sign-in attempts for this user from this address; wait a minute');
      const s = await ctx.accounts.login(name, password);
      if (!s) {
        failedEverywhere.note('');
        throw new VerbundError('UNAUTHENTICATED', 'wrong user name or password');
      }
      perUserAndAddress.reset(key);
      setSessionCookie(req, reply, s.secret, new Date(s.expiresAt));
      return { user: s.user, csrfToken: s.csrf, expiresAt: s.expiresAt };
    },
  );

  app.delete(
    '/session',
    { config: { auth: 'viewer', tenant: true }, schema: { tags: ['accounts'], summary: 'Sign out', response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      const secret = req.cookies[SESSION_COOKIE];
      if (secret) await ctx.accounts.logout(secret);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  // The CSRF token of a cookie session, so that a reloaded page can send it again without
  // keeping it in browser storage. Only same-origin pages can read this: the cookie is
  // SameSite=Strict and the API sends no CORS headers.
  const meSchema = { ...principalSchema, properties: { ...principalSchema.properties, csrfToken: { type: ['string', 'null'], description: "The cookie session's CSRF token; null with a bearer token." } } } as const;
  app.get(
    '/me',
    { config: { auth: 'viewer', tenant: true }, schema: { tags: ['accounts'], summary: 'Who am I (and, for a cookie session, its CSRF token)', response: { 200: meSchema } } },
    async (req) => ({ ...principalOf(req), csrfToken: req.csrf }),
  );

  app.post(
    '/me/password',
    {
      config: { auth: 'viewer', tenant: true, rateLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Change your own password (give the current one); ends your sessions, so sign in again',
        body: passwordChangeBody,
        response: { 204: { type: 'null' } },
      },
    },
    async (req, reply) => {
      await ctx.accounts.changeOwnPassword(principalOf(req).name, req.body.current, req.body.password);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/setup',
    {
      config: { auth: 'public', rateLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Create the first admin with the one-time setup token that `verbund serve` printed',
        body: setupBody,
        response: { 201: principalSchema },
      },
    },
    async (req, reply) => {
      const u = await ctx.accounts.completeSetup(req.body.token, req.body.name, req.body.password);
      return reply.status(201).send(u);
    },
  );
};

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, secret: string, expires: Date): void {
  // Secure whenever the client came over https (directly, or through a trusted proxy).
  void reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', path: '/', expires });
}
