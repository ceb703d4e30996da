/**
 * Migration planning over HTTP, with the CLI's parameters (docs/cli.md, docs/planning.md):
 * plans (list, show, accept, drop), wave planning, joint-operation candidates (and writing
 * one as a plan) and progress. Reads need a viewer, writes a planner; plans concern the whole
 * operator, so tenants get 404 as for any route not meant for them.
 */
import { serverTextSchema, withPlanTexts } from '../../service/serverTexts.js';
import { jointApplyBody, jointQuerystring, planAcceptBody, progressQuerystring, restorePlanBody, wavePlanBody, type PlanAcceptBody } from '../../contracts/requests/plans.js';
import { idParams } from '../../contracts/requests/shared.js';
import { VerbundError } from '../../model/errors.js';
import { hasRights } from '../../model/roles.js';
import { principalOf } from '../authorization.js';
import { applyJoint, jointCandidates } from '../../service/jointOperation.js';
import { planWaves } from '../../service/PlanningService.js';
import { planReport, setPlanStatus } from '../../service/planReport.js';
import { migrationProgressReport } from '../../service/migrationProgressReport.js';
import { planRestore } from '../../service/restorePlan.js';
import { clientGone } from '../clientGone.js';
import type { RoutePlugin } from '../routePlugin.js';

/** The published result schemas live in docs/schemas; the routes pass the services' answers through whole. */
const result = (file: string) => ({ type: 'object', additionalProperties: true, description: `As docs/schemas/${file}.` }) as const;

/** Registers the planning routes. */
export const planRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/plans',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['plans'],
        summary: 'The plans (what-if scenarios)',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: 'string' }, text: serverTextSchema, notes: { type: 'string' }, notesText: serverTextSchema, createdBy: { type: 'string' }, createdAt: { type: 'string' } } } } },
          },
        },
      },
    },
    async () => ({ items: (await ctx.estates.plans()).map(withPlanTexts) }),
  );

  app.get(
    '/plans/:id',
    { config: { auth: 'viewer' }, schema: { tags: ['plans'], summary: 'A plan step by step: date, applications, size, split dependencies, verdict (plan show)', params: idParams, response: { 200: result('plan-show.schema.json') } } },
    async (req) => planReport(ctx.estates, req.params.id),
  );

  for (const [action, status] of [
    ['accept', 'scheduled'],
    ['drop', 'cancelled'],
  ] as const) {
    app.post(
      `/plans/:id/${action}`,
      {
        config: { auth: 'planner' },
        schema: {
          tags: ['plans'],
          summary:
            action === 'accept'
              ? 'Every proposed change set of the plan becomes scheduled (plan accept); refused if one is dated before now, unless an operator sends backdate: true, which records those as done'
              : 'Every proposed change set of the plan becomes cancelled (plan drop)',
          params: idParams,
          ...(action === 'accept' && { body: planAcceptBody }),
          response: { 200: { type: 'object', required: ['plan', status], properties: { plan: { type: 'string' }, [status]: { type: 'array', items: { type: 'string' } }, done: { type: 'array', items: { type: 'string' } } } } },
        },
      },
      async (req) => {
        // Only accept has a body schema (one route per action, from one declaration): its body is the contract's.
        const backdate = action === 'accept' && (req.body as PlanAcceptBody | undefined)?.backdate === true;
        const r = await setPlanStatus(ctx.writer(req), req.params.id, status, { backdate, mayBackdate: hasRights(principalOf(req).role, 'operator') });
        return { plan: req.params.id, [status]: r.changed, ...(action === 'accept' && { done: r.done }) };
      },
    );
  }

  app.post(
    '/plans/waves',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['plans'],
        summary: 'Plan a data-center move in dated waves and write it as a proposed plan (plan waves)',
        description: 'The solve runs in the analysis pool (a worker thread), so the server keeps answering; `timeLimit` is at most 30 seconds here (default 10) because the request waits for it; use the CLI for longer runs.',
        body: wavePlanBody,
        response: { 200: result('plan-waves.schema.json') },
      },
    },
    async (req, reply) => planWaves(ctx.writer(req), { ...req.body, days: req.body.days ?? 'sat', timeLimit: req.body.timeLimit ?? 10, runner: ctx.pool, signal: clientGone(reply) }),
  );

  app.post(
    '/plans/restore',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['plans'],
        summary: 'The restore order after a disaster (plan restore): with dryRun (any viewer) the order, its misses and why; without, written as a proposed plan (planner)',
        description: 'The solve runs in the analysis pool (a worker thread), so the server keeps answering; `timeLimit` is at most 10 seconds here (default 5) because the request waits for it; use the CLI for longer runs.',
        body: restorePlanBody,
        response: { 200: result('plan-restore.schema.json') },
      },
    },
    async (req, reply) => {
      const dryRun = req.body.dryRun === true;
      if (!dryRun && !hasRights(principalOf(req).role, 'planner')) throw new VerbundError('FORBIDDEN', `writing a restore plan needs the role planner or higher; you are ${principalOf(req).role} (send dryRun: true to see the order)`);
      return planRestore(dryRun ? ctx.estates : ctx.writer(req), { ...req.body, dryRun, timeLimit: req.body.timeLimit ?? 5, runner: ctx.pool, signal: clientGone(reply) });
    },
  );

  app.get(
    '/joint',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['plans'],
        summary: 'Joint-operation candidates (plan joint)',
        querystring: jointQuerystring,
        response: { 200: result('plan-joint.schema.json') },
      },
    },
    async (req) => {
      // From the view's cached snapshot: the candidates are found once per estate version.
      const { snap } = await ctx.scoped(req, req.query);
      return jointCandidates(ctx.estates, req.query, { at: snap.at, estate: snap.estate });
    },
  );

  app.post(
    '/joint',
    {
      config: { auth: 'planner' },
      schema: {
        tags: ['plans'],
        summary: 'Write the consolidation of a candidate as a new plan (plan joint --apply); with dryRun, what would be written and its warnings (a date in a blackout), writing nothing',
        body: jointApplyBody,
        response: { 200: result('plan-joint-apply.schema.json'), 201: result('plan-joint-apply.schema.json') },
      },
    },
    async (req, reply) => reply.status(req.body.dryRun ? 200 : 201).send(await applyJoint(ctx.writer(req), req.body)),
  );

  app.get(
    '/progress',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['plans'],
        summary: 'Applications by status at every date where they change, with a plan beside the baseline (progress)',
        querystring: progressQuerystring,
        response: { 200: result('progress.schema.json') },
      },
    },
    async (req) => {
      if (req.query.from !== undefined && req.query.to !== undefined && req.query.from > req.query.to) throw new VerbundError('INVALID_INPUT', '"from" is after "to"');
      return migrationProgressReport(ctx.estates, req.query);
    },
  );
};
