/**
 * The timeline: change sets over the years of the merger. Applications move in waves from
 * the providers' data centers to the association's (legacy → migrating → migrated), same
 * products are consolidated into joint operation, clusters are renewed, offices open and
 * close, fibre chords are laid, new services start. A plan proposes the rest.
 */
import type { Random } from '../util/Random.js';
import type { AppInfo, Applications } from './applications.js';
import type { RingNode } from './backbone.js';
import { inBlackout, specialist, type Category } from './catalog.js';
import type { Datacenter } from './datacenters.js';
import { cableKm, scatter } from './geo.js';
import { slugify, type IdRegistry } from './names.js';
import type { Network } from './network.js';
import type { Organizations } from './organizations.js';
import type { ChangeSetDoc, DependencyDoc, LinkDoc, PlanDoc, UsageDoc } from './types.js';
import { dependencyId } from '../model/dependency.js';
import { ChangeCollector, World, type AppState } from './world.js';
import { DAY, LAST_BASELINE, REFERENCE_DATE, spreadDates } from './timelineDates.js';

const PLAN_ID = 'konsolidierung-2029';

type Step = 'migration' | 'joint' | 'cleanup' | 'refresh' | 'decommission' | 'closure' | 'expansion' | 'chord' | 'service';

/** The rhythm of the baseline; the first dozen steps already show every kind of change. */
const rhythm: readonly Step[] = [
  'migration', 'expansion', 'migration', 'refresh', 'joint', 'closure', 'migration', 'decommission', 'chord', 'cleanup', 'service',
  'migration', 'joint', 'expansion', 'migration', 'closure', 'migration', 'cleanup', 'chord', 'migration',
];

const newServices = ['OZG-Onlinedienste', 'Rechnungseingang XRechnung', 'Videokonferenz', 'Hinweisgebersystem', 'Beteiligungsportal', 'KI-Assistenz Bürgerservice', 'Digitale Bauakte'];
const serviceCategory: Category = { key: 'onlinezugang', name: 'Onlinezugang', products: newServices, deps: [], perGroup: 0, size: [16, 64, 2], units: 1 };

/** Everything the timeline draws on. */
export interface TimelineInput {
  orgs: Organizations;
  network: Network;
  apps: Applications;
  usages: readonly UsageDoc[];
  changeSets: number;
}

/** Builds the plan and the change sets (baseline first, then the plan's proposals). */
export function buildTimeline(rng: Random, ids: IdRegistry, input: TimelineInput): { plans: PlanDoc[]; changesets: ChangeSetDoc[] } {
  return new TimelineBuilder(rng, ids, input).build(input.changeSets);
}

/** Who writes each kind of change set. */
const authors: Record<Step, string> = {
  migration: 'Migrationsteam', joint: 'Fachverfahrensbetreuung', cleanup: 'Fachverfahrensbetreuung', refresh: 'Rechenzentrumsbetrieb',
  decommission: 'Rechenzentrumsbetrieb', closure: 'Netzbetrieb', expansion: 'Netzbetrieb', chord: 'Netzbetrieb', service: 'Produktmanagement',
};

/**
 * The timeline under construction: the world as the change sets so far left it, and one
 * method per kind of step. Each step writes its changes into a ChangeCollector and returns
 * the change set's title, or undefined when it has nothing to do.
 */
class TimelineBuilder {
  private readonly world: World;
  private readonly orgs: Organizations;
  private readonly network: Network;
  private readonly association: Organizations['association'];
  /** The association's own data centers (not a provider's); the first is the primary. */
  private readonly assocDcs: Datacenter[];
  private readonly primary: Datacenter;
  /** Hosts in the association's data centers: where migrated instances run. */
  private readonly assocHosts: Set<string>;
  /** The association's infrastructure applications by category key. */
  private readonly assocInfra: Map<string, AppInfo>;
  private readonly carrier: string;
  /** Fachverfahren (not infrastructure) at the start. */
  private readonly legacyCount: number;
  private readonly usedChords = new Set<string>();
  private serviceCount = 0;
  private readonly changesets: ChangeSetDoc[] = [];

