/** Admin routes for API tokens: list, create (the secret is shown once), revoke. */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../ApiContext.js';

const tokenSchema = {
  type: 'object',
  required: ['id', 'user', 'name', 'createdAt', 'expiresAt', 'revokedAt'],
  properties: { id: { type: 'string' }, user: { type: 'string' }, name: { type: 'string' }, createdAt: { type: 'string' }, expiresAt: { type: ['string', 'null'] }, revokedAt: { type: ['string', 'null'] } },
} as const;

/** Registers the token routes. */
export function tokenRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: { user?: string } }>(
    '/api/v1/tokens',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'API tokens (never their secrets)',
        querystring: { type: 'object', additionalProperties: false, properties: { user: { type: 'string', maxLength: 64 } } },
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: tokenSchema } } } },
      },
    },
    async (req) => ({ items: await ctx.accounts.listTokens(req.query.user) }),
  );

  app.post<{ Body: { user: string; name?: string; expiresDays?: number } }>(
    '/api/v1/tokens',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token for a user; the answer is the only time the secret is shown',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['user'],
          properties: { user: { type: 'string', maxLength: 64 }, name: { type: 'string', minLength: 1, maxLength: 100 }, expiresDays: { type: 'integer', minimum: 1, maximum: 3650 } },
        },
        response: { 201: { ...tokenSchema, required: [...tokenSchema.required, 'token'], properties: { ...tokenSchema.properties, token: { type: 'string' } } } },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.accounts.createToken(req.body.user, { name: req.body.name, expiresDays: req.body.expiresDays })),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/tokens/:id',
    {
      config: { auth: 'admin' },
      schema: { tags: ['accounts'], summary: 'Revoke a token', params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } }, response: { 204: { type: 'null' } } },
    },
    async (req, reply) => {
      await ctx.accounts.revokeToken(req.params.id);
      return reply.status(204).send();
    },
  );
}
