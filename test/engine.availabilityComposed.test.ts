/**
 * Availability composed from shared parts (src/engine/PocketAnalysis.ts) against the same
 * analysis on each service's relevant region as a whole (`method: 'region'`, itself checked
 * against brute force in engine.availability.test.ts): the same minimal cut sets, the same
 * estimate to the last bit, the same dominant cut sets and the same element sources, on
 * random estates built like real ones (rings, chains and dual-homed offices, a data
 * center, risk groups across all of them) and on generated estates.
 */
import { generatedEstate } from './helpers/estates.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyzeAvailability, type AvailabilityReport } from '../src/engine/availability.js';
import { buildProjection, type Projection } from '../src/engine/projection.js';
import { buildServices, type ServiceModel } from '../src/engine/services.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';

type Obj = Record<string, unknown> & { kind: string; id: string };

/** What must not differ between the two methods, per service. */
function figures(r: AvailabilityReport): string[] {
  return r.services.map((s) => JSON.stringify([s.usage, s.site, s.unavailability, s.downWithoutFailures, s.truncated, s.cutSetCounts, s.cutSets]));
}

/** Both methods on every service, all cut sets listed; returns the number of cut sets compared. */
function compare(p: Projection, m: ServiceModel, estate: Estate, maxOrder: 1 | 2 | 3, services?: number[]): number {
  const opts = { top: Infinity, maxOrder, sourcesOf: 'services' as const, ...(services && { services }) };
  const composed = analyzeAvailability(p, m, estate, opts);
  const region = analyzeAvailability(p, m, estate, { ...opts, method: 'region' });
  assert.deepEqual(figures(composed), figures(region));
  assert.deepEqual(composed.sources, region.sources);
  return region.services.reduce((n, s) => n + s.cutSets.length, 0);
}

/** A random estate shaped like a municipal network, from a seed of small numbers. */
interface Shape {
  ring: number; // ring nodes, two routers each
  chords: [number, number][];
  hosts: number[]; // per data-center host: extra links to the second core (0/1) or the storage switch (2)
  offices: { devices: number; up: number[]; local: boolean }[]; // attach points: ring routers, then earlier offices' access devices
  groups: { links: number[]; devices: number[] }[];
  apps: { hosts: number[]; dep: number }[];
  usages: { app: number; office: number }[];
  u: number[];
}

