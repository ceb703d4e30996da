/** Admin routes for users: list, add, disable/enable, set password. */
import { userAddBody, userNameParams, userPatchBody } from '../../contracts/requests/accounts.js';
import type { RoutePlugin } from '../routePlugin.js';
import { principalSchema } from './session.js';

const userSchema = { ...principalSchema, required: [...principalSchema.required, 'disabled', 'createdAt'], properties: { ...principalSchema.properties, disabled: { type: 'boolean' }, createdAt: { type: 'string' } } } as const;

/** Registers the user routes. */
export const userRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get('/users', { config: { auth: 'admin' }, schema: { tags: ['accounts'], summary: 'Every user', response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: userSchema } } } } } }, async () => ({
    items: await ctx.accounts.listUsers(),
  }));

  app.post(
    '/users',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'Add a user (a tenant names its organization)',
        body: userAddBody,
        response: { 201: userSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.accounts.addUser(req.body)),
  );

  app.patch(
    '/users/:name',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'Disable or enable a user, or set its password (ends its sessions)',
        params: userNameParams,
        body: userPatchBody,
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
};
