/**
 * The estate's aggregated lists as the API answers them (docs/api.md "Portfolio and
 * tenants"): the application portfolio, a page of one row per application with what it
 * takes every usage and device to know (its instances' sites, its tenants), and the
 * organizations that use applications.
 */
import type { Application } from '../model/objectSchemas.js';
import type { Instant, Page } from './common.js';
import type { PortfolioQuerystring, PortfolioSortKey } from './requests/portfolio.js';

export type { PortfolioQuerystring, PortfolioSortKey };

/** The query of `GET /portfolio` (as the client sends it: every part optional). */
export type PortfolioQuery = Partial<PortfolioQuerystring>;

/** An instance of an application and the site of its device (null: no such device then). */
export interface PortfolioInstance {
  readonly id: string;
  readonly site: string | null;
}

/** One application of the portfolio. */
export interface PortfolioRow {
  readonly id: string;
  readonly name?: string;
  readonly category?: string;
  readonly product?: string;
  readonly operator?: string;
  /** Its status; `legacy` when the object has none. */
  readonly status: NonNullable<Application['status']>;
  readonly instances: PortfolioInstance[];
  /** The sites of its instances, each once, in the order of the instances. */
  readonly sites: string[];
  /** Its usages, and the distinct organizations among their tenants. */
  readonly usages: number;
  readonly tenants: number;
  readonly target_availability?: number;
  /** With `availability=true`: the worst availability of its services (absent: it has none). */
  readonly availability?: number;
}

/** A page of the portfolio, with what the filters choose from. */
export interface PortfolioPage extends Page<PortfolioRow> {
  readonly at: Instant;
  readonly plan: string | null;
  /** Applications in the view before search and filters. */
  readonly applications: number;
  /** Every category and product of the view's applications, in German collation. */
  readonly categories: string[];
  readonly products: string[];
  /** Whether the rows carry `availability`. */
  readonly availability: boolean;
}

/** An organization that uses applications (`GET /tenants`): its usages and services (usage × site). */
export interface TenantRow {
  readonly id: string;
  readonly name?: string;
  readonly usages: number;
  readonly services: number;
}

/** The organizations that use applications at a view, by name. */
export interface TenantList {
  readonly at: Instant;
  readonly plan: string | null;
  readonly items: TenantRow[];
}
