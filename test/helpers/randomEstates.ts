/**
 * Random small estates for the property tests (survivability, redundancy, paths): a recipe
 * of indices taken modulo what they point at, so every recipe is a valid estate and
 * fast-check can shrink freely.
 */
import fc from 'fast-check';
import { buildProjection } from '../../src/engine/projection.js';
import { datacenterSites, redundancyVerdicts } from '../../src/engine/redundancy.js';
import { buildServices } from '../../src/engine/services.js';
import { analyzeSurvivability } from '../../src/engine/survivability.js';
import { Estate, type StoredObject } from '../../src/timeline/Estate.js';
import { oracleElements } from './serviceOracle.js';

export const ROLES = ['router', 'switch', 'firewall', 'access', 'server', 'cluster', 'storage', 'other'] as const;

/**
 * A recipe for a small estate: indices are taken modulo the number of things they point
 * at, so every recipe is a valid estate and fast-check can shrink freely.
 */
export interface Recipe {
  orgs: number;
  /** Per site, the roles of its devices (empty: a site without devices). */
  sites: (typeof ROLES)[number][][];
  /** Links between nodes (devices, and sites without devices), with risk groups. */
  links: [number, number, number[]][];
  groups: number;
  /** (device, risk group) memberships written on the device. */
  deviceGroups: [number, number][];
  apps: { instances: number[]; deps: number[] }[];
  usages: { tenant: number; app: number; sites: number[]; users: number }[];
  /** Element indices for what-if and analyses on top of a failure. */
  failed: number[];
  /** Knobs that force the fallbacks of the multi-element passes (results must not change). */
  tuning: { budget?: number; maxSubtrees?: number };
}

export const recipes = (maxSites: number, maxDevices: number, maxLinks: number): fc.Arbitrary<Recipe> =>
  fc.record({
    orgs: fc.integer({ min: 1, max: 2 }),
    sites: fc.array(fc.array(fc.constantFrom(...ROLES), { maxLength: maxDevices }), { minLength: 1, maxLength: maxSites }),
    links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.array(fc.nat(), { maxLength: 2 })), { maxLength: maxLinks }),
    groups: fc.nat(3),
    deviceGroups: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    apps: fc.array(fc.record({ instances: fc.array(fc.nat(), { maxLength: 3 }), deps: fc.array(fc.nat(), { maxLength: 2 }) }), { minLength: 1, maxLength: 4 }),
    usages: fc.array(fc.record({ tenant: fc.nat(), app: fc.nat(), sites: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), users: fc.nat(500) }), {
      minLength: 1,
      maxLength: 4,
    }),
    failed: fc.array(fc.nat(), { maxLength: 3 }),
    tuning: fc.oneof(fc.constant({}), fc.constant({ budget: 0 }), fc.constant({ maxSubtrees: 0 }), fc.constant({ budget: 2, maxSubtrees: 1 })),
  });

/** The objects of a recipe. */
export function objectsOf(r: Recipe): object[] {
  const out: object[] = [];
  const orgs = Array.from({ length: r.orgs }, (_, i) => `org${i}`);
  for (const id of orgs) out.push({ kind: 'organization', id, name: id, type: 'municipality' });
  const groups = Array.from({ length: r.groups }, (_, i) => `rg${i}`);
  for (const id of groups) out.push({ kind: 'risk-group', id, name: id, type: 'duct' });
  const nodes: string[] = [];
  const devices: { kind: 'device'; id: string; name: string; site: string; role: string; risk_groups?: string[] }[] = [];
  r.sites.forEach((roles, s) => {
    const site = `s${s}`;
    // A site holding servers, clusters or storage is a data center: the verdicts tell its loss apart.
    const type = roles.some((role) => role === 'server' || role === 'cluster' || role === 'storage') ? 'datacenter' : 'office';
    out.push({ kind: 'site', id: site, name: site, type, organization: orgs[s % orgs.length] });
    if (roles.length === 0) nodes.push(site);
    roles.forEach((role, k) => {
      const d = { kind: 'device' as const, id: `s${s}d${k}`, name: `d${k}`, site, role };
      devices.push(d);
      nodes.push(d.id);
    });
  });
  if (groups.length > 0)
    for (const [d, g] of r.deviceGroups) {
      const dev = devices[d % Math.max(1, devices.length)];
      if (!dev) continue;
      const id = groups[g % groups.length]!;
      dev.risk_groups = [...new Set([...(dev.risk_groups ?? []), id])];
    }
  out.push(...devices);
  r.links.forEach(([a, b, gs], i) => {
    const na = nodes[a % nodes.length]!;
    const nb = nodes[b % nodes.length]!;
    if (na === nb) return;
    const rg = groups.length ? [...new Set(gs.map((g) => groups[g % groups.length]!))] : [];
    out.push({ kind: 'link', id: `l${i}`, name: `l${i}`, a: na, b: nb, type: 'fibre', ...(rg.length && { risk_groups: rg }) });
  });
  const apps = r.apps.map((_, i) => `app${i}`);
  r.apps.forEach((a, i) => {
    const instances = devices.length ? [...new Set(a.instances.map((k) => devices[k % devices.length]!.id))] : [];
    const deps = [...new Set(a.deps.map((k) => apps[k % apps.length]!))].filter((d) => d !== apps[i]);
    out.push({ kind: 'application', id: apps[i], name: apps[i], instances, ...(deps.length && { depends_on: deps }) });
  });
  r.usages.forEach((u, i) => {
    const sites = [...new Set(u.sites.map((s) => `s${s % r.sites.length}`))];
    out.push({ kind: 'usage', id: `u${i}`, tenant: orgs[u.tenant % orgs.length], application: apps[u.app % apps.length], sites, users: u.users });
  });
  return out;
}

/**
 * The links of a connected estate: `objects` with a chain of links through their nodes
 * (devices, and sites without devices), so that the random edits change a graph in one piece.
 */
export function chained(objects: StoredObject[]): StoredObject[] {
  const sites = objects.filter((o) => o.kind === 'site');
  const devices = objects.filter((o): o is Extract<StoredObject, { kind: 'device' }> => o.kind === 'device');
  const withDevices = new Set(devices.map((d) => d.site));
  const nodes = [...devices.map((d) => d.id), ...sites.filter((s) => !withDevices.has(s.id)).map((s) => s.id)];
  const chain = nodes.slice(1).map((b, i) => ({ kind: 'link', id: `chain${i}`, name: `chain${i}`, a: nodes[i]!, b, type: 'fibre' }) as StoredObject);
  return [...objects, ...chain];
}

/** The ids of the recipe's failure set (element indices over the oracle's element list). */
export function failedIdsOf(r: Recipe, estate: Estate): string[] {
  const elements = oracleElements(estate);
  return [...new Set(r.failed.map((k) => elements[k % elements.length]!.id))];
}

/** A recipe's estate analysed: projection, services, survivability and the redundancy verdicts. */
export function analysedRecipe(recipe: Recipe) {
  const estate = new Estate(objectsOf(recipe) as StoredObject[]);
  const p = buildProjection(estate);
  const m = buildServices(p, estate);
  const surv = analyzeSurvivability(p, m);
  const dc = datacenterSites(p, estate);
  /** Data-center site ids, read from the objects (for the oracles). */
  const datacenters = new Set([...estate.ofKind('site')].filter((s) => s.type === 'datacenter').map((s) => s.id));
  return { estate, p, m, surv, dc, verdicts: redundancyVerdicts(surv, dc), datacenters };
}
