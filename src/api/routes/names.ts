/**
 * Names of many objects at once (`GET /api/v1/names?ids=a,b,c`): the UI shows names first and
 * ids second, and a page of ids must not cost one request per id. Scoped like the object reads:
 * a tenant learns the names of what it may see only; any other id is left out, exactly as one
 * that exists nowhere.
 */
import { NAMES_MAX, namesQuerystring } from '../../contracts/requests/objects.js';
import { idParam } from '../../contracts/requests/shared.js';
import { VerbundError } from '../../model/errors.js';
import type { StoredObject } from '../../timeline/Estate.js';
import { principalOf } from '../authorization.js';
import type { RoutePlugin } from '../routePlugin.js';

/** At most this many ids per request (declared with the request's schema). */
export { NAMES_MAX };

const idPattern = new RegExp(idParam.pattern);

/** `GET /api/v1/names` (a route module under `/api/v1`). */
export const nameRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/names',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['objects'],
        summary: 'The names of objects by id, at a view; ids that do not exist (or the caller may not see) are left out',
        querystring: namesQuerystring,
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
      const names: Record<string, string | null> = {};
      const nameOf = (o: StoredObject) => (typeof o.name === 'string' ? o.name : null);
      // Staff at the baseline: the few rows from the version index (a cold server need not read
      // the whole estate for the two names of a page). A tenant's scope and a plan need the view's snapshot.
      if (principalOf(req).role !== 'tenant' && req.query.plan === undefined) {
        const found = new Map((await ctx.estates.baselineObjects(ids, req.query.at)).map((o) => [o.id, o]));
        for (const id of ids) if (found.has(id)) names[id] = nameOf(found.get(id)!);
        return { names };
      }
      const { snap, scope } = await ctx.scoped(req, { at: req.query.at, plan: req.query.plan });
      for (const id of ids) {
        const o = snap.estate.get(id);
        if (o && scope.visible(id)) names[id] = nameOf(o);
      }
      return { names };
    },
  );
};
