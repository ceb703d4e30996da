/**
 * The estate's aggregated lists (docs/api.md "Portfolio and tenants"): the application
 * portfolio (`GET /portfolio`) searched, filtered, ordered and paged here, and the
 * organizations that use applications (`GET /tenants`). Both read the view's cached snapshot
 * and keep their rows with it, so a page costs a filter and a sort, never a read of every
 * usage and device. The portfolio concerns the operator's whole estate: tenants get 404.
 */
import { portfolioQuerystring } from '../../contracts/requests/portfolio.js';
import { viewOnlyQuery } from '../../contracts/requests/shared.js';
import { portfolioPage, tenantList, worstAvailability } from '../../service/portfolio.js';
import { clientGone } from '../clientGone.js';
import type { RoutePlugin } from '../routePlugin.js';
import { pageSchema } from '../schemas.js';

const text = { type: 'string' } as const;
const texts = { type: 'array', items: text } as const;
const count = { type: 'integer' } as const;

const rowSchema = {
  type: 'object',
  required: ['id', 'status', 'instances', 'sites', 'usages', 'tenants'],
  properties: {
    id: text,
    name: text,
    category: text,
    product: text,
    operator: text,
    status: text,
    instances: { type: 'array', items: { type: 'object', required: ['id', 'site'], properties: { id: text, site: { type: ['string', 'null'] } } } },
    sites: texts,
    usages: count,
    tenants: count,
    target_availability: { type: 'number' },
    availability: { type: 'number' },
  },
} as const;

/** Registers the portfolio and the tenants. */
export const portfolioRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/portfolio',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['objects'],
        summary: 'The application portfolio: per application its instances and their sites, usages, tenants, status and target; searched, filtered, ordered and paged',
        querystring: portfolioQuerystring,
        response: {
          200: pageSchema(rowSchema, { at: text, plan: { type: ['string', 'null'] }, applications: count, categories: texts, products: texts, availability: { type: 'boolean' } }),
        },
      },
    },
    async (req, reply) => {
      const { snap } = await ctx.scoped(req, req.query);
      // The availability analysis runs in the pool and is cached per estate version, as `GET /availability`'s.
      const worst = req.query.availability
        ? worstAvailability((await ctx.metrics.analysis('availability', () => ctx.analysis.availability({ snapshot: snap, maxOrder: 2, signal: clientGone(reply) }))).services)
        : undefined;
      return { ...portfolioPage(snap.estate, req.query, worst), at: snap.at, plan: snap.plan };
    },
  );

  app.get(
    '/tenants',
    {
      config: { auth: 'viewer' },
      schema: {
        tags: ['objects'],
        summary: 'The organizations that use applications, by name, with their usages and services (usage × site)',
        querystring: viewOnlyQuery,
        response: {
          200: {
            type: 'object',
            required: ['at', 'plan', 'items'],
            properties: {
              at: text,
              plan: { type: ['string', 'null'] },
              items: { type: 'array', items: { type: 'object', required: ['id', 'usages', 'services'], properties: { id: text, name: text, usages: count, services: count } } },
            },
          },
        },
      },
    },
    async (req) => {
      const { snap } = await ctx.scoped(req, req.query);
      return { at: snap.at, plan: snap.plan, items: tenantList(snap.estate) };
    },
  );
};
