/**
 * The estate's objects: a list route per kind (`/api/v1/sites`, …) with filters, search
 * and paging, and one object by id (`/api/v1/objects/{id}`), at any date and plan.
 */
import { objectListQuerystring, type ObjectListQuerystring } from '../../contracts/requests/objects.js';
import { idParams, viewOnlyQuery, type IdParams, type View } from '../../contracts/requests/shared.js';
import { VerbundError } from '../../model/errors.js';
import { fileKeyOfKind, kinds, type Kind } from '../../model/kinds.js';
import type { Estate, StoredObject } from '../../timeline/Estate.js';
import type { ApiContext } from '../ApiContext.js';
import { principalOf } from '../authorization.js';
import { objectEtag } from '../etag.js';
import { filterFields, kindJsonSchemas } from '../kindSchemas.js';
import type { RoutePlugin } from '../routePlugin.js';
import { anyObjectSchema, page, pageSchema } from '../schemas.js';
import { sortedBy, valuesOf } from '../../service/listOrder.js';

/** The path segment of a kind: `risk-groups`, `sites`, … */
export function pluralOf(kind: Kind): string {
  return fileKeyOfKind[kind].replace('_', '-');
}

/** Registers the list routes and the get route. */
export const objectRoutes: RoutePlugin = async (app, { ctx }) => {
  for (const kind of kinds) {
    const fields = filterFields(kind);
    const filters = Object.fromEntries(fields.map((f) => [f, { type: 'string', maxLength: 200, description: `Only objects whose ${f} is (or contains) this value; several values comma-separated.` }]));
    const sortable = ['id', 'name', ...fields.filter((f) => f !== 'name')];
    // The query's type is the contract's: the kind's filters are known only when the model is read.
    app.get<{ Querystring: ObjectListQuerystring }>(
      `/${pluralOf(kind)}`,
      {
        config: { auth: 'viewer', tenant: true },
        schema: {
          tags: ['objects'],
          summary: `List the ${kind} objects of a view`,
          querystring: {
            ...objectListQuerystring,
            properties: { ...objectListQuerystring.properties, sort: { ...objectListQuerystring.properties.sort, enum: [...sortable, ...sortable.map((f) => `-${f}`)] }, ...filters },
          },
          response: { 200: pageSchema(kindJsonSchemas()[kind], { at: { type: 'string' }, plan: { type: ['string', 'null'] } }) },
        },
      },
      async (req) => {
        const { at, plan, tag, q, sort, limit, offset, ...rest } = req.query;
        const { snap, scope } = await ctx.scoped(req, { at, plan });
        const wanted = Object.entries(rest).map(([field, v]) => [field, new Set(String(v).split(','))] as const);
        const needle = q?.toLowerCase();
        const tests: ((o: StoredObject) => boolean)[] = [];
        if (scope.tenant !== null) tests.push((o) => scope.visible(o.id));
        if (tag !== undefined) tests.push((o) => (o.tags ?? []).includes(tag));
        if (needle !== undefined) tests.push((o) => o.id.includes(needle) || (o.name ?? '').toLowerCase().includes(needle));
        for (const [field, values] of wanted) tests.push((o) => valuesOf(o, field).some((v) => values.has(v)));
        // One pass, and none for a plain page: the sorted list is shared by every request of the snapshot.
        const all = sortedOfKind(snap.estate, kind);
        const list = tests.length ? all.filter((o) => tests.every((t) => t(o))) : all;
        return { ...page(sort && sort !== 'id' ? sortedBy(list, sort) : list, { limit, offset }), at: snap.at, plan: snap.plan };
      },
    );
  }

  // Typed by the contract's types, not inferred from the schema: the answer may be a 304, which the response schema leaves out.
  app.get<{ Params: IdParams; Querystring: View }>(
    '/objects/:id',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['objects'],
        summary: 'One object of a view; its ETag carries its revision for If-Match',
        params: idParams,
        querystring: viewOnlyQuery,
        response: { 200: anyObjectSchema },
      },
    },
    async (req, reply) => {
      const view = { at: req.query.at, plan: req.query.plan };
      const { object: o, revision } = principalOf(req).role === 'tenant' ? await scopedGet(ctx, req, req.params.id, view) : await ctx.estates.getRevised(req.params.id, view);
      const etag = objectEtag(revision, o);
      void reply.header('etag', etag);
      // A client that has this version already gets no body.
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return o;
    },
  );
};

/** A tenant's get: from the snapshot, and only what its scope shows (else the same 404 as a missing object). */
async function scopedGet(ctx: ApiContext, req: Parameters<ApiContext['scoped']>[0], id: string, view: { at?: string | undefined; plan?: string | undefined }): Promise<{ object: StoredObject; revision: null }> {
  const { snap, scope } = await ctx.scoped(req, view);
  const o = snap.estate.get(id);
  if (!o || !scope.visible(id)) throw new VerbundError('NOT_FOUND', `no object "${id}" at ${snap.at.slice(0, 10)}${view.plan ? ` in plan ${view.plan}` : ''}`);
  // No revision: it counts the operator's plan change sets too. A tenant never writes, so it needs none for If-Match.
  return { object: o, revision: null };
}

/** The objects of a kind by id, sorted once per snapshot (snapshots are cached and shared by requests). */
const sorted = new WeakMap<Estate, Map<Kind, StoredObject[]>>();
function sortedOfKind(estate: Estate, kind: Kind): StoredObject[] {
  let perKind = sorted.get(estate);
  if (!perKind) sorted.set(estate, (perKind = new Map()));
  let list = perKind.get(kind);
  if (!list) perKind.set(kind, (list = [...estate.ofKind(kind)].sort((a, b) => (a.id < b.id ? -1 : 1))));
  return list;
}
