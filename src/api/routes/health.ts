/** `/healthz` (the process answers; whether the analyses are warm) and `/readyz` (the database answers too). */
import type { FastifyInstance } from 'fastify';
import { VerbundError } from '../../model/errors.js';
import type { ApiContext } from '../ApiContext.js';

const statusSchema = { type: 'object', required: ['status'], properties: { status: { type: 'string' }, database: { type: 'string' } } } as const;
const healthSchema = {
  type: 'object',
  required: ['status', 'warm'],
  properties: {
    status: { type: 'string' },
    warm: { type: 'boolean', description: 'true once the warm-up at start has finished (`serve`; never with `--no-warm`): the analyses of the estate of now cost only their own report' },
  },
} as const;

/** Registers the health routes. */
export function healthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/healthz', { config: { auth: 'public' }, schema: { tags: ['operations'], summary: 'The process answers', response: { 200: healthSchema } } }, async () => ({ status: 'ok', warm: ctx.analysis.warmedUp }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { tags: ['operations'], summary: 'The database answers', response: { 200: statusSchema } } }, async () => {
    try {
      await ctx.estates.ping();
    } catch {
      throw new VerbundError('INTERNAL', 'the database does not answer');
    }
    return { status: 'ok', database: ctx.store.dialect };
  });
}
