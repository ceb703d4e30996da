/** Admin routes for API tokens: list, create (the secret is shown once), revoke. */
import { tokenCreateBody, tokenIdParams, tokenListQuerystring } from '../../contracts/requests/accounts.js';
import type { RoutePlugin } from '../routePlugin.js';

const tokenSchema = {
  type: 'object',
  required: ['id', 'user', 'name', 'createdAt', 'expiresAt', 'revokedAt'],
  properties: { id: { type: 'string' }, user: { type: 'string' }, name: { type: 'string' }, createdAt: { type: 'string' }, expiresAt: { type: ['string', 'null'] }, revokedAt: { type: ['string', 'null'] } },
} as const;

/** Registers the token routes. */
export const tokenRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/tokens',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'API tokens (never their secrets)',
        querystring: tokenListQuerystring,
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: tokenSchema } } } },
      },
    },
    async (req) => ({ items: await ctx.accounts.listTokens(req.query.user) }),
  );

  app.post(
    '/tokens',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token for a user; the answer is the only time the secret is shown',
        body: tokenCreateBody,
        response: { 201: { ...tokenSchema, required: [...tokenSchema.required, 'token'], properties: { ...tokenSchema.properties, token: { type: 'string' } } } },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.accounts.createToken(req.body.user, { name: req.body.name, expiresDays: req.body.expiresDays })),
  );

  app.delete(
    '/tokens/:id',
    {
      config: { auth: 'admin' },
      schema: { tags: ['accounts'], summary: 'Revoke a token', params: tokenIdParams, response: { 204: { type: 'null' } } },
    },
    async (req, reply) => {
      await ctx.accounts.revokeToken(req.params.id);
      return reply.status(204).send();
    },
  );
};
