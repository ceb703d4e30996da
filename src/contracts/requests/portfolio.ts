/**
 * The requests of the estate's aggregated lists (docs/api.md "Portfolio and tenants"): the
 * application portfolio, searched, filtered, ordered and paged by the server, so that a
 * client loads one page of it rather than every usage and device of the estate.
 */
import { pageQuery, viewQuery, type RequestOf } from './shared.js';

/** The orders of the portfolio (`-key`: descending). */
export const portfolioSortKeys = ['id', 'name', 'category', 'product', 'operator', 'status', 'usages', 'tenants', 'availability', 'target_availability'] as const;

/** An order of the portfolio. */
export type PortfolioSortKey = (typeof portfolioSortKeys)[number];

/** A filter's values: one, or several comma-separated (any of them). */
const filterText = { type: 'string', maxLength: 200 } as const;

/** `GET /portfolio`: the view, a search, filters, an order, a page, and whether to judge availability. */
export const portfolioQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...viewQuery,
    ...pageQuery,
    q: { type: 'string', maxLength: 100, description: 'Search in id, name and product (case-insensitive).' },
    category: { ...filterText, description: 'Only applications of this category (several comma-separated: any of them).' },
    product: { ...filterText, description: 'Only applications of this product (several comma-separated: any of them).' },
    status: { ...filterText, description: 'Only applications with this status (absent counts as `legacy`; several comma-separated: any of them).' },
    sort: {
      type: 'string',
      enum: [...portfolioSortKeys, ...portfolioSortKeys.map((k) => `-${k}` as const)],
      description: 'Order by this key, `-key` descending: texts by German collation, `status` in its lifecycle order, absent values last, ties by id. Default: by id.',
    },
    availability: {
      type: 'boolean',
      default: false,
      description: "Also the worst availability of each application's services (the availability analysis with cut sets up to order 2, in the analysis pool: minutes at state scale, cached per estate version); needed to order by `availability`.",
    },
  },
} as const;

/** `GET /portfolio`'s query. */
export type PortfolioQuerystring = RequestOf<typeof portfolioQuerystring>;
