/**
 * Names of many objects at once (`GET /api/v1/names?ids=a,b,c`): the UI shows names first and
 * ids second, and a page of ids must not cost one request per id. Scoped like the object reads:
 * a tenant learns the names of what it may see only; any other id is left out, exactly as one
 * that exists nowhere.
 */
import type { FastifyInstance } from 'fastify';
import { VerbundError } from '../../model/errors.js';
import type { ApiContext } from '../ApiContext.js';
import { idParam, viewQuery } from '../schemas.js';

/** At most this many ids per request (a page of the UI asks for far fewer). */
export const NAMES_MAX = 200;

const idPattern = new RegExp(idParam.pattern);

/** Registers `GET /api/v1/names`. */
export function nameRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: { ids: string; at?: string; plan?: string } }>(
    '/api/v1/names',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['objects'],
        summary: 'The names of objects by id, at a view; ids that do not exist (or the caller may not see) are left out',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['ids'],
          properties: { ...viewQuery, ids: { type: 'string', minLength: 1, maxLength: NAMES_MAX * 65, description: `Comma-separated ids, at most ${NAMES_MAX}.` } },
        },
        response: {
          200: {
            type: 'object',
            required: ['names'],
            properties: { names: { type: 'object', additionalProperties: { type: ['string', 'null'] }, description: 'Per visible id its name, or null when it has none.' } },
          },
        },
      },
    },
    async (req) => {
      const ids = [...new Set(req.query.ids.split(','))];
      if (ids.length > NAMES_MAX) throw new VerbundError('INVALID_INPUT', `ids: ${ids.length} ids, at most ${NAMES_MAX}`);
      const bad = ids.find((id) => !idPattern.test(id) || id.length > idParam.maxLength);
      if (bad !== undefined) throw new VerbundError('INVALID_INPUT', `ids: "${bad}" is not an id`);
      const { snap, scope } = await ctx.scoped(req, { at: req.query.at, plan: req.query.plan });
      const names: Record<string, string | null> = {};
      for (const id of ids) {
        const o = snap.estate.get(id);
        if (o && scope.visible(id)) names[id] = typeof o.name === 'string' ? o.name : null;
      }
      return { names };
    },
  );
}
