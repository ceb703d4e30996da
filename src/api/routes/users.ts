/** Admin routes for users: list, add, disable/enable, set password. */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../ApiContext.js';
import { idParam } from '../schemas.js';
import { principalSchema } from './session.js';

const userSchema = { ...principalSchema, required: [...principalSchema.required, 'disabled', 'createdAt'], properties: { ...principalSchema.properties, disabled: { type: 'boolean' }, createdAt: { type: 'string' } } } as const;
const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 64 } } } as const;

/** Registers the user routes. */
export function userRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/api/v1/users', { config: { auth: 'admin' }, schema: { tags: ['accounts'], summary: 'Every user', response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: userSchema } } } } } }, async () => ({
    items: await ctx.accounts.listUsers(),
  }));

  app.post<{ Body: { name: string; role: string; tenant?: string; password?: string } }>(
    '/api/v1/users',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'Add a user (a tenant names its organization)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'role'],
          properties: { name: { type: 'string', maxLength: 64 }, role: principalSchema.properties.role, tenant: idParam, password: { type: 'string', maxLength: 1024 } },
        },
        response: { 201: userSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.accounts.addUser(req.body)),
  );

  app.patch<{ Params: { name: string }; Body: { disabled?: boolean; password?: string } }>(
    '/api/v1/users/:name',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'Disable or enable a user, or set its password (ends its sessions)',
        params: nameParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { disabled: { type: 'boolean' }, password: { type: 'string', maxLength: 1024 } } },
        response: { 200: userSchema },
      },
    },
    async (req) => {
      // A missing user is 404 before its new password is checked.
      await ctx.accounts.getUser(req.params.name);
      if (req.body.password !== undefined) await ctx.accounts.setPassword(req.params.name, req.body.password);
      return req.body.disabled !== undefined ? ctx.accounts.setDisabled(req.params.name, req.body.disabled) : ctx.accounts.getUser(req.params.name);
    },
  );
}
