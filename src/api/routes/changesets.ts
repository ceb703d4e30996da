/**
 * Change sets: list, get (with its changes, in the estate file format's shape), add (the
 * file format's `{plans, changesets}`, one transaction: all or nothing, every problem
 * listed) and status changes with If-Match.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VerbundError } from '../../model/errors.js';
import { hasRights } from '../../model/roles.js';
import { toEstateDocument } from '../../interop/toEstateDocument.js';
import type { ChangeSetHeader } from '../../store/changeSetRepository.js';
import type { Change, ChangeSetStatus } from '../../timeline/changeSet.js';
import type { ApiContext } from '../ApiContext.js';
import { principalOf } from '../authorization.js';
import { ifMatchHeaders, ifMatchRevision, staleFirst } from '../etag.js';
import { changeSetHeaderSchema, idParam, idParams, page, pageQuery, pageSchema, presentHeader } from '../schemas.js';
import { changeSchema, changeSetsBodySchema, statuses, type ChangeSetsBody } from './changesetSchemas.js';

const fullSchema = { ...changeSetHeaderSchema, required: [...changeSetHeaderSchema.required, 'changes'], properties: { ...changeSetHeaderSchema.properties, changes: { type: 'array', items: changeSchema } } } as const;


function fileShape(c: Change): Record<string, unknown> {
  return c.op === 'delete' ? { delete: c.id } : { [c.op]: c.fields };
}

/** Marking a change set done records that it happened: operators only (planners propose and schedule). */
export function requireRightsFor(req: FastifyRequest, status: ChangeSetStatus): void {
  const role = principalOf(req).role;
  if (status === 'done' && !hasRights(role, 'operator')) throw new VerbundError('FORBIDDEN', `marking a change set done needs the role operator or higher; you are ${role}`);
}

/** Registers the change-set routes. */
export function changeSetRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: { status?: ChangeSetStatus; plan?: string; limit: number; offset: number } }>(
    '/api/v1/changesets',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['changesets'],
        summary: 'Change sets in recording order',
        querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: statuses }, plan: idParam, ...pageQuery } },
        response: { 200: pageSchema(changeSetHeaderSchema) },
      },
    },
    async (req) => {
      const { status, plan, ...p } = req.query;
      const list = (await ctx.estates.changeSets()).filter((h) => (status === undefined || h.status === status) && (plan === undefined || h.plan === plan));
      return page(list.map(presentHeader), p);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/changesets/:id',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['changesets'],
        summary: 'One change set with its changes; ETag is its revision',
        params: idParams,
        response: { 200: fullSchema },
      },
    },
    async (req, reply) => {
      const cs = await ctx.estates.changeSet(req.params.id);
      void reply.header('etag', `"${cs.revision}"`);
      return { ...presentHeader(cs), changes: cs.changes.map(fileShape) };
    },
  );

  app.post<{ Body: ChangeSetsBody }>(
    '/api/v1/changesets',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['changesets'],
        summary: 'Add change sets (and plans) as one transaction',
        description: 'The body has the shape of an estate file without top-level objects: `{plans?, changesets}`. Nothing is written if anything is wrong; every problem is listed.',
        body: changeSetsBodySchema,
        response: {
          201: {
            type: 'object',
            required: ['changesets', 'plans'],
            properties: { changesets: { type: 'array', items: changeSetHeaderSchema }, plans: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
    async (req, reply) => {
      for (const cs of req.body.changesets) requireRightsFor(req, cs.status);
      const { doc, problems } = toEstateDocument(req.body);
      const r = await ctx.writer(req).addChangeSets(doc, problems);
      return reply.status(201).send({ changesets: r.added.map(presentHeader), plans: doc.plans.map((p) => p.id) });
    },
  );

  app.patch<{ Params: { id: string }; Body: { status: ChangeSetStatus } }>(
    '/api/v1/changesets/:id',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['changesets'],
        summary: 'Change the status of a change set (If-Match: its revision)',
        params: idParams,
        headers: ifMatchHeaders,
        body: { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: statuses } } },
        response: { 200: changeSetHeaderSchema },
      },
    },
    async (req, reply) => {
      requireRightsFor(req, req.body.status);
      // If-Match: * holds for any change set that exists, which the lookup below checks.
      const match = ifMatchRevision(req);
      const revision = match === '*' ? undefined : match;
      const find = async (): Promise<ChangeSetHeader | undefined> => (await ctx.estates.changeSets()).find((h) => h.id === req.params.id);
      if (!(await find())) throw new VerbundError('UNKNOWN_CHANGESET', `no change set "${req.params.id}"`);
      try {
        await ctx.writer(req).setStatus([{ id: req.params.id, to: req.body.status, revision }]);
      } catch (e) {
        throw staleFirst(e);
      }
      const h = (await find())!;
      void reply.header('etag', `"${h.revision}"`);
      return presentHeader(h);
    },
  );
}
