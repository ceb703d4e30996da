/**
 * What a caller may see of an estate. Staff see everything. A tenant (bound to one
 * organization) sees its organization, its usages, the sites they name, the applications
 * they use and the applications those depend on (transitively: its services' verdicts name
 * them, so hiding them would hide why a service fails). Everything else does not exist for
 * it: every list, get and analysis route asks this one function.
 */
import { dependencyId } from '../model/dependency.js';
import type { Principal } from './AccountService.js';
import type { Estate, StoredObject } from '../timeline/Estate.js';

/** The visible part of an estate for one caller. */
export interface Scope {
  /** The tenant's organization, or null for staff (who see everything). */
  readonly tenant: string | null;
  /** True if the object with this id is visible. */
  visible(id: string): boolean;
}

const everything: Scope = { tenant: null, visible: () => true };

/** Scopes computed per estate snapshot and tenant: snapshots are cached and shared. */
const cache = new WeakMap<Estate, Map<string, Scope>>();

/**
 * The scope of a caller in an estate. The estate may be given as a function: staff need no
 * objects, so a snapshot whose estate is not parsed yet (Snapshot.estate) stays unparsed.
 */
export function scopeOf(principal: Principal, of: Estate | (() => Estate)): Scope {
  const tenant = principal.role === 'tenant' ? principal.tenant : null;
  if (tenant === null) return principal.role === 'tenant' ? { tenant: '', visible: () => false } : everything;
  const estate = typeof of === 'function' ? of() : of;
  let perTenant = cache.get(estate);
  if (!perTenant) cache.set(estate, (perTenant = new Map()));
  let scope = perTenant.get(tenant);
  if (!scope) perTenant.set(tenant, (scope = tenantScope(estate, tenant)));
  return scope;
}

/** What {@link tenantIds} reads of an estate: an object by id, and the usages. */
export interface ScopeSource {
  get(id: string): StoredObject | undefined;
  ofKind(kind: 'usage'): Iterable<Extract<StoredObject, { kind: 'usage' }>>;
}

function tenantScope(estate: Estate, tenant: string): Scope {
  const ids = tenantIds(estate, tenant);
  return { tenant, visible: (id) => ids.has(id) };
}

/** The ids a tenant sees in an estate (see the module comment). */
export function tenantIds(estate: ScopeSource, tenant: string): Set<string> {
  const ids = new Set<string>();
  if (estate.get(tenant)?.kind === 'organization') ids.add(tenant);
  const apps: string[] = [];
  for (const u of estate.ofKind('usage')) {
    if (u.tenant !== tenant) continue;
    ids.add(u.id);
    for (const s of u.sites ?? []) ids.add(s);
    apps.push(u.application);
  }
  // The dependency closure of the applications it uses.
  while (apps.length) {
    const id = apps.pop()!;
    if (ids.has(id)) continue;
    ids.add(id);
    const app = estate.get(id);
    if (app?.kind !== 'application') continue;
    for (const d of app.depends_on ?? []) apps.push(dependencyId(d));
  }
  return ids;
}
