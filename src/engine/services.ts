/**
 * The services of an estate (docs/analysis.md, "The graph and the services") over a projection: a service is (usage, site of that
 * usage); its users attach at the site's access devices (all its devices if none is an
 * access device; the site's own node if it has no devices); it needs its application and
 * every application in the `depends_on` closure, each up if one of its instances is.
 */
import { dependencyId } from '../model/dependency.js';
import type { StoredObject } from '../timeline/Estate.js';
import { groupPairs, type Groups } from '../graph/groupBy.js';
import { objectsOf, type ObjectSource, type Projection } from './projection.js';

/** Every service, as parallel arrays with CSR groups. Service `s` is position `s`. */
export interface ServiceModel {
  readonly count: number;
  readonly usage: readonly string[];
  readonly tenant: readonly string[];
  readonly application: readonly string[];
  /** Site index (in the projection) of each service. */
  readonly site: Int32Array;
  /** Users of the usage (0 when unknown). */
  readonly users: Int32Array;
  /** Service → the nodes where its users attach (empty if the site has no node left). */
  readonly attach: Groups;
  /** Service → indices of the applications it needs (its own first, then the closure). */
  readonly needs: Groups;
  /** Application index → id. */
  readonly appIds: readonly string[];
  readonly appIndex: ReadonlyMap<string, number>;
  /** Application → its instance nodes present in the graph. */
  readonly appInstances: Groups;
}

function dependencyIds(app: StoredObject): string[] {
  const deps = (app as { depends_on?: (string | { application: string })[] }).depends_on ?? [];
  return deps.map(dependencyId);
}

/** A usage as the services read it. */
export type UsageObject = Extract<StoredObject, { kind: 'usage' }>;

/** The applications of an estate over a projection, as the service model holds them. */
export interface Applications {
  readonly appIds: readonly string[];
  readonly appIndex: ReadonlyMap<string, number>;
  readonly appInstances: Groups;
  /** The application and its `depends_on` closure (indices), computed once per application. */
  readonly closureOf: (a: number) => readonly number[];
}

/** The applications (in estate order) with their instances in `p` and their closures. */
export function applicationsOver(p: Projection, apps: readonly StoredObject[]): Applications {
  const appIds = apps.map((a) => a.id);
  const appIndex = new Map(appIds.map((id, i) => [id, i]));
  const instApp: number[] = [];
  const instNode: number[] = [];
  apps.forEach((a, i) => {
    for (const id of (a as { instances?: string[] }).instances ?? []) {
      const n = p.nodeIndex.get(id);
      if (n !== undefined) (instApp.push(i), instNode.push(n));
    }
  });
  const appInstances = groupPairs(Int32Array.from(instApp), Int32Array.from(instNode), apps.length);
  const closure: (number[] | undefined)[] = new Array<number[] | undefined>(apps.length);
  const closureOf = (root: number): number[] => {
    let c = closure[root];
    if (c) return c;
    const seen = new Set<number>([root]);
    const stack = [root];
    c = [];
    while (stack.length) {
      const a = stack.pop()!;
      c.push(a);
      for (const d of dependencyIds(apps[a]!)) {
        const j = appIndex.get(d);
        if (j !== undefined && !seen.has(j)) (seen.add(j), stack.push(j));
      }
    }
    closure[root] = c;
    return c;
  };
  return { appIds, appIndex, appInstances, closureOf };
}

/**
 * Site → the nodes where the users of a service at that site attach: its access devices,
 * all its nodes if none is one (the site's own node for a site without devices).
 *
 * @param access per node, 1 for an access device.
 */
export function attachBySite(p: Projection, access: Uint8Array): Groups {
  const { offsets: so, members: sm } = p.siteNodes;
  const sites = p.siteIds.length;
  const offsets = new Int32Array(sites + 1);
  const members: number[] = [];
  for (let t = 0; t < sites; t++) {
    const from = so[t]!;
    const to = so[t + 1]!;
    for (let k = from; k < to; k++) if (access[sm[k]!]) members.push(sm[k]!);
    if (members.length === offsets[t]) for (let k = from; k < to; k++) members.push(sm[k]!);
    offsets[t + 1] = members.length;
  }
  return { offsets, members: Int32Array.from(members) };
}

/** The rows of a service model: one per service, its usage's fields, its site and attach points. */
export type ServiceRows = Pick<ServiceModel, 'count' | 'usage' | 'tenant' | 'application' | 'site' | 'users' | 'attach'>;