  constructor(
    private readonly rng: Random,
    private readonly ids: IdRegistry,
    input: TimelineInput,
  ) {
    const { orgs, network, apps } = input;
    this.orgs = orgs;
    this.network = network;
    this.world = new World(apps, input.usages, network);
    this.association = orgs.association;
    this.assocDcs = network.datacenters.filter((dc) => !dc.provider);
    this.primary = this.assocDcs[0]!;
    this.assocHosts = new Set(this.assocDcs.flatMap((dc) => [...dc.clusters, ...dc.servers, ...dc.storage]));
    this.assocInfra = apps.infra.get(this.association.id)!;
    this.carrier = orgs.carriers[0]!.id;
    this.legacyCount = apps.infos.filter((a) => !a.category.infra).length;
  }

  /** The baseline of about `changeSets` change sets, then the plan's proposals. */
  build(changeSets: number): { plans: PlanDoc[]; changesets: ChangeSetDoc[] } {
    const { rng, ids, world, changesets } = this;
    const proposed = Math.max(2, Math.round(changeSets * 0.08));
    const baseline = Math.max(1, changeSets - proposed);
    const steps = Array.from({ length: baseline }, (_, i) => rhythm[i % rhythm.length]!);
    const waves = steps.filter((s) => s === 'migration').length;
    // About 70 % of the Fachverfahren have moved by the end of the baseline; the plan moves the rest.
    const waveSize = Math.max(1, Math.ceil((0.7 * this.legacyCount) / Math.max(1, waves)));

    const dates = spreadDates(rng, '2018-03-01', LAST_BASELINE, baseline);
    steps.forEach((step, i) => {
      const date = dates[i]!;
      this.emit(step, date, date < REFERENCE_DATE ? 'done' : 'scheduled', waveSize);
    });

    // The plan: move everything that is left in as few waves as the plan has change sets, then consolidate.
    // After the whole baseline, so the plan reads the same overlaid at any date.
    const lastBaseline = changesets[changesets.length - 1]?.effective ?? LAST_BASELINE;
    const planStart = new Date(Math.max(Date.parse('2028-05-01'), Date.parse(lastBaseline) + 7 * DAY)).toISOString().slice(0, 10);
    const planDates = spreadDates(rng, planStart, new Date(Date.parse(planStart) + 420 * DAY).toISOString().slice(0, 10), proposed);
    const left = [...world.apps.values()].filter((a) => a.status === 'legacy' && !a.info.category.infra).length;
    planDates.forEach((date, i) => {
      const last = i === planDates.length - 1;
      this.emit(last ? 'joint' : 'migration', date, 'proposed', Math.ceil(left / Math.max(1, proposed - 1)), PLAN_ID);
    });

    const plans: PlanDoc[] = [{ id: ids.claim(PLAN_ID), title: 'Konsolidierung aller Fachverfahren im Zweckverband bis 2029', notes: 'Synthetic what-if: the remaining applications move, then one more product goes into joint operation.' }];
    return { plans, changesets };
  }

  /** Adds a change set for `step`, or for the first fallback step that has something to do. */
  private emit(step: Step, date: string, status: ChangeSetDoc['status'], size: number, plan?: string): void {
    const fallbacks: Step[] = [step, 'chord', 'expansion', 'service'];
    for (const s of fallbacks) {
      const cc = new ChangeCollector();
      const title = this.run(s, cc, date, size);
      if (title === undefined || !cc.size) continue;
      this.changesets.push({
        id: this.ids.unique(`cs-${date}-${s}`),
        title,
        effective: date,
        status,
        ...(plan && { plan }),
        author: authors[s],
        changes: cc.changes(),
      });
      return;
    }
  }

