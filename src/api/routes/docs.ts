/**
 * The OpenAPI 3.1 document, generated from the route schemas, and the interactive docs page.
 * The page's assets come from the installed package (no CDN), so it works offline.
 */
import type { FastifyInstance } from 'fastify';
import swaggerUi from '@fastify/swagger-ui';

/** Registers `/api/v1/openapi.json` and `/api/docs`. */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { url: '/api/v1/openapi.json', validatorUrl: null } as never });
}
