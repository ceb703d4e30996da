/**
 * The analyses (BRIEF §4) over a view: check, what-if, paths, availability, timeline check.
 * They share the AnalysisService's snapshot cache, so repeated questions about the same
 * estate version cost one projection. Tenants get them restricted to their services.
 */
import type { FastifyInstance } from 'fastify';
import { VerbundError } from '../../model/errors.js';
import type { ApiContext } from '../ApiContext.js';
import { principalOf } from '../authorization.js';
import { analysisSchemas } from '../analysisSchemas.js';
import { idParam, viewQuery } from '../schemas.js';
import { scopeCheck, scopeWhatIf } from '../tenantReports.js';
import { BSI_GEO_THRESHOLDS } from '../../service/checkReport.js';

type View = { at?: string; plan?: string };
const viewOnly = { type: 'object', additionalProperties: false, properties: viewQuery } as const;

/** Registers the analysis routes. */
export function analysisRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: View & { geoMinimumKm?: number; geoRecommendedKm?: number } }>(
    '/api/v1/check',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'Verdicts per service (redundant, georedundant), the SPOF report with accepted risks, data-center distances',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...viewQuery,
            geoMinimumKm: { type: 'number', minimum: 0, default: BSI_GEO_THRESHOLDS.minimumKm, description: 'Minimum distance between the data centers of an application (km).' },
            geoRecommendedKm: { type: 'number', minimum: 0, default: BSI_GEO_THRESHOLDS.recommendedKm, description: 'Recommended distance (km).' },
          },
        },
        response: { 200: analysisSchemas.check },
      },
    },
    async (req) => {
      const { geoMinimumKm: minimumKm = BSI_GEO_THRESHOLDS.minimumKm, geoRecommendedKm: recommendedKm = BSI_GEO_THRESHOLDS.recommendedKm } = req.query;
      if (recommendedKm < minimumKm) throw new VerbundError('INVALID_INPUT', `geoRecommendedKm (${recommendedKm}) is below geoMinimumKm (${minimumKm})`);
      const { snap, scope } = await ctx.scoped(req, req.query);
      return scopeCheck(await ctx.metrics.analysis('check', () => ctx.analysis.check({ snapshot: snap, georedundancy: { minimumKm, recommendedKm } })), scope);
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
    async (req) => {
      const { snap, scope } = await ctx.scoped(req, req.query);
      // A tenant fails what it sees and what breaks its services (the evidence check shows
      // it); any other id does not exist for it, exactly as one that exists nowhere.
      let visible: ((id: string) => boolean) | undefined;
      if (scope.tenant !== null) {
        const evidence = new Set(scopeCheck(await ctx.analysis.check({ snapshot: snap }), scope).services.flatMap((s) => s.breakers.map((b) => b.id)));
        visible = (id) => scope.visible(id) || evidence.has(id);
      }
      return scopeWhatIf(await ctx.metrics.analysis('what-if', () => ctx.analysis.whatIf(req.body.fail, { snapshot: snap, ...(visible && { visible }) })), scope);
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
    async (req) => {
      const { snap, scope } = await ctx.scoped(req, req.query);
      // A tenant asks about its own sites and applications only; anything else does not exist.
      for (const id of [req.query.from, req.query.to]) if (!scope.visible(id)) throw new VerbundError('NOT_FOUND', `"${id}" does not exist at this date`);
      return ctx.metrics.analysis('paths', () => ctx.analysis.paths(req.query.from, req.query.to, { ...req.query, snapshot: snap }));
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
            monteCarlo: { type: 'integer', minimum: 1000, maximum: 1_000_000, description: 'Cross-check with this many Monte Carlo samples.' },
          },
        },
        response: { 200: analysisSchemas.availability },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const { snap } = await ctx.scoped(req, req.query); // the view's checks, as the tenant may see them
      // A tenant's question is always about its own services.
      const tenant = p.role === 'tenant' ? (p.tenant ?? '') : req.query.tenant;
      return ctx.metrics.analysis('availability', () => ctx.analysis.availability({ ...req.query, tenant, snapshot: snap, ...(p.role === 'tenant' && { sourcesOf: 'services' as const }) }));
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
    async (req) => ctx.metrics.analysis('timeline-check', () => ctx.analysis.timelineCheck(req.query.plan)),
  );
}
