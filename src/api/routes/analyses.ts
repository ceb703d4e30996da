/**
 * The analyses (docs/analysis.md) over a view: check, what-if, paths, availability, timeline check.
 * They run in the analysis pool's worker threads (docs/api.md, "Heavy analyses"): this
 * thread only reads the estate and answers, so light requests stay fast while they run. An
 * analysis whose client goes away is cancelled. Tenants get them restricted to their services.
 */
import {
  availabilityQuerystring,
  checkQuerystring,
  pathsQuerystring,
  timelineCheckQuerystring,
  whatIfBody,
  type CheckQuery,
} from '../../contracts/requests/analyses.js';
import { viewOnlyQuery } from '../../contracts/requests/shared.js';
import { VerbundError } from '../../model/errors.js';
import { principalOf } from '../authorization.js';
import { analysisSchemas } from '../analysisSchemas.js';
import { clientGone } from '../clientGone.js';
import type { RoutePlugin } from '../routePlugin.js';
import { scopeCheck, scopeWhatIf } from '../../service/tenantReports.js';
import { targetsOfChecked } from '../../service/recoveryTargets.js';

/** Registers the analysis routes. */
export const analysisRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/check',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'Verdicts per service (redundant, georedundant), the SPOF report with accepted risks, data-center distances; filtered and paged',
        description:
          'The summary counts every service that passes the filters; `services` and `spofs` are pages of them (`page` says where). `form=summary` leaves out the service list and the SPOFs\' `breaks` lists; the raw-network lists come only with `network=lists`.',
        querystring: checkQuerystring,
        response: { 200: analysisSchemas.check },
      },
    },
    async (req, reply) => {
      const { geoMinimumKm: minimumKm, geoRecommendedKm: recommendedKm } = req.query;
      if (recommendedKm < minimumKm) throw new VerbundError('INVALID_INPUT', `geoRecommendedKm (${recommendedKm}) is below geoMinimumKm (${minimumKm})`);
      // The targets are judged in this thread (the restore order over the estate's objects): then
      // the estate is parsed first, in slices beside the requests; the check alone needs it not.
      const { snap, scope } = await ctx.scoped(req, req.query, { estate: req.query.targets });
      const { at: _a, plan: _p, form, network, tenant, geoMinimumKm: _g, geoRecommendedKm: _r, targets, ...rest } = req.query;
      const query: CheckQuery = {
        ...rest,
        // A tenant's question is always about its own services.
        tenant: scope.tenant ?? tenant,
        networkCounts: network === 'counts',
        ...(form === 'summary' && { limit: 0, breaksLimit: 0 }),
      };
      const view = { snapshot: snap, signal: clientGone(reply), georedundancy: { minimumKm, recommendedKm } };
      const r = scopeCheck(await ctx.metrics.analysis('check', () => ctx.analysis.check(view, query)), scope);
      if (!targets) return r;
      const judged = await ctx.metrics.analysis('check', () => ctx.analysis.targets(view, scope));
      const filtered = query.application !== undefined || query.site !== undefined || query.verdict !== undefined;
      return { ...r, continuity: { ...r.continuity, targets: targetsOfChecked(judged, r, filtered) } };
    },
  );

  app.post(
    '/what-if',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'What goes down, and what loses redundancy, when these elements fail together',
        querystring: viewOnlyQuery,
        body: whatIfBody,
        response: { 200: analysisSchemas.whatIf },
      },
    },
    async (req, reply) => {
      const { snap, scope } = await ctx.scoped(req, req.query, { estate: false });
      // A tenant fails what it sees and what breaks its services (the evidence check shows
      // it); any other id does not exist for it, exactly as one that exists nowhere.
      let visible: ((id: string) => boolean) | undefined;
      if (scope.tenant !== null) {
        const own = await ctx.analysis.check({ snapshot: snap, signal: clientGone(reply) }, { tenant: scope.tenant, spofLimit: 0, networkCounts: true });
        const evidence = new Set(scopeCheck(own, scope).services.flatMap((s) => s.breakers.map((b) => b.id)));
        visible = (id) => scope.visible(id) || evidence.has(id);
      }
      return scopeWhatIf(await ctx.metrics.analysis('what-if', () => ctx.analysis.whatIf(req.body.fail, { snapshot: snap, signal: clientGone(reply), ...(visible && { visible }) })), scope);
    },
  );

  app.get(
    '/paths',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'Two independent paths between two ends, or why none exist',
        querystring: pathsQuerystring,
        response: { 200: analysisSchemas.paths },
      },
    },
    async (req, reply) => {
      const { snap, scope } = await ctx.scoped(req, req.query, { estate: false });
      // A tenant asks about its own sites and applications only; anything else does not exist.
      for (const id of [req.query.from, req.query.to]) if (!scope.visible(id)) throw new VerbundError('NOT_FOUND', `"${id}" does not exist at this date`);
      return ctx.metrics.analysis('paths', () => ctx.analysis.paths(req.query.from, req.query.to, { snapshot: snap, signal: clientGone(reply) }));
    },
  );

  app.get(
    '/availability',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'Availability per service: downtime, dominant cut sets, target met',
        querystring: availabilityQuerystring,
        response: { 200: analysisSchemas.availability },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const { snap } = await ctx.scoped(req, req.query, { estate: false }); // the view's checks, as the tenant may see them
      // A tenant's question is always about its own services.
      const tenant = p.role === 'tenant' ? (p.tenant ?? '') : req.query.tenant;
      const { at: _a, plan: _p, ...query } = req.query;
      return ctx.metrics.analysis('availability', () => ctx.analysis.availability({ ...query, tenant, snapshot: snap, signal: clientGone(reply), ...(p.role === 'tenant' && { sourcesOf: 'services' as const }) }));
    },
  );

  app.get(
    '/timeline-check',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['analyses'],
        summary: 'The verdicts at every date where the estate (or the plan overlay) changes',
        querystring: timelineCheckQuerystring,
        response: { 200: analysisSchemas.timelineCheck },
      },
    },
    async (req, reply) => ctx.metrics.analysis('timeline-check', () => ctx.analysis.timelineCheck(req.query.plan, undefined, clientGone(reply))),
  );
};
