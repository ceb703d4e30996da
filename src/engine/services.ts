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

/** Builds the services of `source` over its projection `p`, in usage id order, then usage site order. */
export function buildServices(p: Projection, source: ObjectSource): ServiceModel {
  const apps: StoredObject[] = [];
  const usages: Extract<StoredObject, { kind: 'usage' }>[] = [];
  const accessNodes = new Set<number>();
  for (const o of objectsOf(source)) {
    if (o.kind === 'application') apps.push(o);
    else if (o.kind === 'usage') usages.push(o);
    else if (o.kind === 'device' && o.role === 'access') {
      const n = p.nodeIndex.get(o.id);
      if (n !== undefined) accessNodes.add(n);
    }
  }
  usages.sort((a, b) => (a.id < b.id ? -1 : 1));
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

  // The depends_on closure of each application, computed once per application.
  const closure = new Map<number, number[]>();
  const closureOf = (root: number): number[] => {
    let c = closure.get(root);
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
    closure.set(root, c);
    return c;
  };

  const usage: string[] = [];
  const tenant: string[] = [];
  const application: string[] = [];
  const site: number[] = [];
  const users: number[] = [];
  const attachS: number[] = [];
  const attachN: number[] = [];
  const needS: number[] = [];
  const needA: number[] = [];
  for (const u of usages) {
    const a = appIndex.get(u.application);
    for (const siteId of u.sites) {
      const s = usage.length;
      const si = p.siteIndex.get(siteId) ?? -1;
      usage.push(u.id);
      tenant.push(u.tenant);
      application.push(u.application);
      site.push(si);
      users.push(u.users ?? 0);
      if (si >= 0) {
        const from = p.siteNodes.offsets[si]!;
        const to = p.siteNodes.offsets[si + 1]!;
        let any = false;
        for (let k = from; k < to; k++) if (accessNodes.has(p.siteNodes.members[k]!)) (attachS.push(s), attachN.push(p.siteNodes.members[k]!), (any = true));
        if (!any) for (let k = from; k < to; k++) (attachS.push(s), attachN.push(p.siteNodes.members[k]!));
      }
      if (a !== undefined) for (const x of closureOf(a)) (needS.push(s), needA.push(x));
    }
  }
  const count = usage.length;
  return {
    count,
    usage,
    tenant,
    application,
    site: Int32Array.from(site),
    users: Int32Array.from(users),
    attach: groupPairs(Int32Array.from(attachS), Int32Array.from(attachN), count),
    needs: groupPairs(Int32Array.from(needS), Int32Array.from(needA), count),
    appIds,
    appIndex,
    appInstances,
  };
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
