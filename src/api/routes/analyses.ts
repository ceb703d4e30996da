/**
 * The analyses (docs/analysis.md) over a view: check, what-if, paths, availability, timeline check.
 * They run in the analysis pool's worker threads (docs/api.md, "Heavy analyses"): this
 * thread only reads the estate and answers, so light requests stay fast while they run. An
 * analysis whose client goes away is cancelled. Tenants get them restricted to their services.
 */
import type { FastifyInstance } from 'fastify';
import { VerbundError } from '../../model/errors.js';
import { checkVerdicts, type CheckQuery } from '../../service/checkReport.js';
import type { ApiContext } from '../ApiContext.js';
import { principalOf } from '../authorization.js';
import { analysisSchemas } from '../analysisSchemas.js';
import { clientGone } from '../clientGone.js';
import { idParam, viewQuery } from '../schemas.js';
import { scopeCheck, scopeWhatIf } from '../../service/tenantReports.js';
import { BSI_GEO_THRESHOLDS } from '../../service/checkReport.js';
import { targetsOfChecked } from '../../service/recoveryTargets.js';

type View = { at?: string; plan?: string };
const viewOnly = { type: 'object', additionalProperties: false, properties: viewQuery } as const;

/** Page sizes of the check's lists (docs/api.md): the default keeps an answer within a few MB. */
const checkLimits = { services: 1000, spofs: 100, breaks: 10, max: 10_000 } as const;

type CheckQuerystring = View & {
  form: 'full' | 'summary';
  network: 'counts' | 'lists';
  tenant?: string;
  application?: string;
  site?: string;
  verdict?: CheckQuery['verdict'];
  offset: number;
  limit: number;
  spofOffset: number;
  spofLimit: number;
  breaksLimit: number;
};

const count = (dflt: number, description: string) => ({ type: 'integer', minimum: 0, maximum: checkLimits.max, default: dflt, description }) as const;
const start = (description: string) => ({ type: 'integer', minimum: 0, default: 0, description }) as const;

/** Registers the analysis routes. */
export function analysisRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: CheckQuerystring & { geoMinimumKm?: number; geoRecommendedKm?: number; targets?: boolean } }>(
    '/api/v1/check',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'Verdicts per service (redundant, georedundant), the SPOF report with accepted risks, data-center distances; filtered and paged',
        description:
          'The summary counts every service that passes the filters; `services` and `spofs` are pages of them (`page` says where). `form=summary` leaves out the service list and the SPOFs\' `breaks` lists; the raw-network lists come only with `network=lists`.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...viewQuery,
            form: { type: 'string', enum: ['full', 'summary'], default: 'full' },
            network: { type: 'string', enum: ['counts', 'lists'], default: 'counts', description: 'The raw-network facts as counts only, or with their lists (articulation points, bridges, blocks: large on a large estate).' },
            tenant: idParam,
            application: idParam,
            site: idParam,
            verdict: { type: 'string', enum: [...checkVerdicts] },
            offset: start('First service of the page.'),
            limit: count(checkLimits.services, 'Services per page.'),
            spofOffset: start('First SPOF of the page.'),
            spofLimit: count(checkLimits.spofs, 'SPOFs per page (most breaking first).'),
            breaksLimit: count(checkLimits.breaks, 'Services listed per SPOF (`broken` counts them all).'),
            geoMinimumKm: { type: 'number', minimum: 0, default: BSI_GEO_THRESHOLDS.minimumKm, description: 'Minimum distance between the data centers of an application (km).' },
            geoRecommendedKm: { type: 'number', minimum: 0, default: BSI_GEO_THRESHOLDS.recommendedKm, description: 'Recommended distance (km).' },
            targets: {
              type: 'boolean',
              default: false,
              description: "Also judge the recovery and availability targets (`continuity.targets`): the restore order of the worst data-center loss against each WAZ/RTO, the availability against `target_availability` (docs/continuity.md, \"In check\").",
            },
          },
        },
        response: { 200: analysisSchemas.check },
      },
    },
    async (req, reply) => {
      const { geoMinimumKm: minimumKm = BSI_GEO_THRESHOLDS.minimumKm, geoRecommendedKm: recommendedKm = BSI_GEO_THRESHOLDS.recommendedKm } = req.query;
      if (recommendedKm < minimumKm) throw new VerbundError('INVALID_INPUT', `geoRecommendedKm (${recommendedKm}) is below geoMinimumKm (${minimumKm})`);
      const { snap, scope } = await ctx.scoped(req, req.query);
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

  app.post<{ Querystring: View; Body: { fail: string[] } }>(
    '/api/v1/what-if',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'What goes down, and what loses redundancy, when these elements fail together',
        querystring: viewOnly,
        body: { type: 'object', additionalProperties: false, required: ['fail'], properties: { fail: { type: 'array', minItems: 1, maxItems: 1000, items: idParam } } },
        response: { 200: analysisSchemas.whatIf },
      },
    },
    async (req, reply) => {
      const { snap, scope } = await ctx.scoped(req, req.query);
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

  app.get<{ Querystring: View & { from: string; to: string } }>(
    '/api/v1/paths',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'Two independent paths between two ends, or why none exist',
        querystring: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { ...viewQuery, from: idParam, to: idParam } },
        response: { 200: analysisSchemas.paths },
      },
    },
    async (req, reply) => {
      const { snap, scope } = await ctx.scoped(req, req.query);
      // A tenant asks about its own sites and applications only; anything else does not exist.
      for (const id of [req.query.from, req.query.to]) if (!scope.visible(id)) throw new VerbundError('NOT_FOUND', `"${id}" does not exist at this date`);
      return ctx.metrics.analysis('paths', () => ctx.analysis.paths(req.query.from, req.query.to, { snapshot: snap, signal: clientGone(reply) }));
    },
  );

  app.get<{ Querystring: View & { tenant?: string; application?: string; site?: string; maxOrder?: 1 | 2 | 3; monteCarlo?: number } }>(
    '/api/v1/availability',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'Availability per service: downtime, dominant cut sets, target met',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...viewQuery,
            tenant: idParam,
            application: idParam,
            site: idParam,
            maxOrder: { type: 'integer', enum: [1, 2, 3] },
            monteCarlo: { type: 'integer', minimum: 1000, maximum: 1_000_000, description: 'Cross-check with this many Monte Carlo samples per distinct service core (bounded by the analysis deadline too).' },
          },
        },
        response: { 200: analysisSchemas.availability },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const { snap } = await ctx.scoped(req, req.query); // the view's checks, as the tenant may see them
      // A tenant's question is always about its own services.
      const tenant = p.role === 'tenant' ? (p.tenant ?? '') : req.query.tenant;
      const { at: _a, plan: _p, ...query } = req.query;
      return ctx.metrics.analysis('availability', () => ctx.analysis.availability({ ...query, tenant, snapshot: snap, signal: clientGone(reply), ...(p.role === 'tenant' && { sourcesOf: 'services' as const }) }));
    },
  );

  app.get<{ Querystring: { plan?: string } }>(
    '/api/v1/timeline-check',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['analyses'],
        summary: 'The verdicts at every date where the estate (or the plan overlay) changes',
        querystring: { type: 'object', additionalProperties: false, properties: { plan: viewQuery.plan } },
        response: { 200: analysisSchemas.timelineCheck },
      },
    },
    async (req, reply) => ctx.metrics.analysis('timeline-check', () => ctx.analysis.timelineCheck(req.query.plan, undefined, clientGone(reply))),
  );
}
