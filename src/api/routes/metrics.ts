/**
 * `/metrics` for Prometheus, and the hooks that feed it: every answer's duration by route
 * template (not the raw URL: ids would make a series per object). Errors are counted by the
 * error handler, which knows their code.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../ApiContext.js';

/** Registers `/metrics` (role viewer: give Prometheus a token) and the recording hook. */
export function metricsRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    ctx.metrics.request(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { auth: 'viewer' }, schema: { tags: ['operations'], summary: 'Prometheus metrics', produces: ['text/plain'], response: { 200: { type: 'string' } } } }, async (_req, reply) => {
    void reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
