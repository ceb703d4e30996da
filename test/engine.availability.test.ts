/**
 * Service availability (docs/availability.md): element availabilities and their defaults,
 * minimal cut sets against brute force, the rare-event estimate against exact enumeration,
 * Monte Carlo intervals against exact values, hand-drawn cases and the OWL-IT example.
 */
import { generatedEstate, owlAt } from './helpers/estates.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyzeAvailability, MINUTES_PER_YEAR, wilsonInterval, type AvailabilityReport } from '../src/engine/availability.js';
import { connectedComponents } from '../src/graph/connectedComponents.js';
import {
  DEFAULT_AVAILABILITY,
  elementAvailabilities,
  fibreUnavailability,
  HOURS_PER_YEAR,
} from '../src/engine/elementAvailability.js';
import { markElement } from '../src/engine/failElements.js';
import { emptyMask } from '../src/graph/FailureMask.js';
import { buildProjection, type Projection } from '../src/engine/projection.js';
import { buildServices, serviceUp, type ServiceModel } from '../src/engine/services.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';
import { oracleIsUp, oracleServices, type OracleService } from './helpers/serviceOracle.js';

type Obj = Record<string, unknown> & { kind: string; id: string };

/** An estate, its projection and services from plain objects. */
function setup(objects: Obj[]): { estate: Estate; p: Projection; m: ServiceModel } {
  const estate = new Estate(objects as unknown as StoredObject[]);
  const p = buildProjection(estate);
  return { estate, p, m: buildServices(p, estate) };
}

/** The cut sets of one service as sorted strings, e.g. "a+b". */
function cutStrings(r: AvailabilityReport, s = 0): string[] {
  return r.services[s]!.cutSets.map((c) => c.elements.join('+')).sort();
}

const near = (actual: number, expected: number, rel = 1e-9): void =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected) + 1e-300, `${actual} ≉ ${expected}`);

describe('element availabilities', () => {
  test('explicit availability, then MTBF/MTTR, then the defaults per role, type and length', () => {
    const { estate, p } = setup([
      { kind: 'site', id: 'dc', name: 'DC', type: 'datacenter' },
      { kind: 'site', id: 'office', name: 'Office', type: 'office' },
      { kind: 'risk-group', id: 'duct', name: 'Duct', type: 'duct' },
      { kind: 'risk-group', id: 'feed', name: 'Feed', type: 'power', availability: 0.999 },
      { kind: 'device', id: 'r1', name: 'R1', site: 'dc', role: 'router' },
      { kind: 'device', id: 'r2', name: 'R2', site: 'dc', role: 'router', availability: 0.9 },
      { kind: 'device', id: 's1', name: 'S1', site: 'dc', role: 'server', mtbf_h: 1000, mttr_h: 10 },
      { kind: 'link', id: 'patch', a: 'r1', b: 'r2', type: 'fibre' },
      { kind: 'link', id: 'long', a: 'r1', b: 'office', type: 'fibre', length_km: 100 },
      { kind: 'link', id: 'nolen', a: 'r2', b: 'office', type: 'fibre' },
      { kind: 'link', id: 'll', a: 's1', b: 'office', type: 'leased-line' },
      { kind: 'link', id: 'virt', a: 's1', b: 'r1', type: 'virtual' },
    ]);
    const ua = elementAvailabilities(p, estate);
    const node = (id: string): number => ua.node[p.nodeIndex.get(id)!]!;
    const edge = (id: string): number => ua.edge[p.edgeIndex.get(id)!]!;
    const group = (id: string): number => ua.riskGroup[p.riskGroupIndex.get(id)!]!;
    near(node('r1'), 4 / 200_004);
    near(node('r2'), 0.1);
    near(node('s1'), 10 / 1010);
    assert.equal(node('office'), 0, 'a site without devices never fails on its own');
    // 2.73 cuts per 1000 km and year, 12 h to repair: 100 km fail 0.273 times a year.
    near(edge('long'), 12 / (HOURS_PER_YEAR / 0.273 + 12));
    near(edge('long'), fibreUnavailability(100));
    near(edge('patch'), fibreUnavailability(DEFAULT_AVAILABILITY.fibreIntraSiteKm), 1e-9);
    near(edge('nolen'), fibreUnavailability(DEFAULT_AVAILABILITY.fibreDefaultKm), 1e-9);
    assert.ok(edge('long') > 50 * edge('patch'), 'fibre unavailability grows with length');
    near(edge('ll'), 0.001, 1e-9);
    assert.equal(edge('virt'), 0, 'a virtual link fails only with its ends');
    near(group('duct'), 0.00005, 1e-9);
    near(group('feed'), 0.001, 1e-9);
    assert.equal(ua.nodeSource[p.nodeIndex.get('r2')!], 'availability');
    assert.equal(ua.nodeSource[p.nodeIndex.get('s1')!], 'mtbf');
    assert.equal(ua.edgeSource[p.edgeIndex.get('long')!], 'default');
  });

  test('every role, link type and risk-group type of the model has a default', async () => {
    const { choices } = await import('../src/model/choices.js');
    for (const c of choices.deviceRole) assert.ok(DEFAULT_AVAILABILITY.device[c.value], `device role ${c.value}`);
    for (const c of choices.linkType) assert.ok(c.value === 'fibre' || DEFAULT_AVAILABILITY.link[c.value], `link type ${c.value}`);
    for (const c of choices.riskGroupType) assert.ok(DEFAULT_AVAILABILITY.riskGroup[c.value] !== undefined, `risk-group type ${c.value}`);
  });
});

