/**
 * The service model along a walk of the timeline, kept from one date to the next: the same
 * model `buildServices` builds, without reading every object of the estate at every date.
 * The usages stay sorted by id across dates; a date changes only the ones it touched. Each
 * service row is its usage, its site index and its application's index, carried over (and
 * renumbered when the projection or the applications change); attach points per site and
 * closures per application are derived once per projection and set of applications. Also
 * says which service of the date before each one is (same usage and site), the identity the
 * timeline check takes verdicts over by.
 */
import type { Groups } from '../graph/groupBy.js';
import type { Estate, StoredObject } from '../timeline/Estate.js';
import type { Projection } from './projection.js';
import { accessNodes, applicationsOver, assembleServices, attachBySite, byId, withNeeds, type Applications, type ServiceModel, type UsageObject } from './services.js';

/** What changed since the date before: ids of usages and applications created, changed or deleted. */
export interface ServiceChanges {
  readonly usages: ReadonlySet<string>;
  readonly applications: ReadonlySet<string>;
}

/** The model of one date and, per service, the service of the date before it continues (-1: new). */
export interface ServicesStep {
  readonly model: ServiceModel;
  readonly previous: Int32Array;
  /** Services of the date before that none continues. */
  readonly removed: number;
}

interface Kept {
  readonly p: Projection;
  /** Sorted by id, with the first row of each (and the row count after the last). */
  readonly usages: readonly UsageObject[];
  readonly start: Int32Array;
  readonly apps: Applications;
  readonly appObjects: readonly StoredObject[];
  readonly attach: Groups;
  readonly model: ServiceModel;
  /** Per row: the index of its application, -1 if none. */
  readonly app: Int32Array;
}

/** Keeps the service model of the walk's last date. */
export class IncrementalServices {
  private kept: Kept | undefined;

  /**
   * The services of `estate` over its projection `p`. `changes` lists what the date changed
   * since the last call (undefined: anything may have; the model is built anew and still
   * matched with the one before). The projection is compared by identity: the same object
   * means an unchanged graph, with unchanged devices and roles.
   */
  next(p: Projection, estate: Estate, changes: ServiceChanges | undefined): ServicesStep {
    const prev = this.kept;
    const appsChanged = !prev || !changes || changes.applications.size > 0;
    const appObjects = appsChanged ? [...estate.ofKind('application')] : prev.appObjects;
    const apps = appsChanged || prev.p !== p ? applicationsOver(p, appObjects) : prev.apps;
    const attach = prev && prev.p === p ? prev.attach : attachBySite(p, accessNodes(p, estate.ofKind('device')));
    if (!prev || !changes) {
      const usages = [...estate.ofKind('usage')].sort(byId);
      const step = this.rows(p, usages, new Int32Array(usages.length).fill(-1), apps, attach, appObjects, undefined);
      return prev ? { ...step, ...matchByKey(prev, this.kept!) } : step;
    }
    if (changes.usages.size === 0 && prev.p === p) {
      // The same rows; only the applications may have changed (instances, dependencies).
      const sameApps = prev.apps === apps;
      const app = sameApps || sameIds(prev.apps.appIds, apps.appIds) ? prev.app : Int32Array.from(prev.app, (a) => (a < 0 ? -1 : (apps.appIndex.get(prev.apps.appIds[a]!) ?? -1)));
      const model = sameApps ? prev.model : withNeeds(prev.model, app, apps);
      this.kept = { ...prev, apps, appObjects, model, app };
      return { model, previous: sameRows(prev), removed: 0 };
    }
    // The sorted usages with the changed ones taken out and put back as they are now.
    const was: number[] = [];
    const usages: UsageObject[] = [];
    const now = [...changes.usages]
      .map((id) => estate.get(id))
      .filter((u): u is UsageObject => u?.kind === 'usage')
      .sort(byId);
    let j = 0;
    prev.usages.forEach((u, i) => {
      for (; j < now.length && now[j]!.id < u.id; j++) (usages.push(now[j]!), was.push(indexById(prev.usages, now[j]!.id)));
      if (!changes.usages.has(u.id)) (usages.push(u), was.push(i));
    });
    for (; j < now.length; j++) (usages.push(now[j]!), was.push(indexById(prev.usages, now[j]!.id)));
    return this.rows(p, usages, Int32Array.from(was), apps, attach, appObjects, changes);
  }