function shapeObjects(s: Shape): Obj[] {
  const o: Obj[] = [];
  const links: Obj[] = [];
  const devices: Obj[] = [];
  let e = 0;
  const av = (): number => 1 - s.u[e++ % s.u.length]! / 1000;
  const link = (a: string, b: string): void => {
    if (a !== b)
      links.push({ kind: 'link', id: `l${links.length}`, a, b, type: 'fibre', availability: av() });
  };
  const device = (id: string, site: string, role: string): string => {
    devices.push({ kind: 'device', id, name: id, site, role, availability: av() });
    return id;
  };
  const routers: string[] = [];
  for (let i = 0; i < s.ring; i++) {
    o.push({ kind: 'site', id: `n${i}`, name: `N${i}`, type: 'node' });
    routers.push(device(`n${i}.r1`, `n${i}`, 'router'), device(`n${i}.r2`, `n${i}`, 'router'));
    link(`n${i}.r1`, `n${i}.r2`);
  }
  for (let i = 0; i < s.ring; i++) link(`n${i}.r2`, `n${(i + 1) % s.ring}.r1`);
  for (const [a, b] of s.chords) link(routers[a % routers.length]!, routers[b % routers.length]!);
  // The data center: two routers on two ring nodes, two cores, a storage switch, hosts.
  o.push({ kind: 'site', id: 'dc', name: 'DC', type: 'datacenter' });
  for (const d of ['r1', 'r2', 'c1', 'c2', 'st']) device(`dc.${d}`, 'dc', d.startsWith('r') ? 'router' : 'switch');
  link('dc.r1', 'dc.r2');
  link('dc.r1', routers[0]!);
  link('dc.r2', routers[(2 * Math.floor(s.ring / 2)) % routers.length]!);
  for (const r of ['dc.r1', 'dc.r2']) for (const c of ['dc.c1', 'dc.c2']) link(r, c);
  link('dc.c1', 'dc.st');
  const hosts = s.hosts.map((extra, h) => {
    const id = device(`dc.h${h}`, 'dc', 'server');
    link('dc.c1', id);
    if (extra === 1) link('dc.c2', id);
    if (extra === 2) link('dc.st', id);
    return id;
  });
  // Offices hang off ring routers and earlier offices: spurs, chains, dual homing.
  const access: string[] = [];
  s.offices.forEach((f, i) => {
    o.push({ kind: 'site', id: `o${i}`, name: `O${i}`, type: 'office' });
    const acc = [device(`o${i}.a1`, `o${i}`, 'access')];
    if (f.devices > 1) acc.push(device(`o${i}.a2`, `o${i}`, 'access'));
    if (acc.length > 1) link(acc[0]!, acc[1]!);
    if (f.local) link(acc[0]!, device(`o${i}.srv`, `o${i}`, 'server'));
    const points = [...routers, ...access];
    f.up.forEach((u, k) => link(acc[k % acc.length]!, points[u % points.length]!));
    access.push(...acc);
  });
  // Risk groups across everything: links and devices anywhere.
  s.groups.forEach((g, k) => {
    const members = [...new Set(g.devices.map((d) => devices[d % devices.length]!.id))];
    o.push({ kind: 'risk-group', id: `g${k}`, name: 'G', type: 'trench', availability: av(), ...(members.length && { members }) });
    for (const l of new Set(g.links.map((x) => x % links.length))) {
      const lk = links[l]!;
      lk.risk_groups = [...((lk.risk_groups as string[] | undefined) ?? []), `g${k}`];
    }
  });
  s.apps.forEach((a, k) =>
    o.push({
      kind: 'application',
      id: `app${k}`,
      name: 'A',
      // An office's local server may hold an instance too.
      instances: [...new Set(a.hosts.map((h) => (h % (hosts.length + 2) < hosts.length ? hosts[h % (hosts.length + 2)]! : `o${h % s.offices.length}.srv`)))].filter((id) => devices.some((d) => d.id === id)),
      ...(a.dep < k && { depends_on: [`app${a.dep}`] }),
    }),
  );
  s.usages.forEach((u, k) => o.push({ kind: 'usage', id: `u${k}`, tenant: 't', application: `app${u.app % s.apps.length}`, sites: [`o${u.office % s.offices.length}`] }));
  return [...o, ...devices, ...links];
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  ring: fc.integer({ min: 2, max: 5 }),
  chords: fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 2 }),
  hosts: fc.array(fc.nat(2), { minLength: 1, maxLength: 4 }),
  offices: fc.array(fc.record({ devices: fc.integer({ min: 1, max: 2 }), up: fc.array(fc.nat(30), { minLength: 1, maxLength: 2 }), local: fc.boolean() }), { minLength: 1, maxLength: 8 }),
  groups: fc.array(fc.record({ links: fc.array(fc.nat(60), { maxLength: 3 }), devices: fc.array(fc.nat(60), { maxLength: 3 }) }), { maxLength: 4 }),
  apps: fc.array(fc.record({ hosts: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }), dep: fc.nat(2) }), { minLength: 1, maxLength: 3 }),
  usages: fc.array(fc.record({ app: fc.nat(2), office: fc.nat(7) }), { minLength: 1, maxLength: 6 }),
  u: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 7 }),
});

function setup(objects: Obj[]): { estate: Estate; p: Projection; m: ServiceModel } {
  const estate = new Estate(objects as unknown as StoredObject[]);
  const p = buildProjection(estate);
  return { estate, p, m: buildServices(p, estate) };
}

describe('composed from shared parts equals the analysis of each relevant region', () => {
  test('random estates with rings, chains, dual-homed offices, a data center and risk groups across them', (t) => {
    let services = 0;
    let cutSets = 0;
    fc.assert(
      fc.property(shapes, fc.constantFrom(3, 3, 2, 1) as fc.Arbitrary<1 | 2 | 3>, (shape, maxOrder) => {
        const { estate, p, m } = setup(shapeObjects(shape));
        cutSets += compare(p, m, estate, maxOrder);
        services += m.count;
      }),
      { numRuns: 400, seed: 42 },
    );
    t.diagnostic(`${services} services, ${cutSets} cut sets compared`);
    assert.ok(cutSets > 20_000, `${cutSets} cut sets`);
  });

  test('generated estates: every service of the small preset (four seeds), a sample of the region preset', (t) => {
    let cutSets = 0;
    for (const seed of [1, 2, 3, 4]) {
      const estate = generatedEstate({ seed, preset: 'small' });
      const p = buildProjection(estate, { retired: 'exclude' });
      cutSets += compare(p, buildServices(p, estate), estate, 3);
    }
    const estate = generatedEstate({ seed: 7, preset: 'region' });
    const p = buildProjection(estate, { retired: 'exclude' });
    const m = buildServices(p, estate);
    cutSets += compare(p, m, estate, 3, Array.from({ length: 24 }, (_, i) => Math.floor((i * m.count) / 24)));
    t.diagnostic(`${cutSets} cut sets compared`);
  });
});