/**
 * Assembles a service model from one row per service (its usage, site index and the index
 * of its application, -1 if none), the attach points per site and the applications.
 */
export function assembleServices(rows: { readonly usages: readonly UsageObject[]; readonly site: Int32Array; readonly app: Int32Array }, attach: Groups, apps: Applications): ServiceModel {
  return withNeeds(assembleRows(rows.usages, rows.site, attach), rows.app, apps);
}

/** The rows of a model (see {@link assembleServices}). */
export function assembleRows(usages: readonly UsageObject[], site: Int32Array, attach: Groups): ServiceRows {
  const count = usages.length;
  const usage = new Array<string>(count);
  const tenant = new Array<string>(count);
  const application = new Array<string>(count);
  const users = new Int32Array(count);
  const offsets = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) {
    const u = usages[s]!;
    usage[s] = u.id;
    tenant[s] = u.tenant;
    application[s] = u.application;
    users[s] = u.users ?? 0;
    const t = site[s]!;
    offsets[s + 1] = offsets[s]! + (t >= 0 ? attach.offsets[t + 1]! - attach.offsets[t]! : 0);
  }
  const members = new Int32Array(offsets[count]!);
  for (let s = 0; s < count; s++) {
    const t = site[s]!;
    if (t >= 0) members.set(attach.members.subarray(attach.offsets[t]!, attach.offsets[t + 1]!), offsets[s]!);
  }
  return { count, usage, tenant, application, site, users, attach: { offsets, members } };
}

/** A model of `rows` whose services need their application (`app` per row, -1 if none) and its closure. */
export function withNeeds(rows: ServiceRows, app: Int32Array, apps: Applications): ServiceModel {
  const { count } = rows;
  const offsets = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) offsets[s + 1] = offsets[s]! + (app[s]! >= 0 ? apps.closureOf(app[s]!).length : 0);
  const members = new Int32Array(offsets[count]!);
  for (let s = 0; s < count; s++) if (app[s]! >= 0) members.set(apps.closureOf(app[s]!), offsets[s]!);
  return { ...rows, needs: { offsets, members }, appIds: apps.appIds, appIndex: apps.appIndex, appInstances: apps.appInstances };
}

/** Per node of `p`, 1 for an access device of `devices`. */
export function accessNodes(p: Projection, devices: Iterable<StoredObject>): Uint8Array {
  const access = new Uint8Array(p.nodeCount);
  for (const o of devices) {
    if (o.kind !== 'device' || o.role !== 'access') continue;
    const n = p.nodeIndex.get(o.id);
    if (n !== undefined) access[n] = 1;
  }
  return access;
}

/** Builds the services of `source` over its projection `p`, in usage id order, then usage site order. */
export function buildServices(p: Projection, source: ObjectSource): ServiceModel {
  const apps: StoredObject[] = [];
  const usages: UsageObject[] = [];
  const devices: StoredObject[] = [];
  for (const o of objectsOf(source)) {
    if (o.kind === 'application') apps.push(o);
    else if (o.kind === 'usage') usages.push(o);
    else if (o.kind === 'device') devices.push(o);
  }
  usages.sort(byId);
  const applications = applicationsOver(p, apps);
  const rowUsages: UsageObject[] = [];
  const site: number[] = [];
  const app: number[] = [];
  for (const u of usages) {
    const a = applications.appIndex.get(u.application) ?? -1;
    for (const siteId of u.sites) {
      rowUsages.push(u);
      site.push(p.siteIndex.get(siteId) ?? -1);
      app.push(a);
    }
  }
  return assembleServices({ usages: rowUsages, site: Int32Array.from(site), app: Int32Array.from(app) }, attachBySite(p, accessNodes(p, devices)), applications);
}

/** The order of services: by usage id. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : 1;
}

/**
 * True if service `s` is up given component labels of the surviving graph (-1 = failed
 * node): some attach point survives and its component holds a surviving instance of every
 * application the service needs.
 */
export function serviceUp(m: ServiceModel, s: number, component: Int32Array): boolean {
  const { attach, needs, appInstances } = m;
  for (let k = attach.offsets[s]!; k < attach.offsets[s + 1]!; k++) {
    const c = component[attach.members[k]!]!;
    if (c < 0) continue;
    let all = true;
    for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]! && all; j++) {
      const a = needs.members[j]!;
      let found = false;
      for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]!; i++) {
        if (component[appInstances.members[i]!] === c) {
          found = true;
          break;
        }
      }
      all = found;
    }
    if (all) return true;
  }
  return false;
}
