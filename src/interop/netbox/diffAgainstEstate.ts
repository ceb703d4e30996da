/**
 * Rule: a pull becomes the difference against the current estate (docs/netbox.md, "Sync").
 * Only objects whose `source` says they came from NetBox are compared, and of those only the
 * fields the mapping owns; a risk group the operator added to a NetBox device or link stays.
 * Objects from NetBox that the pull no longer has are deleted.
 */
import type { Kind } from '../../model/kinds.js';
import type { Change } from '../../timeline/changeSet.js';
import type { Estate, StoredObject } from '../../timeline/Estate.js';
import type { MappedObject } from './MappingContext.js';
import { isFromNetbox, netboxSource } from './netboxSource.js';
// The shapes this file produces are part of the API's contract: declared in src/contracts.
import type { SyncFieldDiff, SyncObjectsDiff } from '../../contracts/netbox.js';
export type { SyncFieldDiff };

/** The fields a sync writes, per kind; any other field of a NetBox object is the operator's. */
const syncedFields: Readonly<Record<Kind, readonly string[]>> = {
  organization: ['name', 'type', 'tags', 'source'],
  site: ['name', 'type', 'organization', 'location', 'address', 'tags', 'source'],
  'risk-group': ['name', 'type', 'notes', 'source'],
  device: ['name', 'site', 'role', 'status', 'tags', 'risk_groups', 'source'],
  link: ['name', 'a', 'b', 'type', 'carrier', 'risk_groups', 'redundancy_group', 'source'],
  application: ['name', 'category', 'product', 'instances', 'depends_on', 'target_availability', 'source'],
  usage: ['name', 'tenant', 'application', 'sites', 'users', 'source'],
  // Accepted risks are the operator's decisions: a sync never derives one.
  'risk-acceptance': [],
  // Failover tests are the operator's records too.
  'failover-test': [],
};

/** What a sync would change: the objects (as the API answers them) and the changes that make it. */
export interface SyncDiff extends SyncObjectsDiff {
  readonly changes: Change[];
}

/** JSON with sorted keys, so that equal values compare equal whatever their key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
}

/** Empty lists and strings are "not set": the mapping leaves them out. */
function normal(v: unknown): unknown {
  return (Array.isArray(v) && v.length === 0) || v === '' ? undefined : v;
}

/**
 * The changes that make the estate's NetBox objects what `mapped` says. `scope` limits
 * deletions to the sources a pull covers (`netbox:map.` only when a mapping file with
 * applications was read).
 */
export function diffAgainstEstate(mapped: readonly MappedObject[], estate: Estate, scope: { applications: boolean }): SyncDiff {
  const diff: SyncDiff = { changes: [], added: [], removed: [], changed: [] };
  const wanted = new Set<string>();
  for (const m of mapped) {
    wanted.add(m.id);
    // The id goes in the fields too, as estate files write it (`create: {id, kind, …}`).
    const fields: Record<string, unknown> = { id: m.id, kind: m.kind, source: m.source };
    for (const [k, v] of Object.entries(m.fields)) if (normal(v) !== undefined) fields[k] = v;
    const old = estate.get(m.id);
    if (!old) {
      diff.changes.push({ op: 'create', id: m.id, fields });
      diff.added.push(fields as StoredObject);
      continue;
    }
    if (Array.isArray(old.risk_groups)) {
      // Memberships the operator wrote (groups not from NetBox) are kept.
      const own = (old.risk_groups as string[]).filter((g) => !isFromNetbox(estate.get(g)));
      if (own.length) fields.risk_groups = [...new Set([...((fields.risk_groups as string[] | undefined) ?? []), ...own])].sort();
    }
    const patch: Record<string, unknown> = {};
    const changed: SyncFieldDiff[] = [];
    for (const f of syncedFields[m.kind]) {
      const from = normal(old[f]);
      const to = normal(fields[f]);
      if (canonical(from) === canonical(to)) continue;
      patch[f] = to ?? null;
      changed.push({ field: f, from, to });
    }
    if (changed.length) {
      diff.changes.push({ op: 'update', id: m.id, fields: { id: m.id, ...patch } });
      diff.changed.push({ id: m.id, kind: m.kind, fields: changed });
    }
  }
  const mapSource = netboxSource('map.', '').slice(0, -1);
  for (const o of estate.values()) {
    if (!isFromNetbox(o) || wanted.has(o.id)) continue;
    if (!scope.applications && String(o.source).startsWith(mapSource)) continue;
    diff.changes.push({ op: 'delete', id: o.id });
    diff.removed.push(o);
  }
  const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : 1);
  diff.added.sort(byId);
  diff.removed.sort(byId);
  diff.changed.sort(byId);
  return diff;
}