/*
 * Hand-drawn cases. Every element has an explicit availability so that the expected
 * figures can be written down.
 *
 *   series:    [a1] office ──l1── [r1] ──l2── [c1] (instance of app)
 *   parallel:  [a1] ══l1/l2══ [r1] ──l3── [c1]
 *   duct:      the same two lines, both in duct d
 */
const base = (extra: Obj[]): Obj[] => [
  { kind: 'site', id: 'office', name: 'Office', type: 'office' },
  { kind: 'site', id: 'dc', name: 'DC', type: 'datacenter' },
  { kind: 'device', id: 'a1', name: 'A1', site: 'office', role: 'access', availability: 0.999 },
  { kind: 'device', id: 'r1', name: 'R1', site: 'dc', role: 'router', availability: 0.9999 },
  { kind: 'device', id: 'c1', name: 'C1', site: 'dc', role: 'cluster', availability: 0.9998 },
  { kind: 'application', id: 'app', name: 'App', instances: ['c1'], target_availability: 0.999 },
  { kind: 'usage', id: 'u', tenant: 't', application: 'app', sites: ['office'] },
  ...extra,
];

describe('hand-drawn cases', () => {
  test('series: every element is an order-1 cut set and the unavailabilities add up', () => {
    const { estate, p, m } = setup(
      base([
        { kind: 'link', id: 'l1', a: 'a1', b: 'r1', type: 'fibre', availability: 0.9995 },
        { kind: 'link', id: 'l2', a: 'r1', b: 'c1', type: 'fibre', availability: 0.99999 },
      ]),
    );
    const r = analyzeAvailability(p, m, estate, { top: Infinity });
    const s = r.services[0]!;
    assert.deepEqual(cutStrings(r), ['a1', 'c1', 'l1', 'l2', 'r1']);
    assert.deepEqual(s.cutSetCounts, [5, 0, 0]);
    const u = 0.001 + 0.0001 + 0.0002 + 0.0005 + 0.00001;
    near(s.unavailability, u, 1e-9);
    near(s.availability, 1 - u, 1e-12);
    near(s.downtimeMinutesPerYear, u * MINUTES_PER_YEAR, 1e-9);
    assert.equal(s.target, 0.999);
    assert.equal(s.meetsTarget, false, 'four nines of parts in series miss three nines');
    assert.equal(s.truncated, false);
    assert.equal(s.cutSets[0]!.elements[0], 'a1', 'the most probable cut set comes first');
  });

  test('parallel lines: the pair is an order-2 cut set', () => {
    const { estate, p, m } = setup(
      base([
        { kind: 'link', id: 'l1', a: 'a1', b: 'r1', type: 'fibre', availability: 0.99 },
        { kind: 'link', id: 'l2', a: 'a1', b: 'r1', type: 'leased-line', availability: 0.98 },
        { kind: 'link', id: 'l3', a: 'r1', b: 'c1', type: 'fibre', availability: 0.99999 },
      ]),
    );
    const r = analyzeAvailability(p, m, estate, { top: Infinity });
    assert.deepEqual(cutStrings(r), ['a1', 'c1', 'l1+l2', 'l3', 'r1']);
    assert.deepEqual(r.services[0]!.cutSetCounts, [4, 1, 0]);
    near(r.services[0]!.unavailability, 0.001 + 0.0001 + 0.0002 + 0.00001 + 0.01 * 0.02, 1e-9);
    assert.equal(r.services[0]!.meetsTarget, false, 'the single access device alone uses up the budget of 0.1 %');
  });

  test('two lines in one duct: the duct is an order-1 cut set', () => {
    const { estate, p, m } = setup(
      base([
        { kind: 'risk-group', id: 'd', name: 'Duct', type: 'duct', availability: 0.9999 },
        { kind: 'link', id: 'l1', a: 'a1', b: 'r1', type: 'fibre', availability: 0.99, risk_groups: ['d'] },
        { kind: 'link', id: 'l2', a: 'a1', b: 'r1', type: 'fibre', availability: 0.98, risk_groups: ['d'] },
        { kind: 'link', id: 'l3', a: 'r1', b: 'c1', type: 'fibre', availability: 0.99999 },
      ]),
    );
    const r = analyzeAvailability(p, m, estate, { top: Infinity });
    assert.deepEqual(cutStrings(r), ['a1', 'c1', 'd', 'l1+l2', 'l3', 'r1']);
    const d = r.services[0]!.cutSets.find((c) => c.elements[0] === 'd')!;
    assert.equal(d.order, 1);
    near(d.probability, 0.0001, 1e-9);
  });

  test('two routes and two instances on one power feed: orders 1 and 2', () => {
    /*
     *            ┌──l1── r1 ──l3──┐
     *   [a1] ────┤                ├──── c1, c2 (two instances; both on feed p)
     *            └──l2── r2 ──l4──┘       r1 — r2 share nothing
     */
    const { estate, p, m } = setup([
      { kind: 'site', id: 'office', name: 'Office', type: 'office' },
      { kind: 'site', id: 'dc', name: 'DC', type: 'datacenter' },
      { kind: 'risk-group', id: 'p', name: 'Feed', type: 'power', availability: 0.99995 },
      { kind: 'device', id: 'a1', name: 'A1', site: 'office', role: 'access', availability: 0.99999 },
      { kind: 'device', id: 'r1', name: 'R1', site: 'dc', role: 'router', availability: 0.99 },
      { kind: 'device', id: 'r2', name: 'R2', site: 'dc', role: 'router', availability: 0.99 },
      { kind: 'device', id: 'sw', name: 'SW', site: 'dc', role: 'switch', availability: 0.99999 },
      { kind: 'device', id: 'c1', name: 'C1', site: 'dc', role: 'cluster', availability: 0.98, risk_groups: ['p'] },
      { kind: 'device', id: 'c2', name: 'C2', site: 'dc', role: 'cluster', availability: 0.98, risk_groups: ['p'] },
      { kind: 'link', id: 'l1', a: 'a1', b: 'r1', type: 'fibre', availability: 0.999 },
      { kind: 'link', id: 'l2', a: 'a1', b: 'r2', type: 'fibre', availability: 0.999 },
      { kind: 'link', id: 'l3', a: 'r1', b: 'sw', type: 'fibre', availability: 0.9999 },
      { kind: 'link', id: 'l4', a: 'r2', b: 'sw', type: 'fibre', availability: 0.9999 },
      { kind: 'link', id: 'l5', a: 'sw', b: 'c1', type: 'copper', availability: 0.99999 },
      { kind: 'link', id: 'l6', a: 'sw', b: 'c2', type: 'copper', availability: 0.99999 },
      { kind: 'application', id: 'app', name: 'App', instances: ['c1', 'c2'] },
      { kind: 'usage', id: 'u', tenant: 't', application: 'app', sites: ['office'] },
    ]);
    const r = analyzeAvailability(p, m, estate, { top: Infinity });
    assert.deepEqual(cutStrings(r), [
      'a1', 'c1+c2', 'c1+l6', 'c2+l5', 'l1+l2', 'l1+l4', 'l1+r2', 'l2+l3', 'l2+r1', 'l3+l4', 'l3+r2', 'l4+r1', 'l5+l6', 'p', 'r1+r2', 'sw',
    ]);
    assert.deepEqual(r.services[0]!.cutSets.slice(0, 3).map((c) => c.elements.join('+')), ['c1+c2', 'r1+r2', 'p'], 'by probability: 4e-4, 1e-4, 5e-5');
    const only1 = analyzeAvailability(p, m, estate, { top: Infinity, maxOrder: 1 });
    assert.deepEqual(cutStrings(only1), ['a1', 'p', 'sw']);
    assert.deepEqual(only1.services[0]!.cutSetCounts, [3]);
  });

  test('a service that is down with nothing failed has availability 0', () => {
    const { estate, p, m } = setup(
      base([{ kind: 'link', id: 'l1', a: 'a1', b: 'r1', type: 'fibre' }]), // c1 is not linked
    );
    const s = analyzeAvailability(p, m, estate).services[0]!;
    assert.equal(s.downWithoutFailures, true);
    assert.equal(s.availability, 0);
    assert.equal(s.unavailability, 1);
    assert.deepEqual(s.cutSets, []);
    assert.equal(s.meetsTarget, false);
  });

  test('a site without devices attaches through its own node, which never fails', () => {
    const { estate, p, m } = setup([
      { kind: 'site', id: 'office', name: 'Office', type: 'office' },
      { kind: 'site', id: 'dc', name: 'DC', type: 'datacenter' },
      { kind: 'device', id: 'c1', name: 'C1', site: 'dc', role: 'cluster', availability: 0.999 },
      { kind: 'link', id: 'l1', a: 'office', b: 'c1', type: 'leased-line', availability: 0.99 },
      { kind: 'link', id: 'l2', a: 'office', b: 'c1', type: 'leased-line', availability: 0.99 },
      { kind: 'application', id: 'app', name: 'App', instances: ['c1'] },
      { kind: 'usage', id: 'u', tenant: 't', application: 'app', sites: ['office'] },
    ]);
    const r = analyzeAvailability(p, m, estate, { top: Infinity });
    assert.deepEqual(cutStrings(r), ['c1', 'l1+l2']);
    near(r.services[0]!.unavailability, 0.001 + 0.0001, 1e-9);
  });

  test('the limit stops the enumeration visibly', () => {
    const { estate, p, m } = setup(
      base([
        { kind: 'link', id: 'l1', a: 'a1', b: 'r1', type: 'fibre', availability: 0.99 },
        { kind: 'link', id: 'l2', a: 'a1', b: 'r1', type: 'fibre', availability: 0.99 },
        { kind: 'link', id: 'l3', a: 'r1', b: 'c1', type: 'fibre', availability: 0.99 },
      ]),
    );
    const full = analyzeAvailability(p, m, estate).services[0]!;
    const cut = analyzeAvailability(p, m, estate, { limit: 2 }).services[0]!;
    assert.equal(full.truncated, false);
    assert.equal(cut.truncated, true);
    assert.ok(cut.unavailability < full.unavailability, 'a truncated figure is a lower bound');
  });
});