  private run(step: Step, cc: ChangeCollector, date: string, size: number): string | undefined {
    switch (step) {
      case 'migration': return this.migration(cc, date, size);
      case 'joint': return this.joint(cc);
      case 'cleanup': return this.cleanup(cc);
      case 'refresh': return this.refresh(cc);
      case 'decommission': return this.decommission(cc);
      case 'closure': return this.closure(cc);
      case 'expansion': return this.expansion(cc);
      case 'chord': return this.chord(cc);
      case 'service': return this.service(cc);
    }
  }

  private pickCluster(dc: Datacenter): string {
    return this.rng.pick(this.world.activeClusters.get(dc)!);
  }

  /** Maps a dependency on the provider's infrastructure to the association's. */
  private remap(deps: DependencyDoc[]): DependencyDoc[] {
    const { world, assocInfra } = this;
    return deps.map((d) => {
      const target = world.apps.get(dependencyId(d));
      const mine = target?.info.category.infra ? assocInfra.get(target.info.category.key) : undefined;
      if (!mine || mine.doc.id === dependencyId(d)) return d;
      return typeof d === 'string' ? mine.doc.id : { ...d, application: mine.doc.id };
    });
  }

  /** Finishes the previous wave, starts the next one with up to `size` applications. */
  private migration(cc: ChangeCollector, date: string, size: number): string | undefined {
    const { world, rng, assocDcs, primary, assocHosts } = this;
    let finished = 0;
    for (const app of world.apps.values()) {
      if (app.status !== 'migrating' || inBlackout(date, app.info.doc.blackouts)) continue;
      world.setInstances(app, app.instances.filter((d) => assocHosts.has(d)));
      const deps = this.remap(app.deps);
      const fields: Record<string, unknown> = { status: 'migrated', instances: app.instances };
      if (deps.some((d, i) => d !== app.deps[i])) {
        world.setDeps(app, deps);
        fields.depends_on = deps;
      }
      app.status = 'migrated';
      cc.update(app.info.doc.id, fields);
      finished++;
    }
    // Whole categories move together, across providers: that is how waves are planned.
    const order = new Map(specialist.map((c, i) => [c.key, i]));
    const candidates = [...world.apps.values()]
      .filter((a) => a.status === 'legacy' && !a.info.category.infra && !inBlackout(date, a.info.doc.blackouts))
      .sort((a, b) => order.get(a.info.category.key)! - order.get(b.info.category.key)!);
    const batch = candidates.slice(0, size);
    for (const app of batch) {
      const target = [this.pickCluster(primary)];
      const second = assocDcs[1];
      if (second && rng.chance(0.3)) target.push(this.pickCluster(second));
      world.setInstances(app, [...app.instances, ...target]);
      app.status = 'migrating';
      cc.update(app.info.doc.id, { status: 'migrating', instances: app.instances });
    }
    if (!batch.length && !finished) return undefined;
    const cats = [...new Set(batch.map((a) => a.info.category.name))];
    return batch.length ? `Migrationswelle: ${cats.slice(0, 3).join(', ')}${cats.length > 3 ? ' u. a.' : ''} ins ${primary.site.name}` : 'Abschluss der laufenden Migrationswelle';
  }