  /** The rows of `usages` (each with its position among the usages before, -1 if new) and the model. */
  private rows(p: Projection, usages: readonly UsageObject[], was: Int32Array, apps: Applications, attach: Groups, appObjects: readonly StoredObject[], changes: ServiceChanges | undefined): ServicesStep {
    const prev = this.kept;
    // Usages as before (same object, not changed): their rows carry over, renumbered.
    const carried = new Uint8Array(usages.length);
    if (prev && changes) for (let k = 0; k < usages.length; k++) carried[k] = was[k]! >= 0 && !changes.usages.has(usages[k]!.id) ? 1 : 0;
    const start = new Int32Array(usages.length + 1);
    for (let k = 0; k < usages.length; k++) start[k + 1] = start[k]! + (carried[k] ? prev!.start[was[k]! + 1]! - prev!.start[was[k]!]! : usages[k]!.sites.length);
    const count = start[usages.length]!;
    const siteOf = prev && prev.p !== p ? remap(prev.p.siteIds, p.siteIndex) : undefined;
    const appOf = prev && prev.apps !== apps ? remap(prev.apps.appIds, apps.appIndex) : undefined;
    const sameBefore = prev && sameRows(prev);
    const rowUsages = new Array<UsageObject>(count);
    const site = new Int32Array(count);
    const app = new Int32Array(count);
    const previous = new Int32Array(count).fill(-1);
    for (let k = 0; k < usages.length; k++) {
      const u = usages[k]!;
      const i = was[k]!;
      let row = start[k]!;
      if (carried[k]) {
        for (let r = prev!.start[i]!; r < prev!.start[i + 1]!; r++, row++) {
          rowUsages[row] = u;
          const t = prev!.model.site[r]!;
          site[row] = siteOf && t >= 0 ? siteOf[t]! : t;
          const a = prev!.app[r]!;
          app[row] = appOf && a >= 0 ? appOf[a]! : a;
          previous[row] = sameBefore![r]!;
        }
        continue;
      }
      const a = apps.appIndex.get(u.application) ?? -1;
      for (const siteId of u.sites) {
        rowUsages[row] = u;
        site[row] = p.siteIndex.get(siteId) ?? -1;
        app[row] = a;
        // The row before with the same site continues this one.
        if (prev && i >= 0) previous[row] = lastOfKey(prev, i, (q) => (prev.p.siteIds[prev.model.site[q]!] ?? '') === siteId);
        row++;
      }
    }
    const model = assembleServices({ usages: rowUsages, site, app }, attach, apps);
    const step = { model, previous, removed: prev ? removedKeys(prev, previous) : 0 };
    this.kept = { p, usages, start, apps, appObjects, attach, model, app };
    return step;
  }
}

/** Two id lists alike, position by position. */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameRowsOf = new WeakMap<ServiceModel, Int32Array>();

/** Per row, the row that stands for its key (usage, site) in the same model: itself but for a site listed twice. */
function sameRows(prev: Kept): Int32Array {
  const kept = sameRowsOf.get(prev.model);
  if (kept) return kept;
  const out = new Int32Array(prev.model.count);
  sameRowsOf.set(prev.model, out);
  for (let i = 0; i < prev.usages.length; i++) {
    const from = prev.start[i]!;
    const to = prev.start[i + 1]!;
    if (to - from === 1) out[from] = from;
    else for (let r = from; r < to; r++) out[r] = lastOfKey(prev, i, (q) => prev.model.site[q] === prev.model.site[r]);
  }
  return out;
}

/**
 * The last row of usage `i` before (rows of one usage with the same site are one service
 * twice over: the last one stands for them, as a map by key would keep it) that `same` holds
 * for, -1 if none.
 */
function lastOfKey(prev: Kept, i: number, same: (q: number) => boolean): number {
  for (let q = prev.start[i + 1]! - 1; q >= prev.start[i]!; q--) if (same(q)) return q;
  return -1;
}

/** Keys (usage, site) of the model before that no service continues. */
function removedKeys(prev: Kept, previous: ArrayLike<number>): number {
  const continued = new Uint8Array(prev.model.count);
  let keys = 0;
  for (let s = 0; s < previous.length; s++) {
    const r = previous[s]!;
    if (r >= 0 && !continued[r]) (continued[r] = 1), keys--;
  }
  const same = sameRows(prev);
  for (let r = 0; r < same.length; r++) if (same[r] === r) keys++;
  return keys;
}

/** The index of the usage with `id` in a list sorted by id, -1 if absent. */
function indexById(list: readonly UsageObject[], id: string): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid]!.id;
    if (x === id) return mid;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Old index → new index by id (-1 for an id gone). */
function remap(ids: readonly string[], index: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(ids, (id) => index.get(id) ?? -1);
}

/** Matches the services of two models by (usage, site id): the rule when anything may have changed. */
function matchByKey(prev: Kept, next: Kept): { previous: Int32Array; removed: number } {
  const key = (k: Kept, s: number): string => `${k.model.usage[s]}@${k.p.siteIds[k.model.site[s]!] ?? ''}`;
  const before = new Map<string, number>();
  for (let s = 0; s < prev.model.count; s++) before.set(key(prev, s), s);
  const previous = new Int32Array(next.model.count);
  for (let s = 0; s < next.model.count; s++) previous[s] = before.get(key(next, s)) ?? -1;
  return { previous, removed: removedKeys(prev, previous) };
}
