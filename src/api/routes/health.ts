/** `/healthz` (the process answers) and `/readyz` (the database answers too). */
import type { FastifyInstance } from 'fastify';
import { VerbundError } from '../../model/errors.js';
import type { ApiContext } from '../ApiContext.js';

const statusSchema = { type: 'object', required: ['status'], properties: { status: { type: 'string' }, database: { type: 'string' } } } as const;

/** Registers the health routes. */
export function healthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/healthz', { config: { auth: 'public' }, schema: { tags: ['operations'], summary: 'The process answers', response: { 200: statusSchema } } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { tags: ['operations'], summary: 'The database answers', response: { 200: statusSchema } } }, async () => {
    try {
      await ctx.estates.ping();
    } catch {
      throw new VerbundError('INTERNAL', 'the database does not answer');
    }
    return { status: 'ok', database: ctx.store.dialect };
  });
}
