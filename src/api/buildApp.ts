/**
 * Builds the Verbund HTTP API as a Fastify app. It never listens: `verbund serve` does, and
 * tests call `app.inject()`.
 */
import Fastify, { type FastifyInstance, type FastifySchema, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Ajv from 'ajv';
import { VerbundError } from '../model/errors.js';
import type { AnalysisPoolOptions } from '../service/AnalysisPool.js';
import { tooDeep, tooDeepMessage } from '../model/nesting.js';
import type { Store } from '../store/openStore.js';
import { ApiContext } from './ApiContext.js';
import { registerAuthorization, SESSION_COOKIE } from './authorization.js';
import { errorBody, errorBodySchema, registerErrorHandling } from './errorHandling.js';
import { apiRoutes } from './apiRoutes.js';
import { baseMapOrigins, type BaseMapOption } from './baseMap.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { webRoutes } from './routes/web.js';

/** What the app is built from. */
export interface AppOptions {
  readonly store: Store;
  /** Fastify's logger option (pino); default off. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes; default 10 MiB. */
  readonly bodyLimit?: number;
  /** Sign-in attempts per address and per (user name, address) in `loginWindowMs`; default 10. */
  readonly loginLimit?: number;
  /** Failed sign-ins on the whole server in `loginWindowMs` before every sign-in waits; default 100. */
  readonly loginGlobalLimit?: number;
  readonly loginWindowMs?: number;
  /** Trust X-Forwarded-* from a reverse proxy (for the client address and https). */
  readonly trustProxy?: boolean;
  /** The analysis pool: threads, queue, deadline (docs/api.md, "Heavy analyses"). */
  readonly analysis?: AnalysisPoolOptions;
  /** The web map's base map (`serve --map-style`); none by default. */
  readonly baseMap?: BaseMapOption;
  /**
   * The NetBox base URLs `POST /import/netbox` may pull (`serve --netbox-url`); none by
   * default, so a caller can never make the server fetch an address it chose.
   */
  readonly netboxUrls?: readonly string[];
  /** Start the writer thread now (`verbund serve`), not on the first write: that one does not wait for it. */
  readonly warmWriter?: boolean;
  /**
   * Once the app listens, warm the analyses in the background (`verbund serve` unless
   * `--no-warm`): the pool keeps its threads, each with the estate of now and its verdicts.
   */
  readonly warmAnalyses?: boolean;
}

/** Builds the app with every route; call `ready()` or `inject()` on it. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 10 * 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    exposeHeadRoutes: true,
    // Answered by the hook below, in the error catalogue's shape.
    return503OnClosing: false,
    // Ids are case-sensitive slugs; a trailing slash is the same resource.
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed URL (bad percent-encoding) fails in the router, before any hook: answer it
    // in the catalogue's shape like every other error.
    frameworkErrors: (error, _req, reply) => {
      const e = new VerbundError('INVALID_INPUT', `malformed request: ${error.message}`);
      // The reply is not typed by any route here: send the catalogue body as plain JSON.
      void (reply as unknown as { code(n: number): { send(b: unknown): void } }).code(e.status).send(errorBody(e));
    },
  });
  // A failed analysis thread is logged where the server logs (else on stderr, the pool's default).
  const ctx = new ApiContext(opts.store, { ...(opts.logger && { onThreadError: (e: Error) => app.log.error({ err: e }, 'analysis thread failed') }), ...opts.analysis, ...(opts.warmAnalyses && { keepThreads: true }) });
  if (opts.warmWriter) ctx.writes.warm();

  installValidation(app);
  // While closing, in-flight requests finish and new ones (on kept-alive connections) are refused.
  let closing = false;
  // After listening, not before: /healthz and the light requests answer from the first moment.
  // A shutdown stops the warm-up; that is no failure.
  if (opts.warmAnalyses) app.addHook('onListen', async () => ctx.warm((e) => closing || app.log.error({ err: e }, 'warming the analyses failed')));
  app.addHook('preClose', async () => {
    closing = true;
    // Analyses in flight are stopped (they answer UNAVAILABLE): a shutdown never waits for one.
    await ctx.pool.close();
  });
  app.addHook('onRequest', async () => {
    if (closing) throw new VerbundError('UNAVAILABLE');
  });
  // Writes are never cut off: the writer thread ends once the last one is committed (or refused).
  app.addHook('onClose', async () => {
    await ctx.writes.close();
  });
  registerErrorHandling(app, (code) => ctx.metrics.error(code));
  const decisions = registerAuthorization(app, ctx.accounts);
  app.addHook('onRoute', (route) => {
    // Every route documents the error body, and its role, in the OpenAPI document.
    const schema = (route.schema ?? {}) as FastifySchema & { response?: Record<string, unknown>; description?: string };
    const auth = route.config?.auth;
    route.schema = {
      ...schema,
      response: { ...schema.response, '4xx': errorBodySchema, '5xx': errorBodySchema },
      ...(auth !== 'public' && {
        security: [{ bearer: [] }, { session: [] }],
        description: `${schema.description ? `${schema.description}\n\n` : ''}Needs role **${auth}**${route.config?.tenant ? ' (tenants: scoped to their organization)' : ''}.`,
      }),
    };
  });

  // Served over plain http on 127.0.0.1 by default: upgrading the docs page's requests to
  // https would break it. Behind a TLS proxy, the proxy sets HSTS and friends.
  // A base map's tile server is another origin: the browser may fetch from it and show its images.
  const mapOrigins = opts.baseMap ? baseMapOrigins(opts.baseMap) : [];
  const mapDirectives: Record<string, string[]> = mapOrigins.length ? { connectSrc: ["'self'", ...mapOrigins], imgSrc: ["'self'", 'data:', 'blob:', ...mapOrigins] } : {};
  await app.register(helmet, { global: true, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, ...mapDirectives } } });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Verbund API', version: '1', description: 'The estate, its timeline and its analyses. See docs/api.md.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`verbund token create USER`).' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'A browser session (POST /api/v1/session); unsafe methods also need X-CSRF-Token.' },
        },
      },
    },
    // Publish each operation's authorization decision for clients (and the route × role test).
    transformObject: (documents) => {
      if (!('openapiObject' in documents)) return documents.swaggerObject;
      const { openapiObject } = documents;
      for (const [path, ops] of Object.entries(openapiObject.paths ?? {})) {
        for (const [method, op] of Object.entries(ops as Record<string, Record<string, unknown>>)) {
          const d = decisions.get(`${method.toUpperCase()} ${path}`);
          if (d) op['x-verbund-auth'] = { role: d.auth, tenant: d.tenant };
        }
      }
      return openapiObject;
    },
  });

  metricsRoutes(app, ctx);
  healthRoutes(app, ctx);
  await app.register(apiRoutes, { prefix: '/api/v1', ctx, baseMap: opts.baseMap, netboxUrls: opts.netboxUrls ?? [], login: { max: opts.loginLimit ?? 10, globalMax: opts.loginGlobalLimit ?? 100, windowMs: opts.loginWindowMs ?? 60_000 } });
  await docsRoutes(app);
  webRoutes(app);
  return app;
}

/**
 * Two validators: query strings, parameters and headers are text and are coerced to the
 * schema's types; bodies are JSON and are not (a number sent as a string is an error).
 * Unknown fields are errors, never silently removed; every problem is listed.
 */
function installValidation(app: FastifyInstance): void {
  const base = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
  const coercing = new Ajv.default({ ...base, coerceTypes: 'array' });
  const strict = new Ajv.default({ ...base, coerceTypes: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  // Bodies are JSON only (docs/api.md, "Errors"): Fastify's built-in text/plain parser would
  // hand a string to routes that expect an object.
  app.removeContentTypeParser('text/plain');
  // A body nested deeper than any real input is refused before a route walks it recursively.
  app.addHook('preValidation', async (req) => {
    const deep = req.body !== undefined ? tooDeep(req.body) : undefined;
    if (deep) throw new VerbundError('INVALID_INPUT', `the body is ${tooDeepMessage(deep)}`, [{ code: 'INVALID_INPUT', message: tooDeepMessage(deep), path: ['body', ...deep.slice(0, 6)] }]);
  });
}
