/**
 * Applications: infrastructure per operator, each provider's shared instance of every
 * product it offers, and separate instances per district or city ("Mandanten") where that
 * is customary. Same products run by different providers are what joint operation later
 * consolidates.
 */
import type { Random } from '../util/Random.js';
import { categoryByKey, infrastructure, specialist, type Category } from './catalog.js';
import type { Datacenter } from './datacenters.js';
import { slugify, type IdRegistry } from './names.js';
import type { Group, Organizations, Provider } from './organizations.js';
import type { ApplicationDoc, DependencyDoc, OrganizationDoc } from './types.js';

/** An application with what the generator knows about it. */
export interface AppInfo {
  doc: ApplicationDoc;
  category: Category;
  product: string;
  operator: OrganizationDoc;
  /** The provider whose data center it runs in until it migrates (none for the association's). */
  provider?: Provider;
  group?: Group;
}

/** Result of the application phase. */
export interface Applications {
  docs: ApplicationDoc[];
  infos: AppInfo[];
  byId: Map<string, AppInfo>;
  /** Infrastructure by operator id and category key. */
  infra: Map<string, Map<string, AppInfo>>;
  /** The application a group's tenants use for a category, if their provider offers it. */
  appFor(group: Group, categoryKey: string): AppInfo | undefined;
}