/** Wilson's interval: known values. */
test('the Wilson interval', () => {
  const { low, high } = wilsonInterval(0, 1000);
  assert.equal(low, 0);
  near(high, 0.003826, 1e-3);
  const mid = wilsonInterval(50, 100);
  assert.ok(mid.low < 0.5 && mid.high > 0.5 && Math.abs(mid.low + mid.high - 1) < 1e-12);
});

// ---------------------------------------------------------------------------------------
// Random small estates against brute force

interface Spec {
  sites: number[]; // devices per site
  links: [number, number][]; // node positions (devices first, then device-less sites)
  groups: { nodes: number[]; links: number[] }[];
  apps: { instances: number[]; deps: number[] }[];
  usages: { app: number; sites: number[] }[];
  u: number[]; // unavailability per element: devices, links, groups (cycled)
}

/** Objects of a spec, every element with an explicit availability `1 - scale · u`. */
function specObjects(spec: Spec, scale: number): { objects: Obj[]; elements: number } {
  const objects: Obj[] = [];
  const devices: string[] = [];
  const bare: string[] = [];
  spec.sites.forEach((n, s) => {
    objects.push({ kind: 'site', id: `s${s}`, name: `S${s}`, type: 'office' });
    if (n === 0) bare.push(`s${s}`);
    for (let k = 0; k < n; k++) devices.push(`s${s}d${k}`);
  });
  const nodes = [...devices, ...bare];
  let e = 0;
  const av = (): number => 1 - scale * spec.u[e++ % spec.u.length]!;
  const groupsOf = (pick: (g: Spec['groups'][number]) => number[], i: number): string[] =>
    spec.groups.flatMap((g, k) => (pick(g).includes(i) ? [`g${k}`] : []));
  let d = 0;
  spec.sites.forEach((n, s) => {
    for (let k = 0; k < n; k++, d++) {
      const rg = groupsOf((g) => g.nodes, d);
      objects.push({ kind: 'device', id: `s${s}d${k}`, name: 'D', site: `s${s}`, role: k === 0 ? 'access' : 'server', availability: av(), ...(rg.length && { risk_groups: rg }) });
    }
  });
  // Indices wrap around, so that most drawn links and instances exist.
  const links = spec.links.map(([a, b]) => [a % nodes.length, b % nodes.length] as const).filter(([a, b]) => a !== b);
  links.forEach(([a, b], i) => {
    const rg = groupsOf((g) => g.links, i);
    objects.push({ kind: 'link', id: `l${i}`, a: nodes[a]!, b: nodes[b]!, type: 'fibre', availability: av(), ...(rg.length && { risk_groups: rg }) });
  });
  spec.groups.forEach((_, k) => objects.push({ kind: 'risk-group', id: `g${k}`, name: 'G', type: 'trench', availability: av() }));
  spec.apps.forEach((a, k) =>
    objects.push({
      kind: 'application',
      id: `app${k}`,
      name: 'A',
      instances: devices.length ? [...new Set(a.instances.map((i) => devices[i % devices.length]!))] : [],
      depends_on: [...new Set(a.deps.filter((x) => x < spec.apps.length && x !== k).map((x) => `app${x}`))],
    }),
  );
  spec.usages.forEach((u, k) =>
    objects.push({ kind: 'usage', id: `u${k}`, tenant: 't', application: `app${u.app % spec.apps.length}`, sites: [...new Set(u.sites.map((s) => `s${s % spec.sites.length}`))] }),
  );
  return { objects, elements: devices.length + links.length + spec.groups.length };
}

