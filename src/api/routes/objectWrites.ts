/**
 * Per-object writes as a convenience: create, update (JSON merge patch) and delete one
 * object, each as a change set of one change. Update and delete take If-Match with the
 * revision from the object's ETag; it is checked under the write lock, so of two writers
 * who read the same revision one wins and the other gets 412.
 */
import { TEXT_LIMITS } from '../../model/objectSchemas.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Change, ChangeSetInput, ChangeSetStatus } from '../../timeline/changeSet.js';
import type { ApiContext } from '../ApiContext.js';
import { ifMatchHeaders, ifMatchRevision, objectEtag, staleFirst } from '../etag.js';
import { changeSetHeaderSchema, idParam, idParams, presentHeader } from '../schemas.js';
import { statuses } from './changesetSchemas.js';
import { requireRightsFor } from './changesets.js';
import { english } from '../../service/serverTexts.js';

/** Who, when and how: the change set the one change goes into. Defaults: done, now. */
interface Meta {
  id?: string;
  title?: string;
  effective?: string;
  status?: ChangeSetStatus;
  plan?: string;
  author?: string;
  notes?: string;
}

const metaSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'The change set of this one change. Defaults: a generated id, status done (operators), effective now.',
  properties: {
    id: idParam,
    title: { type: 'string', minLength: 1, maxLength: 200 },
    effective: { type: 'string', maxLength: 40 },
    status: { type: 'string', enum: statuses.filter((s) => s !== 'cancelled') },
    plan: idParam,
    author: { type: 'string', maxLength: 200 },
    notes: { type: 'string', maxLength: TEXT_LIMITS.notes },
  },
} as const;

const written = {
  type: 'object',
  required: ['changeset', 'revision'],
  properties: { changeset: changeSetHeaderSchema, revision: { type: 'integer' }, object: { type: 'object', additionalProperties: true } },
} as const;

/** Registers POST /objects, PATCH and DELETE /objects/{id}. */
export function objectWriteRoutes(app: FastifyInstance, ctx: ApiContext): void {
  /** Writes one change; answers the change set, the object's new revision and (unless deleted) the object then. */
  const writeOne = async (req: FastifyRequest, reply: FastifyReply, change: Change, meta: Meta = {}, status = 200): Promise<FastifyReply> => {
    const cs: ChangeSetInput = {
      id: meta.id ?? `api-${randomBytes(6).toString('hex')}`,
      title: meta.title ?? english(`object.${change.op}`, { id: change.id }),
      effective: meta.effective ?? new Date().toISOString(),
      status: meta.status ?? 'done',
      changes: [change],
      ...(meta.plan !== undefined && { plan: meta.plan }),
      ...(meta.author !== undefined && { author: meta.author }),
      ...(meta.notes !== undefined && { notes: meta.notes }),
    };
    requireRightsFor(req, cs.status);
    const expected = ifMatchRevision(req);
    const writer = ctx.writer(req);
    let header;
    try {
      [header] = (await writer.addChangeSets({ plans: [], changesets: [cs] }, [], expected === undefined ? undefined : [{ id: change.id, revision: expected }])).added;
    } catch (e) {
      throw staleFirst(e);
    }
    const revision = header!.seq;
    const object = change.op === 'delete' ? undefined : await writer.get(change.id, { at: cs.effective, plan: cs.status === 'proposed' ? cs.plan : undefined });
    void reply.header('etag', objectEtag(revision, object ?? null));
    return reply.status(status).send({ changeset: presentHeader(header!), revision, ...(object && { object }) });
  };

  app.post<{ Body: { object: Record<string, unknown> & { id: string }; changeset?: Meta } }>(
    '/api/v1/objects',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['objects'],
        summary: 'Create one object (a change set of one create)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['object'],
          properties: { object: { type: 'object', required: ['id', 'kind'], properties: { id: idParam, kind: { type: 'string' } }, additionalProperties: true }, changeset: metaSchema },
        },
        response: { 201: written },
      },
    },
    (req, reply) => writeOne(req, reply, { op: 'create', id: req.body.object.id, fields: req.body.object }, req.body.changeset, 201),
  );

  app.patch<{ Params: { id: string }; Body: { fields: Record<string, unknown>; changeset?: Meta } }>(
    '/api/v1/objects/:id',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['objects'],
        summary: 'Update one object (JSON merge patch of its fields; If-Match: its ETag)',
        params: idParams,
        headers: ifMatchHeaders,
        body: { type: 'object', additionalProperties: false, required: ['fields'], properties: { fields: { type: 'object', minProperties: 1, additionalProperties: true }, changeset: metaSchema } },
        response: { 200: written },
      },
    },
    (req, reply) => writeOne(req, reply, { op: 'update', id: req.params.id, fields: { ...req.body.fields, id: req.params.id } }, req.body.changeset),
  );

  app.delete<{ Params: { id: string }; Querystring: Meta }>(
    '/api/v1/objects/:id',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['objects'],
        summary: 'Delete one object (If-Match: its ETag); the change set is described in the query',
        params: idParams,
        headers: ifMatchHeaders,
        querystring: metaSchema,
        response: { 200: written },
      },
    },
    (req, reply) => writeOne(req, reply, { op: 'delete', id: req.params.id }, req.query),
  );
}
