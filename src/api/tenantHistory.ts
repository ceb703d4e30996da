/**
 * Which versions of an object's history a tenant sees: those that were visible to it at some
 * instant of their validity — its scope (docs/api.md, "Tenants") as it was then, not as it is
 * today. An application's versions from before the tenant's usage began (naming other
 * municipalities' devices, say) are not its to see.
 */
import type { VersionRow } from '../store/versionRepository.js';
import type { EstateService } from '../service/EstateService.js';
import type { StoredObject } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';
import { tenantIds } from '../service/tenantScope.js';

/** Half-open intervals `[from, to)` of the timeline. */
export type Intervals = readonly (readonly [TimeKey, TimeKey])[];

/**
 * The intervals in which `id` lies in the tenant's scope. The scope depends only on the
 * tenant's organization, its usages and the applications (their dependency closure), so a
 * sweep over the versions of those kinds finds every instant where it can change, without
 * reading the whole estate at any date.
 */
export async function visibleIntervals(estates: EstateService, tenant: string, id: string): Promise<Intervals> {
  const versions = (await estates.versionsOfKinds(['organization', 'usage', 'application'])).filter(
    (v) => v.object !== null && (v.object.kind === 'application' || (v.object.kind === 'usage' ? v.object.tenant === tenant : v.id === tenant)),
  );
  const instants = [...new Set(versions.flatMap((v) => [v.validFrom, v.validTo]))].sort();
  const starting = groupBy(versions, (v) => v.validFrom);
  const ending = groupBy(versions, (v) => v.validTo);
  const alive = new Map<string, StoredObject>();
  const source = {
    get: (x: string) => alive.get(x),
    *ofKind() {
      for (const o of alive.values()) if (o.kind === 'usage') yield o as Extract<StoredObject, { kind: 'usage' }>;
    },
  };
  const out: [TimeKey, TimeKey][] = [];
  for (let i = 0; i < instants.length - 1; i++) {
    const t = instants[i]!;
    for (const v of ending.get(t) ?? []) if (alive.get(v.id) === v.object) alive.delete(v.id);
    for (const v of starting.get(t) ?? []) alive.set(v.id, v.object!);
    if (!tenantIds(source, tenant).has(id)) continue;
    const last = out[out.length - 1];
    if (last && last[1] === t) last[1] = instants[i + 1]!;
    else out.push([t, instants[i + 1]!]);
  }
  return out;
}

/** The versions that overlap the intervals (a zero-length version: if its instant lies in one). */
export function versionsWithin(versions: readonly VersionRow[], intervals: Intervals): VersionRow[] {
  return versions.filter((v) => intervals.some(([from, to]) => (v.validFrom === v.validTo ? from <= v.validFrom && v.validFrom < to : from < v.validTo && v.validFrom < to)));
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return m;
}
