/** An object's history (`/api/v1/objects/{id}/history`) and the diff between two dates (`/api/v1/diff`). */
import { diffQuerystring } from '../../contracts/requests/objects.js';
import { idParams } from '../../contracts/requests/shared.js';
import { VerbundError } from '../../model/errors.js';
import { principalOf } from '../authorization.js';
import type { RoutePlugin } from '../routePlugin.js';
import { versionsWithin, visibleIntervals } from '../tenantHistory.js';
import { serverTextSchema, textOf } from '../../service/serverTexts.js';
import { anyObjectSchema, anyValue, changeSetHeaderSchema, presentHeader } from '../schemas.js';

const versionSchema = {
  type: 'object',
  required: ['changeset', 'changesetSeq', 'title', 'status', 'op', 'validFrom', 'validTo', 'recordedBy', 'recordedAt'],
  properties: {
    changeset: { type: 'string' },
    changesetSeq: { type: 'integer' },
    title: { type: 'string' },
    text: serverTextSchema,
    status: { type: 'string' },
    author: { type: ['string', 'null'] },
    recordedBy: { type: 'string' },
    recordedAt: { type: 'string' },
    op: { type: 'string', enum: ['create', 'update', 'delete'] },
    validFrom: { type: 'string' },
    validTo: { type: 'string' },
    object: anyObjectSchema,
  },
} as const;

const headerOut = { ...changeSetHeaderSchema, required: ['id', 'title', 'effective', 'status', 'seq'] } as const;

/** A catch handler: NOT_FOUND becomes `value`, anything else is thrown on. */
function notFoundAs<T>(value: T): (e: unknown) => T {
  return (e) => {
    if (e instanceof VerbundError && e.code === 'NOT_FOUND') return value;
    throw e;
  };
}

/** Registers history and diff. */
export const historyRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/objects/:id/history',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['objects'],
        summary: 'Every baseline version of an object, and the proposed changes of plans that touch it',
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['id', 'versions', 'proposed'],
            properties: {
              id: { type: 'string' },
              versions: { type: 'array', items: versionSchema },
              proposed: { type: 'array', items: { type: 'object', required: ['changeset', 'op'], properties: { changeset: headerOut, op: { type: 'string' } } } },
            },
          },
        },
      },
    },
    async (req) => {
      const { id } = req.params;
      const p = principalOf(req);
      if (p.role === 'tenant') {
        // A tenant sees the versions from when its scope held the object; the rest does not
        // exist for it. Plans are the operator's drafts: it sees what was and what is scheduled.
        const intervals = await visibleIntervals(ctx.estates, p.tenant ?? '', id);
        const versions = intervals.length ? versionsWithin((await ctx.estates.history(id).catch(notFoundAs({ versions: [] }))).versions, intervals) : [];
        if (!versions.length) throw new VerbundError('NOT_FOUND', `no object "${id}" in the history`);
        return { id, versions: versions.map(withText), proposed: [] };
      }
      const h = await ctx.estates.history(id);
      return { id, versions: h.versions.map(withText), proposed: h.proposed.map((x) => ({ changeset: presentHeader(x.changeset), op: x.op })) };
    },
  );

  app.get(
    '/diff',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['objects'],
        summary: 'What changed between two dates',
        querystring: diffQuerystring,
        response: {
          200: {
            type: 'object',
            required: ['from', 'to', 'changesets', 'added', 'removed', 'changed'],
            properties: {
              from: { type: 'string' },
              to: { type: 'string' },
              changesets: { type: 'array', items: headerOut },
              added: { type: 'array', items: anyObjectSchema },
              removed: { type: 'array', items: anyObjectSchema },
              changed: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'kind', 'fields'],
                  properties: {
                    id: { type: 'string' },
                    kind: { type: 'string' },
                    fields: { type: 'array', items: { type: 'object', required: ['field'], properties: { field: { type: 'string' }, from: anyValue, to: anyValue } } },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const d = await ctx.estates.diff(req.query.from, req.query.to ?? new Date().toISOString(), req.query.plan);
      return { ...d, changesets: d.changesets.map(presentHeader) };
    },
  );
};

/** A version with its change set's title as a code with parameters, when the server wrote it. */
function withText<V extends { readonly title: string }>(v: V): V & { text: ReturnType<typeof textOf> } {
  return { ...v, text: textOf(v.title) };
}
