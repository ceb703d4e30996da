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
import { accessNodes, applicationsOver, assembleServices, attachBySite, byId, type Applications, type ServiceModel, type UsageObject } from './services.js';

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
      const step = this.rows(p, usages, usages.map(() => -1), apps, attach, appObjects, undefined);
      return prev ? { ...step, ...matchByKey(prev, this.kept!) } : step;
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
    return this.rows(p, usages, was, apps, attach, appObjects, changes);
  }

  /** The rows of `usages` (each with its position among the usages before, -1 if new) and the model. */
  private rows(p: Projection, usages: readonly UsageObject[], was: readonly number[], apps: Applications, attach: Groups, appObjects: readonly StoredObject[], changes: ServiceChanges | undefined): ServicesStep {
    const prev = this.kept;
    const siteOf = prev ? remap(prev.p.siteIds, prev.p === p ? undefined : p.siteIndex) : undefined;
    const appOf = prev ? remap(prev.apps.appIds, prev.apps === apps ? undefined : apps.appIndex) : undefined;
    const start = new Int32Array(usages.length + 1);
    const rowUsages: UsageObject[] = [];
    const site: number[] = [];
    const app: number[] = [];
    const previous: number[] = [];
    usages.forEach((u, k) => {
      start[k] = rowUsages.length;
      const i = was[k]!;
      const same = prev !== undefined && i >= 0 && changes !== undefined && !changes.usages.has(u.id);
      if (same) {
        // The same usage: its rows as before, renumbered.
        for (let r = prev.start[i]!; r < prev.start[i + 1]!; r++) {
          rowUsages.push(u);
          site.push(siteOf!(prev.model.site[r]!));
          app.push(appOf!(prev.app[r]!));
          previous.push(prev.start[i + 1]! - prev.start[i]! === 1 ? r : lastOfKey(prev, i, (q) => prev.model.site[q] === prev.model.site[r]));
        }
        return;
      }
      const a = apps.appIndex.get(u.application) ?? -1;
      for (const siteId of u.sites) {
        rowUsages.push(u);
        site.push(p.siteIndex.get(siteId) ?? -1);
        app.push(a);
        // The row before with the same site continues this one.
        previous.push(prev && i >= 0 ? lastOfKey(prev, i, (q) => (prev.p.siteIds[prev.model.site[q]!] ?? '') === siteId) : -1);
      }
    });
    start[usages.length] = rowUsages.length;
    const appRows = Int32Array.from(app);
    const model = assembleServices({ usages: rowUsages, site: Int32Array.from(site), app: appRows }, attach, apps);
    const step = { model, previous: Int32Array.from(previous), removed: prev ? removedKeys(prev, previous) : 0 };
    this.kept = { p, usages, start, apps, appObjects, attach, model, app: appRows };
    return step;
  }
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
function removedKeys(prev: Kept, previous: readonly number[]): number {
  const continued = new Uint8Array(prev.model.count);
  let keys = 0;
  for (const r of previous) if (r >= 0 && !continued[r]) (continued[r] = 1), keys--;
  for (let i = 0; i < prev.usages.length; i++) {
    const from = prev.start[i]!;
    const to = prev.start[i + 1]!;
    if (to - from === 1) keys++;
    else for (let r = from; r < to; r++) if (lastOfKey(prev, i, (q) => prev.model.site[q] === prev.model.site[r]) === r) keys++;
  }
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

/** Old index → new index by id (-1 stays -1; an id gone maps to -1); the identity without `index`. */
function remap(ids: readonly string[], index: ReadonlyMap<string, number> | undefined): (i: number) => number {
  if (!index) return (i) => i;
  const map = Int32Array.from(ids, (id) => index.get(id) ?? -1);
  return (i) => (i < 0 ? -1 : map[i]!);
}

/** Matches the services of two models by (usage, site id): the rule when anything may have changed. */
function matchByKey(prev: Kept, next: Kept): { previous: Int32Array; removed: number } {
  const key = (k: Kept, s: number): string => `${k.model.usage[s]}@${k.p.siteIds[k.model.site[s]!] ?? ''}`;
  const before = new Map<string, number>();
  for (let s = 0; s < prev.model.count; s++) before.set(key(prev, s), s);
  const previous = new Int32Array(next.model.count);
  for (let s = 0; s < next.model.count; s++) previous[s] = before.get(key(next, s)) ?? -1;
  return { previous, removed: removedKeys(prev, Array.from(previous)) };
}
