/**
 * The requests of the analyses (docs/analysis.md, docs/api.md "Analyses"): check, what-if,
 * paths, availability, timeline check. The check's filters and pages are one shape for the
 * API's query string, the CLI's options and the service's {@link CheckQuery}.
 */
import { BSI_GEO_THRESHOLDS } from '../../model/geoThresholds.js';
import { idParam, viewQuery, type RequestOf } from './shared.js';

/** The verdicts a check can be filtered by. */
export const checkVerdicts = ['surviving', 'failing', 'up', 'down', 'redundant', 'not-redundant', 'georedundant', 'not-georedundant'] as const;

/** A verdict a check can be filtered by. */
export type CheckVerdict = (typeof checkVerdicts)[number];

/** Page sizes of the check's lists over HTTP (docs/api.md): the default keeps an answer within a few MB. */
export const checkLimits = { services: 1000, spofs: 100, breaks: 10, max: 10_000 } as const;

const count = (dflt: number, description: string) => ({ type: 'integer', minimum: 0, maximum: checkLimits.max, default: dflt, description }) as const;
const start = (description: string) => ({ type: 'integer', minimum: 0, default: 0, description }) as const;

/** The filters of a check: which services it reports. */
const checkFilters = {
  tenant: idParam,
  application: idParam,
  site: idParam,
  verdict: { type: 'string', enum: checkVerdicts },
} as const;

/** `GET /check`: the view, the filters, the pages, the form, the georedundancy thresholds and whether to judge the recovery targets. */
export const checkQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...viewQuery,
    form: { type: 'string', enum: ['full', 'summary'], default: 'full' },
    network: { type: 'string', enum: ['counts', 'lists'], default: 'counts', description: 'The raw-network facts as counts only, or with their lists (articulation points, bridges, blocks: large on a large estate).' },
    ...checkFilters,
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
      description: 'Also judge the recovery and availability targets (`continuity.targets`): the restore order of the worst data-center loss against each WAZ/RTO, the availability against `target_availability` (docs/continuity.md, "In check").',
    },
  },
} as const;

/** `GET /check` as the route receives it (defaults filled in). */
export type CheckQuerystring = RequestOf<typeof checkQuerystring>;

/**
 * Which services a check reports, and which page of its lists (the service's input, shared
 * by the CLI and the API): the filters and pages of {@link CheckQuerystring}, each optional.
 * Filters restrict the services, the summary counts them, and the SPOFs count only the
 * services that pass. Limits absent: everything (the CLI's `--json`, an export).
 */
export type CheckQuery = {
  readonly [K in keyof typeof checkFilters | 'offset' | 'limit' | 'spofOffset' | 'spofLimit' | 'breaksLimit']?: CheckQuerystring[K] | undefined;
} & {
  /** Leave out the raw-network lists (articulation points, bridges, blocks); the counts stay. */
  readonly networkCounts?: boolean | undefined;
};

/** `POST /what-if`: the elements that fail together. */
export const whatIfBody = { type: 'object', additionalProperties: false, required: ['fail'], properties: { fail: { type: 'array', minItems: 1, maxItems: 1000, items: idParam } } } as const;

/** `POST /what-if`'s body. */
export type WhatIfBody = RequestOf<typeof whatIfBody>;

/** `GET /paths`: the two ends in a view. */
export const pathsQuerystring = { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { ...viewQuery, from: idParam, to: idParam } } as const;

/** `GET /paths`'s query. */
export type PathsQuerystring = RequestOf<typeof pathsQuerystring>;

/** Largest cut-set orders of the availability analysis. */
export const availabilityOrders = [1, 2, 3] as const;

/** `GET /availability`: the view, the services, the cut-set order and the Monte Carlo cross-check. */
export const availabilityQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...viewQuery,
    tenant: idParam,
    application: idParam,
    site: idParam,
    maxOrder: { type: 'integer', enum: availabilityOrders },
    monteCarlo: { type: 'integer', minimum: 1000, maximum: 1_000_000, description: 'Cross-check with this many Monte Carlo samples per distinct service core (bounded by the analysis deadline too).' },
  },
} as const;

/** `GET /availability`'s query. */
export type AvailabilityQuerystring = RequestOf<typeof availabilityQuerystring>;

/** `GET /timeline-check`: the plan to overlay, if any. */
export const timelineCheckQuerystring = { type: 'object', additionalProperties: false, properties: { plan: viewQuery.plan } } as const;

/** `GET /timeline-check`'s query. */
export type TimelineCheckQuerystring = RequestOf<typeof timelineCheckQuerystring>;
