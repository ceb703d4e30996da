/** An object's history (`/api/v1/objects/{id}/history`) and the diff between two dates (`/api/v1/diff`). */
import type { FastifyInstance } from 'fastify';
import { VerbundError } from '../../model/errors.js';
import type { ApiContext } from '../ApiContext.js';
import { principalOf } from '../authorization.js';
import { anyObjectSchema, anyValue, changeSetHeaderSchema, idParams, presentHeader, viewQuery } from '../schemas.js';

const versionSchema = {
  type: 'object',
  required: ['changeset', 'changesetSeq', 'title', 'status', 'op', 'validFrom', 'validTo', 'recordedBy', 'recordedAt'],
  properties: {
    changeset: { type: 'string' },
    changesetSeq: { type: 'integer' },
    title: { type: 'string' },
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

/** Registers history and diff. */
export function historyRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Params: { id: string } }>(
    '/api/v1/objects/:id/history',
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
      const tenant = principalOf(req).role === 'tenant';
      if (tenant) {
        // A tenant sees the history of what it sees today; the rest does not exist for it.
        const { scope } = await ctx.scoped(req, {});
        if (!scope.visible(id)) throw new VerbundError('NOT_FOUND', `no object "${id}" in the history`);
      }
      const h = await ctx.estates.history(id);
      // Plans are the operator's drafts: a tenant sees what was and what is scheduled.
      const proposed = tenant ? [] : h.proposed.map((p) => ({ changeset: presentHeader(p.changeset), op: p.op }));
      return { id, versions: h.versions, proposed };
    },
  );

  app.get<{ Querystring: { from: string; to?: string; plan?: string } }>(
    '/api/v1/diff',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['objects'],
        summary: 'What changed between two dates',
        querystring: { type: 'object', additionalProperties: false, required: ['from'], properties: { from: viewQuery.at, to: viewQuery.at, plan: viewQuery.plan } },
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
}