  /** Consolidates the migrated instances of one product into joint operation. */
  private joint(cc: ChangeCollector): string | undefined {
    const { world, rng, association } = this;
    const byProduct = new Map<string, AppState[]>();
    for (const app of world.apps.values()) {
      if (app.status !== 'migrated' || app.info.category.infra) continue;
      byProduct.set(app.info.product, [...(byProduct.get(app.info.product) ?? []), app]);
    }
    const eligible = [...byProduct.entries()].filter(([, list]) => list.length >= 2);
    if (!eligible.length) return undefined;
    const [product, list] = rng.pick(eligible);
    const users = (a: AppState): number => world.usagesByApp.get(a.info.doc.id)?.size ?? 0;
    const keep = list.reduce((a, b) => (users(b) > users(a) ? b : a));
    const keepId = keep.info.doc.id;
    const retire = list.filter((a) => a !== keep);
    const retireIds = new Set(retire.map((a) => a.info.doc.id));
    keep.status = 'joint';
    cc.update(keepId, { name: `${product} (gemeinsamer Betrieb)`, status: 'joint', operator: association.id });
    for (const r of retire) {
      const rid = r.info.doc.id;
      for (const u of [...(world.usagesByApp.get(rid) ?? [])]) {
        world.setUsageApp(u, keepId);
        cc.update(u, { application: keepId });
      }
      for (const d of [...(world.dependents.get(rid) ?? [])]) {
        const dep = world.apps.get(d)!;
        const next: DependencyDoc[] = [];
        for (const x of dep.deps) {
          const t = retireIds.has(dependencyId(x)) ? keepId : dependencyId(x);
          if (t === d || next.some((y) => dependencyId(y) === t)) continue;
          next.push(t === dependencyId(x) ? x : typeof x === 'string' ? t : { ...x, application: t });
        }
        world.setDeps(dep, next);
        cc.update(d, { depends_on: next.length ? next : null });
      }
      world.setInstances(r, []);
      r.status = 'retired';
      cc.update(rid, { status: 'retired', instances: null });
    }
    return `Gemeinsamer Betrieb ${product}: ${list.length} Instanzen werden eine`;
  }

  /** Deletes retired applications nothing refers to any more. */
  private cleanup(cc: ChangeCollector): string | undefined {
    const { world } = this;
    const gone = new Set<string>();
    for (const [id, app] of world.apps) if (app.status === 'retired' && !world.usagesByApp.get(id)?.size) gone.add(id);
    // Only those whose dependents all go too.
    for (let changed = true; changed; ) {
      changed = false;
      for (const id of gone) {
        if ([...(world.dependents.get(id) ?? [])].some((d) => !gone.has(d))) {
          gone.delete(id);
          changed = true;
        }
      }
    }
    if (!gone.size) return undefined;
    for (const id of gone) {
      cc.delete(id);
      world.removeApp(id);
    }
    return `Rückbau von ${gone.size} abgeschalteten Verfahren`;
  }

  /** Replaces a cluster of the primary data center and moves its applications. */
  private refresh(cc: ChangeCollector): string | undefined {
    const { world, rng, ids, network, primary, assocHosts } = this;
    const active = world.activeClusters.get(primary)!;
    if (active.length < 2) return undefined;
    const old = rng.pick(active);
    let n = primary.clusters.length + 1;
    while (ids.has(`${primary.site.id}.vc${String(n).padStart(2, '0')}`)) n++;
    const tag = String(n).padStart(2, '0');
    const id = ids.claim(`${primary.site.id}.vc${tag}`);
    cc.create('device', { id, name: `Virtualisierungscluster ${tag}`, site: primary.site.id, role: 'cluster', availability: 0.99995, capacity: { vcpu: 1024, ram_gb: 12_288, rack_units: 16, power_kw: 8 } });
    const rack = rng.int(0, primary.tors.length / 2 - 1);
    const ends = [primary.tors[2 * rack]!, primary.tors[2 * rack + 1]!, primary.san[0]!, primary.san[1]!];
    const linkIds = ends.map((end, k) => {
      const lid = ids.claim(network.builder.nextName(`${primary.site.id}.l`));
      cc.create('link', { id: lid, a: end, b: id, type: 'fibre', capacity_gbps: k < 2 ? 100 : 64 });
      return lid;
    });
    primary.hostLinks.set(id, linkIds);
    assocHosts.add(id);
    for (const app of world.apps.values()) {
      if (!app.instances.includes(old)) continue;
      world.setInstances(app, app.instances.map((d) => (d === old ? id : d)));
      cc.update(app.info.doc.id, { instances: app.instances });
    }
    cc.update(old, { status: 'retired' });
    active.splice(active.indexOf(old), 1, id);
    world.retiredHosts.push({ dc: primary, id: old });
    return `Erneuerung ${old.slice(old.indexOf('.') + 1)} im ${primary.site.name}`;
  }