const specs = (maxSites: number, maxDevices: number, maxLinks: number, maxGroups: number): fc.Arbitrary<Spec> =>
  fc.record({
    sites: fc.array(fc.nat(maxDevices), { minLength: 1, maxLength: maxSites }),
    links: fc.array(fc.tuple(fc.nat(maxSites * maxDevices), fc.nat(maxSites * maxDevices)), { minLength: 2, maxLength: maxLinks }),
    groups: fc.array(fc.record({ nodes: fc.array(fc.nat(maxSites * maxDevices), { maxLength: 3 }), links: fc.array(fc.nat(maxLinks), { maxLength: 3 }) }), { maxLength: maxGroups }),
    apps: fc.array(fc.record({ instances: fc.array(fc.nat(maxSites * maxDevices), { minLength: 1, maxLength: 3 }), deps: fc.array(fc.nat(2), { maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
    usages: fc.array(fc.record({ app: fc.nat(2), sites: fc.array(fc.nat(maxSites), { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }),
    u: fc.array(fc.integer({ min: 1, max: 100 }).map((x) => x / 100), { minLength: 1, maxLength: 7 }),
  });

/** Failure elements of an estate for the oracle: every device, link and risk group. */
function oracleElements(estate: Estate): { id: string; nodes: string[]; links: string[]; u: number }[] {
  const devices = [...estate.ofKind('device')];
  const links = [...estate.ofKind('link')];
  return [
    ...devices.map((d) => ({ id: d.id, nodes: [d.id], links: [], u: 1 - d.availability! })),
    ...links.map((l) => ({ id: l.id, nodes: [], links: [l.id], u: 1 - l.availability! })),
    ...[...estate.ofKind('risk-group')].map((g) => ({
      id: g.id,
      nodes: devices.filter((d) => d.risk_groups?.includes(g.id)).map((d) => d.id),
      links: links.filter((l) => l.risk_groups?.includes(g.id)).map((l) => l.id),
      u: 1 - g.availability!,
    })),
  ];
}

function downUnder(estate: Estate, s: OracleService, elements: ReturnType<typeof oracleElements>, set: readonly number[]): boolean {
  const nodes = new Set<string>();
  const links = new Set<string>();
  for (const i of set) {
    for (const n of elements[i]!.nodes) nodes.add(n);
    for (const l of elements[i]!.links) links.add(l);
  }
  return !oracleIsUp(estate, s, nodes, links);
}

/** Minimal cut sets of order ≤ maxOrder by trying every subset, smallest first. */
function bruteCutSets(estate: Estate, s: OracleService, elements: ReturnType<typeof oracleElements>, maxOrder: number): string[] {
  const found: number[][] = [];
  const n = elements.length;
  const visit = (set: number[], from: number, size: number): void => {
    if (set.length === size) {
      if (found.some((c) => c.every((x) => set.includes(x)))) return;
      if (downUnder(estate, s, elements, set)) found.push([...set]);
      return;
    }
    for (let i = from; i < n; i++) visit([...set, i], i + 1, size);
  };
  for (let size = 1; size <= maxOrder; size++) visit([], 0, size);
  return found.map((c) => c.map((i) => elements[i]!.id).sort().join('+')).sort();
}

/**
 * Exact unavailability by enumerating every state of every element, with every minimal
 * cut set (any order): a down state is a minimal cut set if reviving any one element of it
 * brings the service up.
 */
function exact(estate: Estate, s: OracleService, elements: ReturnType<typeof oracleElements>): { u: number; cuts: number[][] } {
  const n = elements.length;
  let u = 0;
  const cuts: number[][] = [];
  const down = new Uint8Array(1 << n);
  for (let mask = 0; mask < 1 << n; mask++) {
    const set: number[] = [];
    let prob = 1;
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        set.push(i);
        prob *= elements[i]!.u;
      } else prob *= 1 - elements[i]!.u;
    }
    // Monotone: a superset of a down set is down.
    let d = 0;
    for (const i of set) if (down[mask & ~(1 << i)]) d = 1;
    if (!d && set.length > 0) d = downUnder(estate, s, elements, set) ? 1 : 0;
    if (set.length === 0) d = downUnder(estate, s, elements, []) ? 1 : 0;
    down[mask] = d;
    if (d) {
      u += prob;
      if (set.length > 0 && set.every((i) => !down[mask & ~(1 << i)])) cuts.push(set);
    }
  }
  return { u, cuts };
}

describe('against brute force on random small estates', () => {
  test('minimal cut sets up to order 3 are exactly those of a search over all subsets', (t) => {
    let compared = 0;
    const byOrder = [0, 0, 0];
    fc.assert(
      fc.property(specs(4, 3, 10, 2), (spec) => {
        const { objects } = specObjects(spec, 0.01);
        const { estate, p, m } = setup(objects);
        const elements = oracleElements(estate);
        const services = oracleServices(estate);
        for (const maxOrder of [3, 2] as const) {
          const r = analyzeAvailability(p, m, estate, { top: Infinity, maxOrder });
          services.forEach((s, i) => {
            const got = r.services[i]!;
            if (downUnder(estate, s, elements, [])) {
              assert.equal(got.downWithoutFailures, true);
              return;
            }
            assert.equal(got.downWithoutFailures, false);
            assert.equal(got.truncated, false);
            const expected = bruteCutSets(estate, s, elements, maxOrder);
            assert.deepEqual(cutStrings(r, i), expected, `service ${s.usage}@${s.site}, order ≤ ${maxOrder}`);
            const counts = [1, 2, 3].slice(0, maxOrder).map((k) => expected.filter((c) => c.split('+').length === k).length);
            assert.deepEqual(got.cutSetCounts, counts);
            if (maxOrder === 3) counts.forEach((c, k) => (byOrder[k]! += c));
            compared++;
          });
        }
      }),
      { numRuns: 300, seed: 20261127 },
    );
    t.diagnostic(`${compared} service comparisons; cut sets of order 1, 2, 3: ${byOrder.join(', ')}`);
    assert.ok(compared > 300, `compared ${compared} services`);
    assert.ok(byOrder.every((c) => c > 50), 'every order occurs often');
  });

  test('the rare-event estimate is the union bound over the cut sets: within Bonferroni of the exact value', (t) => {
    let checked = 0;
    fc.assert(
      fc.property(specs(3, 3, 6, 1), fc.constantFrom(1e-3, 1e-2), (spec, scale) => {
        const { objects, elements: count } = specObjects(spec, scale);
        fc.pre(count <= 12);
        const { estate, p, m } = setup(objects);
        const elements = oracleElements(estate);
        const r = analyzeAvailability(p, m, estate, { top: Infinity });
        oracleServices(estate).forEach((s, i) => {
          const got = r.services[i]!;
          const ex = exact(estate, s, elements);
          if (got.downWithoutFailures) {
            near(ex.u, 1, 1e-12);
            return;
          }
          // The estimate is Σ P(C) over the cut sets of order ≤ 3 …
          const low3 = ex.cuts.filter((c) => c.length <= 3);
          const prob = (c: number[]): number => c.reduce((x, j) => x * elements[j]!.u, 1);
          near(got.unavailability, low3.reduce((x, c) => x + prob(c), 0), 1e-9);
          // … and when no cut set is larger, the union bound and Bonferroni's second bound
          // hold: exact ≤ estimate ≤ exact + Σ_{i<j} P(Ci ∪ Cj).
          if (low3.length === ex.cuts.length) {
            let pairs = 0;
            for (let a = 0; a < low3.length; a++) for (let b = a + 1; b < low3.length; b++) pairs += prob([...new Set([...low3[a]!, ...low3[b]!])]);
            assert.ok(got.unavailability >= ex.u * (1 - 1e-9), `estimate ${got.unavailability} < exact ${ex.u}`);
            assert.ok(got.unavailability <= ex.u + pairs + 1e-15, `estimate ${got.unavailability} > exact ${ex.u} + ${pairs}`);
            // For unavailabilities of 0.1 % per element, that is within 5 % of the exact value.
            if (scale === 1e-3) assert.ok(got.unavailability <= ex.u * 1.05, `${got.unavailability} vs ${ex.u}`);
            checked++;
          }
        });
      }),
      { numRuns: 120, seed: 11 },
    );
    t.diagnostic(`${checked} services compared with exact enumeration`);
    assert.ok(checked > 50, `checked ${checked} services`);
  });

  test('Monte Carlo intervals contain the exact unavailability (plain and importance sampling)', (t) => {
    for (const importanceSampling of [false, true]) {
      let cases = 0;
      let inside = 0;
      fc.assert(
        fc.property(specs(3, 3, 6, 1), fc.integer(), (spec, seed) => {
          // Moderate unavailabilities (up to 10 %) for plain sampling, small ones for importance sampling.
          const { objects, elements: count } = specObjects(spec, importanceSampling ? 0.003 : 0.1);
          fc.pre(count <= 11);
          const { estate, p, m } = setup(objects);
          const elements = oracleElements(estate);
          const r = analyzeAvailability(p, m, estate, { monteCarlo: 20_000, importanceSampling, seed });
          const s = oracleServices(estate)[0]!;
          const mc = r.services[0]!.monteCarlo!;
          if (r.services[0]!.downWithoutFailures) return;
          const ex = exact(estate, s, elements).u;
          fc.pre(ex > 0);
          cases++;
          if (mc.low <= ex && ex <= mc.high) inside++;
          assert.equal(mc.samples, 20_000);
          assert.equal(mc.method, importanceSampling ? 'importance' : 'plain');
        }),
        { numRuns: 80, seed: 5 },
      );
      t.diagnostic(`${importanceSampling ? 'importance' : 'plain'}: ${inside} of ${cases} intervals contain the exact value`);
      assert.ok(cases >= 40, `${cases} cases`);
      // A 95 % interval: allow for chance, but not for a biased estimator.
      assert.ok(inside >= 0.85 * cases, `${importanceSampling ? 'importance' : 'plain'}: ${inside} of ${cases} intervals contain the exact value`);
    }
  });

  test('the same seed gives the same Monte Carlo result; too few samples are reported as such', () => {
    const { estate, p, m } = setup([
      { kind: 'site', id: 'office', name: 'Office', type: 'office' },
      { kind: 'device', id: 'a1', name: 'A1', site: 'office', role: 'access', availability: 0.999999 },
      { kind: 'device', id: 'c1', name: 'C1', site: 'office', role: 'server', availability: 0.999999 },
      { kind: 'link', id: 'l1', a: 'a1', b: 'c1', type: 'copper', availability: 0.999999 },
      { kind: 'application', id: 'app', name: 'App', instances: ['c1'] },
      { kind: 'usage', id: 'u', tenant: 't', application: 'app', sites: ['office'] },
    ]);
    const a = analyzeAvailability(p, m, estate, { monteCarlo: 1000, seed: 3 }).services[0]!.monteCarlo!;
    const b = analyzeAvailability(p, m, estate, { monteCarlo: 1000, seed: 3 }).services[0]!.monteCarlo!;
    assert.deepEqual(a, b);
    assert.equal(a.down, 0);
    assert.match(a.warning!, /no failure in 1000 samples/);
    near(a.high, wilsonInterval(0, 1000).high, 1e-12);
  });
});

// ---------------------------------------------------------------------------------------
// OWL-IT and a generated region


describe('the OWL-IT example at 2026-11-27', () => {
  const estate = owlAt('2026-11-27');
  const p = buildProjection(estate);
  const m = buildServices(p, estate);

  test('all services: sensible figures, the duct and the power feed where the README puts them', (t) => {
    const start = performance.now();
    const r = analyzeAvailability(p, m, estate);
    t.diagnostic(`${r.services.length} services in ${(performance.now() - start).toFixed(0)} ms`);
    assert.equal(r.services.length, 150);
    const order1 = (s: (typeof r.services)[number]): string[] => s.cutSets.filter((c) => c.order === 1).map((c) => c.elements[0]!);
    for (const s of r.services) {
      assert.equal(s.truncated, false);
      assert.equal(s.downWithoutFailures, false);
      assert.ok(s.availability > 0.999 && s.availability < 1, `${s.usage}@${s.site}: ${s.availability}`);
      assert.ok(s.cutSetCounts[0]! <= 5, 'the top five hold every order-1 cut set here');
    }
    // The single points of failure of the README (sites are not failure elements here).
    const spofs = new Set(r.services.flatMap(order1));
    assert.deepEqual([...spofs].sort(), ['duct-lemgo-nord', 'lem-vmc-a', 'luegde-rathaus-ar-1', 'power-lemgo-usv-a', 'power-pb-umspannwerk', 'rt-blomberg', 'up-luegde-rathaus-ar-1']);
    assert.equal(r.services.filter((s) => order1(s).includes('duct-lemgo-nord')).length, 84);
    assert.equal(r.services.filter((s) => order1(s).includes('power-pb-umspannwerk')).length, 42);
    assert.equal(r.services.filter((s) => order1(s).includes('lem-vmc-a')).length, r.services.filter((s) => s.application === 'ratsinfo').length);

    // Paderborn: the duct dominates where the power feed does not reach; the feed (0.9998)
    // comes first where it does, with the duct second.
    for (const s of r.services.filter((x) => ['altenbeken-rathaus', 'bad-lippspringe-rathaus', 'delbrueck-rathaus', 'hoevelhof-rathaus'].includes(x.site))) {
      assert.deepEqual(s.cutSets[0]!.elements, ['duct-lemgo-nord'], `${s.usage}@${s.site}`);
    }
    for (const s of r.services.filter((x) => x.site === 'pb-rathaus')) {
      assert.deepEqual(s.cutSets.slice(0, 2).map((c) => c.elements[0]), ['power-pb-umspannwerk', 'duct-lemgo-nord']);
      assert.ok(s.downtimeMinutesPerYear > 120 && s.downtimeMinutesPerYear < 200, `${s.downtimeMinutesPerYear} min/year`);
    }
    // Lemgo's own town hall has two lines into the data center: nothing of order 1.
    for (const s of r.services.filter((x) => x.site === 'lemgo-rathaus' && x.application !== 'ratsinfo')) {
      assert.equal(s.cutSetCounts[0], 0);
      assert.ok(s.downtimeMinutesPerYear < 1);
    }
    // Lügde's spur: three order-1 cut sets, about an hour and a half a year.
    const luegde = r.services.find((s) => s.site === 'luegde-rathaus' && s.application === 'finanzwesen-lippe')!;
    assert.deepEqual(luegde.cutSets.slice(0, 3).map((c) => c.elements[0]), ['luegde-rathaus-ar-1', 'up-luegde-rathaus-ar-1', 'rt-blomberg']);
    assert.ok(luegde.downtimeMinutesPerYear > 60 && luegde.downtimeMinutesPerYear < 120);
  });

  test('Monte Carlo with importance sampling agrees with the cut sets for Paderborn', () => {
    const s = m.usage.findIndex((u, i) => u === 'u-paderborn-finanzwesen' && p.siteIds[m.site[i]!] === 'pb-rathaus');
    const r = analyzeAvailability(p, m, estate, { services: [s], monteCarlo: 50_000, importanceSampling: true, seed: 7 });
    const mc = r.services[0]!.monteCarlo!;
    assert.equal(mc.containsEstimate, true, JSON.stringify(mc));
    assert.ok(mc.down > 1000, 'importance sampling sees many failures');
    const plain = analyzeAvailability(p, m, estate, { services: [s], monteCarlo: 20_000, seed: 7 }).services[0]!.monteCarlo!;
    assert.ok(plain.down < 30, 'plain sampling sees few at this size');
  });
});

describe('a generated region (the region preset)', () => {
  test('a sample of services: order-1 cut sets equal the single failures that break them', (t) => {
    const estate = generatedEstate({ seed: 7, preset: 'region' });
    const p = buildProjection(estate);
    const m = buildServices(p, estate);
    const sample = Array.from({ length: 12 }, (_, i) => Math.floor((i * m.count) / 12));
    const start = performance.now();
    const r = analyzeAvailability(p, m, estate, { services: sample });
    t.diagnostic(`${sample.length} of ${m.count} services in ${(performance.now() - start).toFixed(0)} ms; composed, ${r.services[0]!.checks} candidate sets for the first`);

    // Every device, link and risk group failed alone, one component pass each.
    const ua = elementAvailabilities(p, estate);
    const breakers = sample.map(() => new Set<string>());
    const tryOne = (ref: Parameters<typeof markElement>[2], id: string): void => {
      const mask = emptyMask(p);
      markElement(p, mask, ref, 1);
      const { component } = connectedComponents(p, { failed: mask });
      sample.forEach((s, i) => {
        if (!serviceUp(m, s, component)) breakers[i]!.add(id);
      });
    };
    for (let v = 0; v < p.nodeCount; v++) if (ua.node[v]! > 0) tryOne({ kind: 'device', index: v }, p.nodeIds[v]!);
    for (let e = 0; e < p.edgeCount; e++) if (ua.edge[e]! > 0) tryOne({ kind: 'link', index: e }, p.edgeIds[e]!);
    for (let g = 0; g < p.riskGroupIds.length; g++) if (ua.riskGroup[g]! > 0) tryOne({ kind: 'risk-group', index: g }, p.riskGroupIds[g]!);

    const all = analyzeAvailability(p, m, estate, { services: sample, top: Infinity, maxOrder: 1 });
    r.services.forEach((s, i) => {
      assert.equal(s.truncated, false);
      assert.equal(s.downWithoutFailures, false);
      assert.ok(s.availability > 0.99 && s.availability < 1);
      const got = all.services[i]!.cutSets.map((c) => c.elements[0]!).sort();
      assert.deepEqual(got, [...breakers[i]!].sort(), `${s.usage}@${s.site}`);
      assert.equal(s.cutSetCounts[0], got.length);
    });
  });
});
