/**
 * Per-object writes as a convenience: create, update (JSON merge patch) and delete one
 * object, each as a change set of one change. Update and delete take If-Match with the
 * revision from the object's ETag; it is checked under the write lock, so of two writers
 * who read the same revision one wins and the other gets 412.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { changeSetMeta, objectCreateBody, objectPatchBody, type ChangeSetMeta } from '../../contracts/requests/objects.js';
import { idParams, ifMatchHeaders } from '../../contracts/requests/shared.js';
import type { Change, ChangeSetInput } from '../../timeline/changeSet.js';
import { ifMatchRevision, objectEtag, staleFirst } from '../etag.js';
import type { RoutePlugin } from '../routePlugin.js';
import { changeSetHeaderSchema, presentHeader } from '../schemas.js';
import { requireRightsFor } from './changesets.js';
import { english } from '../../service/serverTexts.js';

const written = {
  type: 'object',
  required: ['changeset', 'revision'],
  properties: { changeset: changeSetHeaderSchema, revision: { type: 'integer' }, object: { type: 'object', additionalProperties: true } },
} as const;

/** Registers POST /objects, PATCH and DELETE /objects/{id}. */
export const objectWriteRoutes: RoutePlugin = async (app, { ctx }) => {
  /** Writes one change; answers the change set, the object's new revision and (unless deleted) the object then. */
  const writeOne = async (req: FastifyRequest, reply: FastifyReply, change: Change, meta: ChangeSetMeta = {}, status = 200): Promise<FastifyReply> => {
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

  app.post(
    '/objects',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['objects'],
        summary: 'Create one object (a change set of one create)',
        body: objectCreateBody,
        response: { 201: written },
      },
    },
    (req, reply) => writeOne(req, reply, { op: 'create', id: req.body.object.id, fields: req.body.object }, req.body.changeset, 201),
  );

  app.patch(
    '/objects/:id',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['objects'],
        summary: 'Update one object (JSON merge patch of its fields; If-Match: its ETag)',
        params: idParams,
        headers: ifMatchHeaders,
        body: objectPatchBody,
        response: { 200: written },
      },
    },
    (req, reply) => writeOne(req, reply, { op: 'update', id: req.params.id, fields: { ...req.body.fields, id: req.params.id } }, req.body.changeset),
  );

  app.delete(
    '/objects/:id',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['objects'],
        summary: 'Delete one object (If-Match: its ETag); the change set is described in the query',
        params: idParams,
        headers: ifMatchHeaders,
        querystring: changeSetMeta,
        response: { 200: written },
      },
    },
    (req, reply) => writeOne(req, reply, { op: 'delete', id: req.params.id }, req.query),
  );
};
