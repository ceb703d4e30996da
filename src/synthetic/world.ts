/**
 * The generator's view of the estate as change sets evolve it. Every change set is drawn
 * from this current state (not from the initial objects), so that each one is valid on top
 * of all before it: no update of a deleted object, no delete of something still referenced.
 */
import { dependencyId } from '../model/dependency.js';
import type { AppInfo, Applications } from './applications.js';
import type { Datacenter } from './datacenters.js';
import type { Network } from './network.js';
import type { Office } from './offices.js';
import type { ApplicationStatus, ChangeDoc, DependencyDoc, ObjectDoc, UsageDoc } from './types.js';

/** Current state of an application. */
export interface AppState {
  info: AppInfo;
  status: ApplicationStatus;
  instances: string[];
  deps: DependencyDoc[];
}


function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Mutable current state plus reverse indexes. */
export class World {
  readonly apps = new Map<string, AppState>();
  readonly usages = new Map<string, { tenant: string; application: string; sites: string[] }>();
  readonly usagesByApp = new Map<string, Set<string>>();
  readonly usagesBySite = new Map<string, Set<string>>();
  readonly usagesByTenant = new Map<string, string[]>();
  readonly dependents = new Map<string, Set<string>>();
  readonly instanceRefs = new Map<string, number>();
  /** Offices nothing hangs off: they can close without cutting anyone off. */
  readonly closable: Office[];
  /** Clusters new instances may go to, per association data center. */
  readonly activeClusters = new Map<Datacenter, string[]>();
  /** Retired hosts waiting to be removed, with their data center. */
  readonly retiredHosts: { dc: Datacenter; id: string }[] = [];

  constructor(apps: Applications, usages: readonly UsageDoc[], network: Network) {
    for (const info of apps.infos) this.addApp(info, info.doc.status ?? 'legacy', info.doc.instances ?? [], info.doc.depends_on ?? []);
    for (const u of usages) this.addUsage(u);
    this.closable = network.offices.offices.filter((o) => !o.hub && o.children === 0);
    for (const dc of network.datacenters) if (!dc.provider) this.activeClusters.set(dc, [...dc.clusters]);
  }

  addApp(info: AppInfo, status: ApplicationStatus, instances: string[], deps: DependencyDoc[]): void {
    this.apps.set(info.doc.id, { info, status, instances: [...instances], deps: [...deps] });
    for (const d of instances) this.instanceRefs.set(d, (this.instanceRefs.get(d) ?? 0) + 1);
    for (const d of deps) addTo(this.dependents, dependencyId(d), info.doc.id);
  }

  addUsage(u: UsageDoc): void {
    this.usages.set(u.id, { tenant: u.tenant, application: u.application, sites: [...u.sites] });
    addTo(this.usagesByApp, u.application, u.id);
    for (const s of u.sites) addTo(this.usagesBySite, s, u.id);
    const list = this.usagesByTenant.get(u.tenant);
    if (list) list.push(u.id);
    else this.usagesByTenant.set(u.tenant, [u.id]);
  }

  setInstances(app: AppState, instances: string[]): void {
    for (const d of app.instances) this.instanceRefs.set(d, (this.instanceRefs.get(d) ?? 1) - 1);
    for (const d of instances) this.instanceRefs.set(d, (this.instanceRefs.get(d) ?? 0) + 1);
    app.instances = [...instances];
  }

  setDeps(app: AppState, deps: DependencyDoc[]): void {
    for (const d of app.deps) this.dependents.get(dependencyId(d))?.delete(app.info.doc.id);
    for (const d of deps) addTo(this.dependents, dependencyId(d), app.info.doc.id);
    app.deps = [...deps];
  }

  setUsageApp(id: string, application: string): void {
    const u = this.usages.get(id)!;
    this.usagesByApp.get(u.application)?.delete(id);
    addTo(this.usagesByApp, application, id);
    u.application = application;
  }

  setUsageSites(id: string, sites: string[]): void {
    const u = this.usages.get(id)!;
    for (const s of u.sites) this.usagesBySite.get(s)?.delete(id);
    for (const s of sites) addTo(this.usagesBySite, s, id);
    u.sites = [...sites];
  }

  removeApp(id: string): void {
    const app = this.apps.get(id);
    if (!app) return;
    this.setInstances(app, []);
    this.setDeps(app, []);
    this.apps.delete(id);
  }
}

/**
 * Collects the changes of one change set. Updates of the same object merge into one, and
 * creates come first, so the order inside the set never matters for its validity.
 */
export class ChangeCollector {
  private readonly creates: ChangeDoc[] = [];
  private readonly updates = new Map<string, Record<string, unknown>>();
  private readonly deletes: string[] = [];

  create(kind: NonNullable<ObjectDoc['kind']>, obj: ObjectDoc): void {
    this.creates.push({ create: { kind, ...obj } as ObjectDoc & { kind: typeof kind } });
  }

  update(id: string, fields: Record<string, unknown>): void {
    const u = this.updates.get(id);
    if (u) Object.assign(u, fields);
    else this.updates.set(id, { ...fields });
  }

  delete(id: string): void {
    this.deletes.push(id);
  }

  get size(): number {
    return this.creates.length + this.updates.size + this.deletes.length;
  }

  changes(): ChangeDoc[] {
    return [...this.creates, ...[...this.updates].map(([id, f]) => ({ update: { id, ...f } })), ...this.deletes.map((id) => ({ delete: id }))];
  }
}