  /** Removes retired hosts that no application runs on any more, with their cabling. */
  private decommission(cc: ChangeCollector): string | undefined {
    const { world } = this;
    const ready = world.retiredHosts.filter((h) => !world.instanceRefs.get(h.id));
    if (!ready.length) return undefined;
    for (const h of ready) {
      for (const l of h.dc.hostLinks.get(h.id) ?? []) cc.delete(l);
      cc.delete(h.id);
      world.retiredHosts.splice(world.retiredHosts.indexOf(h), 1);
    }
    return `Abbau ausgemusterter Hardware im ${ready[0]!.dc.site.name}`;
  }

  /** Closes an office at the end of a chain: its devices, cabling and site go. */
  private closure(cc: ChangeCollector): string | undefined {
    const { world, rng, network } = this;
    if (!world.closable.length) return undefined;
    const office = world.closable.splice(rng.int(0, world.closable.length - 1), 1)[0]!;
    const hub = network.offices.hubs.get(office.tenant)!;
    for (const u of [...(world.usagesBySite.get(office.site.id) ?? [])]) {
      const rest = world.usages.get(u)!.sites.filter((s) => s !== office.site.id);
      const sites = rest.length ? rest : [hub.site.id];
      world.setUsageSites(u, sites);
      cc.update(u, { sites });
    }
    for (const l of office.links) cc.delete(l);
    for (const d of office.devices) cc.delete(d);
    cc.delete(office.site.id);
    return `Schließung ${office.site.name}`;
  }

  /** Connects one to three new offices of a town, as a chain off its town hall in a new duct. */
  private expansion(cc: ChangeCollector): string | undefined {
    const { world, rng, ids, orgs, network } = this;
    const towns = orgs.tenants.filter((t) => t.kind !== 'district');
    if (!towns.length) return undefined;
    const tenant = rng.pick(towns);
    const hub = network.offices.hubs.get(tenant)!;
    const town = tenant.name.replace(/^Stadt /, '');
    const duct = ids.unique(`leerrohr-neubau-${tenant.org.id}`);
    cc.create('risk-group', { id: duct, name: `Leerrohr Neubaugebiet ${town}`, type: 'duct', availability: 0.99995 });
    const count = rng.int(1, 3);
    let prev = { device: hub.access[0]!, location: hub.site.location! };
    const created: string[] = [];
    for (let k = 0; k < count; k++) {
      const [key, label] = rng.pick([['kita', 'Kita'], ['grundschule', 'Grundschule'], ['feuerwache', 'Feuerwache'], ['buergerbuero', 'Bürgerbüro']] as const);
      const site = ids.unique(`${tenant.org.id}-${key}`);
      const location = scatter(rng, tenant.location, 3);
      cc.create('site', { id: site, name: `${label} ${town} (Neubau)`, type: 'office', organization: tenant.org.id, location });
      const acc = ids.claim(`${site}.acc1`);
      const sw = ids.claim(`${site}.sw1`);
      cc.create('device', { id: acc, name: 'Zugangsrouter 1', site, role: 'access' });
      cc.create('device', { id: sw, name: 'Switch 1', site, role: 'switch' });
      cc.create('link', { id: ids.claim(`${site}.l1`), a: acc, b: sw, type: 'copper', capacity_gbps: 10 });
      const up: LinkDoc = { id: ids.claim(`${site}.up1`), a: acc, b: prev.device, type: 'fibre', carrier: orgs.carriers[2]!.id, length_km: cableKm(location, prev.location), capacity_gbps: 1, risk_groups: [duct] };
      cc.create('link', up);
      created.push(site);
      prev = { device: acc, location };
    }
    const first = world.usagesByTenant.get(tenant.org.id)?.find((u) => world.usages.has(u));
    if (first) {
      const sites = [...world.usages.get(first)!.sites, created[0]!];
      world.setUsageSites(first, sites);
      cc.update(first, { sites });
    }
    return `Anbindung ${count === 1 ? 'eines neuen Standorts' : `von ${count} neuen Standorten`} in ${tenant.name}`;
  }

