/**
 * Change sets: list, get (with its changes, in the estate file format's shape), add (the
 * file format's `{plans, changesets}`, one transaction: all or nothing, every problem
 * listed) and status changes with If-Match.
 */
import type { FastifyRequest } from 'fastify';
import { changeSchema, changeSetListQuerystring, changeSetStatusBody, changeSetsBody, timelineQuerystring } from '../../contracts/requests/changesets.js';
import { idParams, ifMatchHeaders } from '../../contracts/requests/shared.js';
import { VerbundError } from '../../model/errors.js';
import { hasRights } from '../../model/roles.js';
import type { ChangeSetHeader } from '../../timeline/changeSet.js';
import type { Change, ChangeSetStatus } from '../../timeline/changeSet.js';
import { parseInstant } from '../../timeline/time.js';
import { principalOf } from '../authorization.js';
import { ifMatchRevision, staleFirst } from '../etag.js';
import type { RoutePlugin } from '../routePlugin.js';
import { changeSetHeaderSchema, page, pageSchema, presentHeader } from '../schemas.js';

const fullSchema = { ...changeSetHeaderSchema, required: [...changeSetHeaderSchema.required, 'changes'], properties: { ...changeSetHeaderSchema.properties, changes: { type: 'array', items: changeSchema } } } as const;


function fileShape(c: Change): Record<string, unknown> {
  // The id leads: the changes the server writes (plan joint, waves, restore) keep it beside the fields, not in them.
  return c.op === 'delete' ? { delete: c.id } : { [c.op]: { id: c.id, ...c.fields } };
}

/** Marking a change set done records that it happened: operators only (planners propose and schedule). */
export function requireRightsFor(req: FastifyRequest, status: ChangeSetStatus): void {
  const role = principalOf(req).role;
  if (status === 'done' && !hasRights(role, 'operator')) throw new VerbundError('FORBIDDEN', `marking a change set done needs the role operator or higher; you are ${role}`);
}

/** Registers the change-set routes. */
export const changeSetRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/changesets',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['changesets'],
        summary: 'Change sets in recording order',
        querystring: changeSetListQuerystring,
        response: { 200: pageSchema(changeSetHeaderSchema) },
      },
    },
    async (req) => {
      const { status, plan, effective, ...p } = req.query;
      const at = effective === undefined ? undefined : parseInstant(effective, 'effective');
      const list = (await ctx.estates.changeSets()).filter((h) => (status === undefined || h.status === status) && (plan === undefined || h.plan === plan) && (at === undefined || h.effectiveKey === at));
      return page(list.map(presentHeader), p);
    },
  );

  app.get(
    '/timeline',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['changesets'],
        summary: "The dates where the view changes (the baseline's change sets and the plan's proposed ones), in time order, with how many take effect at each",
        querystring: timelineQuerystring,
        response: {
          200: {
            type: 'object',
            required: ['plan', 'dates'],
            properties: { plan: { type: ['string', 'null'] }, dates: { type: 'array', items: { type: 'object', required: ['at', 'changesets'], properties: { at: { type: 'string' }, changesets: { type: 'integer' } } } } },
          },
        },
      },
    },
    async (req) => ({ plan: req.query.plan ?? null, dates: await ctx.estates.timelineDates(req.query.plan) }),
  );

  app.get(
    '/changesets/:id',
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

  app.post(
    '/changesets',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['changesets'],
        summary: 'Add change sets (and plans) as one transaction',
        description: 'The body has the shape of an estate file without top-level objects: `{plans?, changesets}`. Nothing is written if anything is wrong; every problem is listed.',
        body: changeSetsBody,
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
      // Read into change sets where it is written: a big body is not read on the request thread.
      const r = await ctx.writer(req).addChangeSetsFile(req.body);
      return reply.status(201).send({ changesets: r.added.map(presentHeader), plans: (req.body.plans ?? []).map((p) => p.id) });
    },
  );

  app.patch(
    '/changesets/:id',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['changesets'],
        summary: 'Change the status of a change set (If-Match: its revision)',
        params: idParams,
        headers: ifMatchHeaders,
        body: changeSetStatusBody,
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
};
