/**
 * The application portfolio (docs/api.md "Portfolio and tenants"): one row per application
 * with the sites of its instances and the tenants of its usages — what a client would
 * otherwise learn only from every usage and every device of the estate (on the `state`
 * preset 50,000 and 60,000). The rows are built once per estate version (the snapshots are
 * cached and shared by requests); a request searches, filters, orders and pages them.
 */
import { choices } from '../model/choices.js';
import type { Estate } from '../timeline/Estate.js';
import type { PortfolioPage, PortfolioQuerystring, PortfolioRow, TenantRow } from '../contracts/index.js';
import { compareTexts, fieldKey, sortedBy, type OrderKey } from './listOrder.js';

/** The rows of a view's portfolio, in id order, and the values its filters choose from. */
interface PortfolioIndex {
  readonly rows: PortfolioRow[];
  readonly categories: string[];
  readonly products: string[];
}

/** The statuses in their lifecycle order (the model's order of the choice), for `sort=status`. */
const statusRank = new Map<string, number>(choices.applicationStatus.map((c, i) => [c.value, i]));

const indexes = new WeakMap<Estate, PortfolioIndex>();
const tenantLists = new WeakMap<Estate, TenantRow[]>();

/** The portfolio's rows of an estate, built on first need and kept with the estate. */
export function portfolioIndex(estate: Estate): PortfolioIndex {
  let index = indexes.get(estate);
  if (!index) indexes.set(estate, (index = buildIndex(estate)));
  return index;
}

function buildIndex(estate: Estate): PortfolioIndex {
  const usages = new Map<string, { usages: number; tenants: Set<string> }>();
  for (const u of estate.ofKind('usage')) {
    const row = usages.get(u.application) ?? usages.set(u.application, { usages: 0, tenants: new Set() }).get(u.application)!;
    row.usages++;
    row.tenants.add(u.tenant);
  }
  const apps = [...estate.ofKind('application')].sort((a, b) => (a.id < b.id ? -1 : 1));
  const rows = apps.map((a): PortfolioRow => {
    const instances = (a.instances ?? []).map((id) => {
      const d = estate.get(id);
      return { id, site: d?.kind === 'device' ? d.site : null };
    });
    const used = usages.get(a.id);
    return {
      id: a.id,
      ...(a.name !== undefined && { name: a.name }),
      ...(a.category !== undefined && { category: a.category }),
      ...(a.product !== undefined && { product: a.product }),
      ...(a.operator !== undefined && { operator: a.operator }),
      status: a.status ?? 'legacy',
      instances,
      sites: [...new Set(instances.flatMap((i) => (i.site === null ? [] : [i.site])))],
      usages: used?.usages ?? 0,
      tenants: used?.tenants.size ?? 0,
      ...(a.target_availability !== undefined && { target_availability: a.target_availability }),
    };
  });
  const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => v !== undefined))].sort(compareTexts);
  return { rows, categories: distinct(apps.map((a) => a.category)), products: distinct(apps.map((a) => a.product)) };
}

/**
 * A page of the portfolio: searched (`q` in id, name and product), filtered (category,
 * product, status: one value or several comma-separated), ordered and paged. `worst`: per
 * application the worst availability of its services, when it was asked for.
 */
export function portfolioPage(estate: Estate, q: PortfolioQuerystring, worst?: ReadonlyMap<string, number>): Omit<PortfolioPage, 'at' | 'plan'> {
  const index = portfolioIndex(estate);
  const tests: ((r: PortfolioRow) => boolean)[] = [];
  const needle = q.q?.trim().toLowerCase();
  if (needle) tests.push((r) => r.id.includes(needle) || (r.name ?? '').toLowerCase().includes(needle) || (r.product ?? '').toLowerCase().includes(needle));
  for (const field of ['category', 'product', 'status'] as const) {
    const wanted = q[field];
    if (wanted === undefined || wanted === '') continue;
    const values = new Set(wanted.split(','));
    tests.push((r) => r[field] !== undefined && values.has(r[field]));
  }
  const rows = worst ? index.rows.map((r) => (worst.has(r.id) ? { ...r, availability: worst.get(r.id)! } : r)) : index.rows;
  const picked = tests.length ? rows.filter((r) => tests.every((t) => t(r))) : rows;
  const ordered = q.sort && q.sort !== 'id' ? sortedBy(picked, q.sort, portfolioKey) : picked;
  return {
    items: ordered.slice(q.offset, q.offset + q.limit),
    total: picked.length,
    limit: q.limit,
    offset: q.offset,
    applications: index.rows.length,
    categories: index.categories,
    products: index.products,
    availability: worst !== undefined,
  };
}

/** A row's key for an order: the name (else the id) for `name`, the lifecycle for `status`. */
function portfolioKey(r: PortfolioRow, key: string): OrderKey {
  if (key === 'name') return r.name ?? r.id;
  if (key === 'status') return statusRank.get(r.status);
  return fieldKey(r, key);
}

/** Per application, the worst availability of its services (of an availability result's services). */
export function worstAvailability(services: readonly { readonly application: string; readonly availability: number }[]): Map<string, number> {
  const worst = new Map<string, number>();
  for (const s of services) worst.set(s.application, Math.min(worst.get(s.application) ?? 1, s.availability));
  return worst;
}

/**
 * The organizations that use applications (the tenants of the view's usages), by name, each
 * with its usages and services (usage × site); built once per estate version.
 */
export function tenantList(estate: Estate): TenantRow[] {
  let list = tenantLists.get(estate);
  if (!list) tenantLists.set(estate, (list = buildTenants(estate)));
  return list;
}

function buildTenants(estate: Estate): TenantRow[] {
  const counts = new Map<string, { usages: number; services: number }>();
  for (const u of estate.ofKind('usage')) {
    const row = counts.get(u.tenant) ?? counts.set(u.tenant, { usages: 0, services: 0 }).get(u.tenant)!;
    row.usages++;
    row.services += (u.sites ?? []).length;
  }
  const rows = [...counts].map(([id, n]): TenantRow => {
    const name = estate.get(id)?.name;
    return { id, ...(typeof name === 'string' && { name }), ...n };
  });
  return rows.sort((a, b) => compareTexts(a.name ?? a.id, b.name ?? b.id) || (a.id < b.id ? -1 : 1));
}