  /** Lays a new fibre chord across a district ring, in its own new trench. */
  private chord(cc: ChangeCollector): string | undefined {
    const { rng, ids, network, carrier, usedChords } = this;
    const options: { key: string; district: string; a: RingNode; b: RingNode }[] = [];
    for (const [d, ring] of network.backbone.nodesByDistrict) {
      if (ring.length < 4) continue;
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[(i + 2) % ring.length]!;
        // Either direction is the same chord (in a ring of four, i → i+2 meets i+2 → i).
        const key = [a.site.id, b.site.id].sort().join('|');
        if (!usedChords.has(key) && !options.some((o) => o.key === key)) options.push({ key, district: d.name, a, b });
      }
    }
    if (!options.length) return undefined;
    const { key, district, a, b } = rng.pick(options);
    usedChords.add(key);
    const trench = ids.unique(`trasse-neu-${a.site.id}`);
    cc.create('risk-group', { id: trench, name: `Trasse Querverbindung ${a.site.name} – ${b.site.name}`, type: 'trench', availability: 0.99995 });
    cc.create('link', {
      id: ids.unique(`chord.${a.site.id}.${b.site.id.slice(b.site.id.lastIndexOf('-') + 1)}`),
      name: `Querverbindung ${a.site.name} – ${b.site.name}`,
      a: a.r1,
      b: b.r2,
      type: 'fibre',
      carrier,
      length_km: cableKm(a.location, b.location),
      capacity_gbps: 100,
      risk_groups: [trench],
    });
    return `Neue Glasfaser-Querverbindung im ${district}`;
  }

  /** Starts a new jointly run service and its first users. */
  private service(cc: ChangeCollector): string | undefined {
    const { world, rng, ids, orgs, network, association, assocDcs, assocInfra } = this;
    const name = newServices[this.serviceCount++ % newServices.length]!;
    const id = ids.unique(`${association.id}.${slugify(name)}`);
    const instances = assocDcs.map((dc) => this.pickCluster(dc));
    const deps: DependencyDoc[] = [];
    const dir = assocInfra.get('verzeichnis');
    const db = assocInfra.get('datenbank');
    if (dir) deps.push(dir.doc.id);
    if (db) deps.push({ application: db.doc.id, coupling: 'tight' });
    const doc = { id, name, category: serviceCategory.name, product: name, version: '1.0', operator: association.id, instances, status: 'joint' as const, size: { vcpu: 16, ram_gb: 64, storage_tb: 2 }, ...(deps.length && { depends_on: deps }) };
    cc.create('application', doc);
    const info: AppInfo = { doc, category: serviceCategory, product: name, operator: association };
    world.addApp(info, 'joint', instances, deps);
    const towns = rng.shuffle(orgs.tenants.filter((t) => t.kind !== 'district')).slice(0, Math.min(40, Math.max(2, Math.ceil(orgs.tenants.length / 10))));
    for (const t of towns) {
      const usage: UsageDoc = { id: ids.unique(`u.${t.org.id}.${slugify(name)}`), name: `${name} ${t.name}`, tenant: t.org.id, application: id, sites: [network.offices.hubs.get(t)!.site.id], users: rng.int(2, 40) };
      cc.create('usage', usage);
      world.addUsage(usage);
    }
    return `Einführung ${name}`;
  }
}