/** Builds `target` applications (as near as the catalogue allows). */
export function buildApplications(rng: Random, orgs: Organizations, datacenters: readonly Datacenter[], target: number, ids: IdRegistry): Applications {
  const providers = orgs.providers;
  const dcOf = new Map<string, Datacenter[]>();
  for (const dc of datacenters) dcOf.set(dc.owner.id, [...(dcOf.get(dc.owner.id) ?? []), dc]);
  const infos: AppInfo[] = [];
  const byId = new Map<string, AppInfo>();
  const infra = new Map<string, Map<string, AppInfo>>();
  const add = (info: AppInfo): AppInfo => {
    infos.push(info);
    byId.set(info.doc.id, info);
    return info;
  };
  const version = (): string => `${rng.int(2014, 2017)}.${rng.int(1, 4)}`;
  const sized = (c: Category, factor: number): ApplicationDoc['size'] => ({
    vcpu: Math.max(2, Math.round(c.size[0] * factor)),
    ram_gb: Math.max(4, Math.round(c.size[1] * factor)),
    storage_tb: Math.round(c.size[2] * factor * 10) / 10,
  });

  // Infrastructure: every operator runs its own (a small estate only the essentials).
  const infraCats = target >= 300 ? infrastructure : infrastructure.slice(0, 3);
  const operators: { org: OrganizationDoc; short: string; provider?: Provider }[] = [
    { org: orgs.association, short: 'ZV' },
    ...providers.map((p) => ({ org: p.org, short: p.short, provider: p })),
  ];
  for (const op of operators) {
    const mine = new Map<string, AppInfo>();
    infra.set(op.org.id, mine);
    const dcs = dcOf.get(op.org.id) ?? [];
    for (const c of infraCats) {
      const doc: ApplicationDoc = {
        id: ids.claim(`${op.org.id}.${c.key}`),
        name: `${c.name} ${op.short}`,
        category: c.name,
        product: c.products[0]!,
        operator: op.org.id,
        instances: infraInstances(rng, c, dcs),
        status: op.provider ? 'legacy' : 'joint',
        size: sized(c, op.provider ? 1 : 2),
        tags: ['infrastruktur'],
      };
      if (c.targetAvailability) doc.target_availability = c.targetAvailability;
      mine.set(c.key, add({ doc, category: c, product: c.products[0]!, operator: op.org, ...(op.provider && { provider: op.provider }) }));
    }
  }

  // What each provider offers: a product per category, then second products, as far as the budget goes.
  const infraCount = infos.length;
  const offerCount = Math.min(
    specialist.reduce((s, c) => s + c.products.length, 0),
    Math.max(3, Math.floor((0.5 * (target - infraCount)) / Math.max(1, providers.length))),
  );
  const shared = new Map<Provider, Map<string, AppInfo>>(); // by product
  const offeredByCategory = new Map<Provider, Map<string, string[]>>();
  for (const p of providers) {
    const offers: [Category, string][] = [];
    for (const c of specialist) offers.push([c, rng.pick(c.products)]);
    for (const c of specialist) for (const product of c.products) if (!offers.some(([, q]) => q === product)) offers.push([c, product]);
    const byProduct = new Map<string, AppInfo>();
    const byCategory = new Map<string, string[]>();
    const dcs = dcOf.get(p.org.id)!;
    for (const [c, product] of offers.slice(0, offerCount)) {
      const doc: ApplicationDoc = {
        id: ids.unique(`${p.org.id}.${slugify(product)}`),
        name: `${product} (${p.short})`,
        category: c.name,
        product,
        version: version(),
        operator: p.org.id,
        instances: specialistInstances(rng, dcs),
        status: 'legacy',
        size: sized(c, 1.5),
      };
      decorate(doc, c);
      byProduct.set(product, add({ doc, category: c, product, operator: p.org, provider: p }));
      byCategory.set(c.key, [...(byCategory.get(c.key) ?? []), product]);
    }
    shared.set(p, byProduct);
    offeredByCategory.set(p, byCategory);
  }

  // Each group settles on one product per category; some run their own instance of it.
  const choice = new Map<Group, Map<string, string>>();
  const slots: { group: Group; category: Category; product: string; key: number }[] = [];
  const meanWeight = orgs.groups.reduce((s, g) => s + g.weight, 0) / Math.max(1, orgs.groups.length);
  for (const g of orgs.groups) {
    const mine = new Map<string, string>();
    choice.set(g, mine);
    for (const [key, products] of offeredByCategory.get(g.provider)!) {
      const product = rng.pick(products);
      mine.set(key, product);
      const c = categoryByKey.get(key)!;
      // Weighted sampling without replacement (Efraimidis–Spirakis): big groups and
      // "Mandant" categories are likelier to have their own instance.
      const w = c.perGroup * Math.sqrt(g.weight / meanWeight) + 1e-6;
      slots.push({ group: g, category: c, product, key: rng.next() ** (1 / w) });
    }
  }
  const perGroup = new Map<Group, Map<string, AppInfo>>();
  slots.sort((a, b) => b.key - a.key);
  for (const s of slots.slice(0, Math.max(0, target - infos.length))) {
    const p = s.group.provider;
    const doc: ApplicationDoc = {
      id: ids.unique(`${s.group.id}.${slugify(s.product)}`),
      name: `${s.product} ${s.group.name}`,
      category: s.category.name,
      product: s.product,
      version: version(),
      operator: p.org.id,
      instances: specialistInstances(rng, dcOf.get(p.org.id)!),
      status: 'legacy',
      size: sized(s.category, Math.max(0.5, Math.min(4, s.group.weight / meanWeight))),
    };
    decorate(doc, s.category);
    const info = add({ doc, category: s.category, product: s.product, operator: p.org, provider: p, group: s.group });
    const map = perGroup.get(s.group) ?? new Map<string, AppInfo>();
    map.set(s.category.key, info);
    perGroup.set(s.group, map);
  }

  const appFor = (group: Group, key: string): AppInfo | undefined => {
    const own = perGroup.get(group)?.get(key);
    if (own) return own;
    const product = choice.get(group)?.get(key);
    return product === undefined ? undefined : shared.get(group.provider)?.get(product);
  };
  const providerApp = (p: Provider, key: string): AppInfo | undefined => {
    const product = offeredByCategory.get(p)?.get(key)?.[0];
    return product === undefined ? undefined : shared.get(p)?.get(product);
  };

  // Dependencies, resolved the way the tenants' own usage resolves: same group first.
  for (const info of infos) {
    const deps: DependencyDoc[] = [];
    for (const d of info.category.deps) {
      const dc = categoryByKey.get(d.key)!;
      const target = dc.infra ? infra.get(info.operator.id)?.get(d.key) : info.group ? appFor(info.group, d.key) : info.provider && providerApp(info.provider, d.key);
      if (!target || target === info) continue;
      const id = target.doc.id;
      deps.push(d.tight ? { application: id, coupling: 'tight' } : rng.chance(0.1) ? { application: id, coupling: 'loose' } : id);
    }
    // A few finance systems also pull personnel costs back: a loose cycle, as in real estates.
    if (info.category.key === 'finanzwesen' && info.group && rng.chance(0.05)) {
      const personal = appFor(info.group, 'personal');
      if (personal) deps.push({ application: personal.doc.id, coupling: 'loose' });
    }
    if (deps.length) info.doc.depends_on = deps;
  }

  return { docs: infos.map((i) => i.doc), infos, byId, infra, appFor };
}

function decorate(doc: ApplicationDoc, c: Category): void {
  if (c.targetAvailability) doc.target_availability = c.targetAvailability;
  if (c.blackouts) doc.blackouts = c.blackouts.map((b) => ({ ...b }));
}

/** Infrastructure runs on servers (databases, directories) or clusters, in every data center of its operator. */
function infraInstances(rng: Random, c: Category, dcs: readonly Datacenter[]): string[] {
  const out: string[] = [];
  for (const dc of dcs) {
    if (c.key === 'datenbank' || c.key === 'verzeichnis') out.push(...rng.shuffle([...dc.servers]).slice(0, 2));
    else if (c.key === 'backup') out.push(rng.pick(dc.storage));
    else out.push(rng.pick(dc.clusters));
  }
  return out;
}

/** Fachverfahren run on a cluster, sometimes on two, now and then on a physical server. */
function specialistInstances(rng: Random, dcs: readonly Datacenter[]): string[] {
  const dc = dcs[0]!;
  const r = rng.next();
  if (r < 0.05) return [rng.pick(dc.servers)];
  if (r < 0.25 && dc.clusters.length > 1) return rng.shuffle([...dc.clusters]).slice(0, 2);
  return [rng.pick(dc.clusters)];
}
