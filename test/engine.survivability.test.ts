/**
 * Survivability, the SPOF list and the what-if against the brute-force oracle of docs/analysis.md
 * (test/helpers/serviceOracle.ts): thousands of random small estates, hand-drawn cases,
 * generated estates, and the weak spots the OWL-IT example was built with.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { failElements } from '../src/engine/failElements.js';
import { buildProjection, type Projection } from '../src/engine/projection.js';
import { buildServices, type ServiceModel } from '../src/engine/services.js';
import { analyzeSurvivability, exposedServices, type Survivability, type SurvivabilityOptions } from '../src/engine/survivability.js';
import { whatIf } from '../src/engine/whatIf.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';
import { generatedEstate, owlAt } from './helpers/estates.js';
import { chained, failedIdsOf, objectsOf, recipes, type Recipe } from './helpers/randomEstates.js';
import { oracleElements, oracleIsUp, oracleServices, type OracleElement, type OracleService } from './helpers/serviceOracle.js';

// ---- Helpers ------------------------------------------------------------------------------

interface Analysed {
  estate: Estate;
  p: Projection;
  m: ServiceModel;
}

function analysed(objects: readonly object[]): Analysed {
  const estate = new Estate(objects as StoredObject[]);
  const p = buildProjection(estate);
  return { estate, p, m: buildServices(p, estate) };
}

const byId = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** The oracle's view: up under F, and the elements that break each service on top of F. */
interface OracleView {
  services: OracleService[];
  up: boolean[];
  /** Sorted breaker ids per service (empty when down under F). */
  breakers: string[][];
  /** Element id → sorted service indices it breaks on top of F. */
  spofs: Map<string, number[]>;
}

function oracleView(estate: Estate, failedIds: readonly string[] = []): OracleView {
  const services = oracleServices(estate);
  const elements = oracleElements(estate);
  const base = union(elements.filter((e) => failedIds.includes(e.id)));
  const up = services.map((s) => oracleIsUp(estate, s, base.nodes, base.links));
  const breakers: string[][] = services.map(() => []);
  const spofs = new Map<string, number[]>();
  for (const e of elements) {
    const f = union([e], base);
    services.forEach((s, i) => {
      if (!up[i] || (e.kind === 'site' && e.id === s.site)) return;
      if (oracleIsUp(estate, s, f.nodes, f.links)) return;
      breakers[i]!.push(e.id);
      if (!spofs.has(e.id)) spofs.set(e.id, []);
      spofs.get(e.id)!.push(i);
    });
  }
  for (const b of breakers) b.sort(byId);
  return { services, up, breakers, spofs };
}

function union(elements: readonly OracleElement[], into?: { nodes: Set<string>; links: Set<string> }): { nodes: Set<string>; links: Set<string> } {
  const nodes = new Set(into?.nodes);
  const links = new Set(into?.links);
  for (const e of elements) {
    for (const n of e.nodes) nodes.add(n);
    for (const l of e.links) links.add(l);
  }
  return { nodes, links };
}

/** Asserts that the engine's analysis equals the oracle's, service by service and element by element. */
function assertSameAsOracle(a: Analysed, r: Survivability, o: OracleView, context = ''): void {
  const { m } = a;
  assert.equal(m.count, o.services.length, `${context}service count`);
  for (let s = 0; s < m.count; s++) {
    const os = o.services[s]!;
    const where = `${context}service ${s} (${os.usage} @ ${os.site})`;
    assert.equal(m.usage[s], os.usage, where);
    assert.equal(a.p.siteIds[m.site[s]!], os.site, where);
    const v = r.services[s]!;
    assert.equal(v.upAtBaseline, o.up[s], `${where}: up at baseline`);
    assert.deepEqual(v.breakers.map((b) => b.id).sort(byId), o.breakers[s], `${where}: breakers`);
    assert.equal(v.survives, o.up[s]! && o.breakers[s]!.length === 0, `${where}: survives`);
  }
  const spofs = new Map(r.spofs.map((x) => [x.element.id, [...x.breaks]]));
  assert.deepEqual([...spofs.keys()].sort(byId), [...o.spofs.keys()].sort(byId), `${context}SPOF elements`);
  for (const [id, breaks] of o.spofs) assert.deepEqual(spofs.get(id), breaks, `${context}SPOF ${id}`);
}

// ---- Random small estates -------------------------------------------------------------------

/** Analyses a recipe's estate (under its failure set, if asked) and compares it with the oracle. */
function agreesWithOracle(recipe: Recipe, underFailures = false): void {
  const a = analysed(objectsOf(recipe));
  const ids = underFailures ? failedIdsOf(recipe, a.estate) : [];
  const failed = underFailures ? { failed: failElements(a.p, ids).mask } : {};
  const r = analyzeSurvivability(a.p, a.m, { ...failed, tuning: recipe.tuning });
  assertSameAsOracle(a, r, oracleView(a.estate, ids), underFailures ? `F = ${ids.join(',')}: ` : '');
}

describe('analyzeSurvivability against the brute-force oracle', () => {
  test('random small estates: up, survives, breakers and SPOFs', () => {
    fc.assert(
      fc.property(recipes(5, 4, 10), (recipe) => agreesWithOracle(recipe)),
      { numRuns: 2500, seed: 20261127 },
    );
  });

  test('random denser estates (more links, parallel links, big risk groups)', () => {
    fc.assert(
      fc.property(recipes(4, 3, 18), (recipe) => agreesWithOracle(recipe)),
      { numRuns: 1000, seed: 7 },
    );
  });

  test('random estates on top of a failure set (the analysis of G − F)', () => {
    fc.assert(
      fc.property(recipes(5, 3, 12), (recipe) => agreesWithOracle(recipe, true)),
      { numRuns: 1500, seed: 42 },
    );
  });

  test('a subset of services gets the same verdicts as the full analysis (random and connected estates)', () => {
    fc.assert(
      fc.property(recipes(5, 3, 12), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), (recipe, pick, connected) => {
        const objects = objectsOf(recipe) as StoredObject[];
        const a = analysed(connected ? chained(objects) : objects);
        const full = analyzeSurvivability(a.p, a.m);
        const subset = [...new Set(pick.map((k) => k % a.m.count))];
        const part = analyzeSurvivability(a.p, a.m, { services: subset, tuning: recipe.tuning });
        for (let s = 0; s < a.m.count; s++) {
          const v = part.services[s]!;
          assert.equal(v.upAtBaseline, full.services[s]!.upAtBaseline);
          assert.equal(v.analysed, subset.includes(s));
          if (v.analysed) assert.deepEqual(v, { ...full.services[s]!, analysed: true });
          else assert.deepEqual([v.survives, v.breakers.length], [false, 0]);
        }
        for (const x of part.spofs) for (const s of x.breaks) assert.ok(subset.includes(s));
      }),
      { numRuns: 800, seed: 3 },
    );
  });
});

describe('whatIf against the brute-force oracle', () => {
  test('random estates and failure sets: down, degraded, weakened, components', () => {
    fc.assert(
      fc.property(recipes(5, 3, 12), fc.boolean(), fc.boolean(), (recipe, withBaseline, withWeakened) => {
        const a = analysed(objectsOf(recipe));
        const ids = failedIdsOf(recipe, a.estate);
        const baseline = withBaseline ? analyzeSurvivability(a.p, a.m) : undefined;
        const w = whatIf(a.p, a.m, [...ids, 'no-such-element'], { baseline, weakened: withWeakened });
        assert.deepEqual(w.unresolved, ['no-such-element']);

        const before = oracleView(a.estate);
        const after = oracleView(a.estate, ids);
        const where = `under ${ids.join(',')}`;
        const down = before.services.flatMap((_, s) => (before.up[s] && !after.up[s] ? [s] : []));
        const degraded = before.services.flatMap((_, s) => (after.up[s] && before.up[s] && before.breakers[s]!.length === 0 && after.breakers[s]!.length > 0 ? [s] : []));
        const weakened = before.services.flatMap((_, s) => (after.up[s] && before.up[s] && after.breakers[s]!.some((e) => !before.breakers[s]!.includes(e)) ? [s] : []));
        assert.deepEqual(w.down, down, `down ${where}`);
        assert.deepEqual(w.degraded, degraded, `degraded ${where}`);
        assert.deepEqual(w.weakened, withWeakened ? weakened : [], `weakened ${where}`);
        assert.deepEqual(normalize(w.components), oracleComponents(a.estate, ids), 'components');

        // A service whose footprint the failure misses keeps its breakers exactly.
        const exposed = new Set(exposedServices(baseline ?? analyzeSurvivability(a.p, a.m), w.failed));
        before.services.forEach((_, s) => {
          if (before.up[s] && !exposed.has(s)) assert.deepEqual([after.up[s], after.breakers[s]], [true, before.breakers[s]], `unexposed service ${s} ${where}`);
        });
      }),
      { numRuns: 1500, seed: 99 },
    );
  });
});

/** Components of the surviving graph by plain search over the estate, canonical order. */
function oracleComponents(estate: Estate, failedIds: readonly string[]): string[][] {
  const f = union(oracleElements(estate).filter((e) => failedIds.includes(e.id)));
  const nodes: string[] = [];
  const devicesAt = new Set<string>();
  for (const d of estate.ofKind('device')) (nodes.push(d.id), devicesAt.add(d.site));
  for (const s of estate.ofKind('site')) if (!devicesAt.has(s.id)) nodes.push(s.id);
  const alive = nodes.filter((n) => !f.nodes.has(n));
  const adj = new Map(alive.map((n) => [n, [] as string[]]));
  for (const l of estate.ofKind('link')) {
    if (f.links.has(l.id) || !adj.has(l.a) || !adj.has(l.b)) continue;
    adj.get(l.a)!.push(l.b);
    adj.get(l.b)!.push(l.a);
  }
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const n of alive) {
    if (seen.has(n)) continue;
    const comp = [n];
    seen.add(n);
    for (let i = 0; i < comp.length; i++) for (const w of adj.get(comp[i]!)!) if (!seen.has(w)) (seen.add(w), comp.push(w));
    out.push(comp);
  }
  return normalize(out);
}

function normalize(components: readonly (readonly string[])[]): string[][] {
  return components.map((c) => [...c].sort(byId)).sort((x, y) => byId(x[0]!, y[0]!));
}

// ---- Hand-drawn cases ---------------------------------------------------------------------

/** Objects for the hand-drawn cases: terse constructors. */
const org = { kind: 'organization', id: 'town', name: 'Town', type: 'municipality' };
const site = (id: string) => ({ kind: 'site', id, name: id, type: 'office', organization: 'town' });
const device = (id: string, at: string, role = 'router', risk_groups?: string[]) => ({ kind: 'device', id, name: id, site: at, role, ...(risk_groups && { risk_groups }) });
const link = (id: string, a: string, b: string, risk_groups?: string[]) => ({ kind: 'link', id, name: id, a, b, type: 'fibre', ...(risk_groups && { risk_groups }) });
const group = (id: string) => ({ kind: 'risk-group', id, name: id, type: 'duct' });
const app = (id: string, instances: string[], depends_on?: string[]) => ({ kind: 'application', id, name: id, instances, ...(depends_on && { depends_on }) });
const usage = (id: string, application: string, sites: string[], users = 10) => ({ kind: 'usage', id, tenant: 'town', application, sites, users });

/** The analysis of hand-drawn objects, checked against the oracle, with breakers by service. */
function check(objects: object[]): { a: Analysed; r: Survivability; breakers: (usage: string, site?: string) => string[] } {
  const a = analysed(objects);
  const r = analyzeSurvivability(a.p, a.m);
  assertSameAsOracle(a, r, oracleView(a.estate));
  const breakers = (u: string, s?: string): string[] => {
    const i = [...a.m.usage.keys()].find((k) => a.m.usage[k] === u && (s === undefined || a.p.siteIds[a.m.site[k]!] === s));
    assert.ok(i !== undefined, `service ${u}`);
    return r.services[i]!.breakers.map((b) => b.id).sort(byId);
  };
  return { a, r, breakers };
}

describe('hand-drawn cases', () => {
  test('two fibre lines in one duct: neither line breaks the service, the duct does', () => {
    /*
     *                 l-a (duct-1) ──── [ra] ────┐
     *   office [acc] <                           ├── l-ca, l-cb ── [srv] dc
     *                 l-b (duct-1) ──── [rb] ────┘
     *
     * The two lines are independent as links but share duct-1. Moving l-b into duct-2
     * makes the office survive every single failure.
     */
    const objects = (bDuct: string) => [
      org,
      group('duct-1'),
      group('duct-2'),
      site('office'),
      site('ring-a'),
      site('ring-b'),
      site('dc'),
      device('acc', 'office', 'access'),
      device('ra', 'ring-a'),
      device('rb', 'ring-b'),
      device('srv', 'dc', 'server'),
      link('l-a', 'acc', 'ra', ['duct-1']),
      link('l-b', 'acc', 'rb', [bDuct]),
      link('l-ca', 'ra', 'srv'),
      link('l-cb', 'rb', 'srv'),
      app('fin', ['srv']),
      usage('u-fin', 'fin', ['office']),
    ];
    const shared = check(objects('duct-1'));
    assert.deepEqual(shared.breakers('u-fin'), ['acc', 'dc', 'duct-1', 'srv']);
    assert.deepEqual(
      shared.r.spofs.map((x) => x.element.id),
      ['acc', 'srv', 'dc', 'duct-1'],
      'element order: devices, links, sites, risk groups',
    );
    const apart = check(objects('duct-2'));
    assert.deepEqual(apart.breakers('u-fin'), ['acc', 'dc', 'srv']);
  });

  test('a dependency reachable only through a failed site', () => {
    /*
     *   office [acc] ── l1 ── [r1] transit ── l2 ── [db] dc-2        portal depends on db
     *      │                  [r2] (same site)
     *      └──────── l3 ──────────────────────── [web] dc-1
     *
     * portal's own instance (web) stays reachable when site `transit` fails, but its
     * dependency db does not: the service is down. Each transit router alone is not
     * enough to break it? r1 is: db hangs behind r1 only; r2 is idle.
     */
    const objects = [
      org,
      site('office'),
      site('transit'),
      site('dc-1'),
      site('dc-2'),
      device('acc', 'office', 'access'),
      device('r1', 'transit'),
      device('r2', 'transit'),
      device('web', 'dc-1', 'server'),
      device('db', 'dc-2', 'server'),
      link('l1', 'acc', 'r1'),
      link('l2', 'r1', 'db'),
      link('l3', 'acc', 'web'),
      link('l4', 'r1', 'r2'),
      app('db-app', ['db']),
      app('portal', ['web'], ['db-app']),
      usage('u-portal', 'portal', ['office']),
    ];
    const { a, breakers } = check(objects);
    assert.deepEqual(breakers('u-portal'), ['acc', 'db', 'dc-1', 'dc-2', 'l1', 'l2', 'l3', 'r1', 'transit', 'web']);
    const w = whatIf(a.p, a.m, ['transit']);
    assert.deepEqual(w.down, [0], 'down when transit fails, although web is reachable');
    assert.deepEqual(normalize(w.components), [['acc', 'web'], ['db']]);
  });

  test('a cycle of dependencies: each needs the other, both are needed', () => {
    /*
     *   office [acc] ── l1 ── [core] ── l2 ── [s1]  hosts app-a
     *                            └──── l3 ── [s2]  hosts app-b, and app-a's second instance
     *
     *   app-a depends on app-b, app-b depends on app-a.
     *
     * app-a runs on s1 and s2, app-b on s2 only: s2 and l3 break the service (app-b),
     * s1 and l2 do not (app-a has s2 too).
     */
    const objects = [
      org,
      site('office'),
      site('dc'),
      device('acc', 'office', 'access'),
      device('core', 'dc', 'switch'),
      device('s1', 'dc', 'server'),
      device('s2', 'dc', 'server'),
      link('l1', 'acc', 'core'),
      link('l2', 'core', 's1'),
      link('l3', 'core', 's2'),
      app('app-a', ['s1', 's2'], ['app-b']),
      app('app-b', ['s2'], ['app-a']),
      usage('u-a', 'app-a', ['office']),
      usage('u-b', 'app-b', ['office']),
    ];
    const { breakers } = check(objects);
    const expected = ['acc', 'core', 'dc', 'l1', 'l3', 's2'];
    assert.deepEqual(breakers('u-a'), expected);
    assert.deepEqual(breakers('u-b'), expected);
  });

  test('a service whose site has no access device attaches at every device there', () => {
    /*
     *   branch: [sw-1] switch ── l1 ── [r1] ──┐
     *           [sw-2] switch ── l2 ── [r2] ──┴── l3, l4 ── [srv] dc
     *
     * No access device at `branch`: users attach at sw-1 and at sw-2, so neither switch
     * (nor either line) breaks the service. Make sw-1 an access device and it attaches at
     * sw-1 alone: sw-1 and l1 and r1 now break it.
     */
    const objects = (role: string) => [
      org,
      site('branch'),
      site('pop-1'),
      site('pop-2'),
      site('dc'),
      device('sw-1', 'branch', role),
      device('sw-2', 'branch', 'switch'),
      device('r1', 'pop-1'),
      device('r2', 'pop-2'),
      device('srv', 'dc', 'server'),
      link('l1', 'sw-1', 'r1'),
      link('l2', 'sw-2', 'r2'),
      link('l3', 'r1', 'srv'),
      link('l4', 'r2', 'srv'),
      app('erp', ['srv']),
      usage('u-erp', 'erp', ['branch']),
    ];
    assert.deepEqual(check(objects('switch')).breakers('u-erp'), ['dc', 'srv']);
    assert.deepEqual(check(objects('access')).breakers('u-erp'), ['dc', 'l1', 'l3', 'pop-1', 'r1', 'srv', 'sw-1']);
  });

  test('a site without devices used directly as a link end', () => {
    /*
     *            l1 (trench-x) ── [r1] ──┐
     *   kiosk <                          ├── [srv] dc      kiosk: a site, no devices
     *            l2 (trench-x) ── [r2] ──┘
     *
     * Users at the kiosk attach at the site's own node. Its own site is never a breaker;
     * each line alone is not one; the trench holding both lines is.
     */
    const objects = [
      org,
      group('trench-x'),
      site('kiosk'),
      site('pop-1'),
      site('pop-2'),
      site('dc'),
      device('r1', 'pop-1'),
      device('r2', 'pop-2'),
      device('srv', 'dc', 'server'),
      link('l1', 'kiosk', 'r1', ['trench-x']),
      link('l2', 'kiosk', 'r2', ['trench-x']),
      link('l3', 'r1', 'srv'),
      link('l4', 'r2', 'srv'),
      app('portal', ['srv']),
      usage('u-portal', 'portal', ['kiosk', 'dc']),
    ];
    const { a, r, breakers } = check(objects);
    assert.deepEqual(breakers('u-portal', 'kiosk'), ['dc', 'srv', 'trench-x']);
    assert.deepEqual(breakers('u-portal', 'dc'), ['srv'], 'the dc service does not count its own site');
    const kioskNode = a.p.nodeIndex.get('kiosk')!;
    assert.equal(a.p.nodeKind[kioskNode], 1);
    assert.ok(!r.spofs.some((x) => x.element.id === 'kiosk'), 'failing the kiosk breaks only its own service, which does not count');
  });

  test('a service down at baseline is reported as such, not with every element', () => {
    /*   office [acc]      [srv] dc      (no link at all) */
    const { r } = check([org, site('office'), site('dc'), device('acc', 'office', 'access'), device('srv', 'dc', 'server'), app('x', ['srv']), usage('u', 'x', ['office'])]);
    assert.deepEqual(r.services[0], { upAtBaseline: false, analysed: true, survives: false, breakers: [] });
    assert.deepEqual(r.spofs, []);
  });

  test('what-if degraded: one of two lines cut leaves the service up but without redundancy', () => {
    /*
     *                 l-a ── [ra] ──┬── [srv-1] dc-1
     *   kiosk (site) <              ╳
     *                 l-b ── [rb] ──┴── [srv-2] dc-2        fin runs on srv-1 and srv-2
     *
     * Every router links to both servers. The kiosk survives every single failure; with
     * l-a cut it is still up, but l-b (or rb) alone would now break it: degraded.
     */
    const objects = [
      org,
      site('kiosk'),
      site('pop-a'),
      site('pop-b'),
      site('dc-1'),
      site('dc-2'),
      device('ra', 'pop-a'),
      device('rb', 'pop-b'),
      device('srv-1', 'dc-1', 'server'),
      device('srv-2', 'dc-2', 'server'),
      link('l-a', 'kiosk', 'ra'),
      link('l-b', 'kiosk', 'rb'),
      link('l-a1', 'ra', 'srv-1'),
      link('l-a2', 'ra', 'srv-2'),
      link('l-b1', 'rb', 'srv-1'),
      link('l-b2', 'rb', 'srv-2'),
      app('fin', ['srv-1', 'srv-2']),
      usage('u-fin', 'fin', ['kiosk']),
    ];
    const { a, r } = check(objects);
    assert.equal(r.services[0]!.survives, true);
    const w = whatIf(a.p, a.m, ['l-a']);
    assert.deepEqual([w.down, w.degraded], [[], [0]]);
    assert.deepEqual(w.under?.services[0]?.breakers.map((b) => b.id).sort(byId), ['l-b', 'pop-b', 'rb']);
    const both = whatIf(a.p, a.m, ['l-a', 'l-b'], { degraded: false });
    assert.deepEqual([both.down, both.degraded], [[0], []]);
    const far = whatIf(a.p, a.m, ['l-a1']);
    assert.deepEqual([far.down, far.degraded], [[], []], 'one server link less: still two ways everywhere');
  });
});

// ---- Generated estates ----------------------------------------------------------------------

describe('generated estates', () => {
  test('the small preset agrees with the oracle on every service and element', () => {
    const estate = generatedEstate({ seed: 1, preset: 'small' });
    const p = buildProjection(estate);
    const a = { estate, p, m: buildServices(p, estate) };
    const o = oracleView(estate);
    for (const tuning of [{}, { budget: 0 }, { maxSubtrees: 0 }] satisfies SurvivabilityOptions['tuning'][])
      assertSameAsOracle(a, analyzeSurvivability(p, a.m, { tuning }), o, `small preset ${JSON.stringify(tuning)}: `);
  });

  test('the region preset: no search per (service × element), and the same answer without shortcuts', () => {
    const estate = generatedEstate({ seed: 5, preset: 'region' });
    const p = buildProjection(estate);
    const m = buildServices(p, estate);
    const r = analyzeSurvivability(p, m);
    const elements = p.nodeCount + p.edgeCount + p.siteIds.length + p.riskGroupIds.length;
    // Candidates per service are a few elements, not all of them; the passes for sites
    // and risk groups are local: on average a small part of the graph each.
    assert.ok(r.stats.nodeChecks + r.stats.linkChecks < (m.count * elements) / 100, JSON.stringify(r.stats));
    assert.ok(r.stats.expanded < (r.stats.multiPasses + 1) * (p.nodeCount + 2 * p.edgeCount) * 0.05, JSON.stringify(r.stats));
    // Forcing a full component pass for every site and risk group gives the same result.
    const plain = analyzeSurvivability(p, m, { tuning: { budget: 0 } });
    assert.deepEqual(plain.services, r.services);
    assert.deepEqual(plain.spofs, r.spofs);
  });
});

// ---- The OWL-IT example ---------------------------------------------------------------------

describe('the OWL-IT example', () => {
  const at = (date: string, plan?: string): Analysed => {
    const estate = owlAt(date, plan);
    const p = buildProjection(estate);
    return { estate, p, m: buildServices(p, estate) };
  };

  test('2026-11-27: the weak spots it was built with, and nothing else', () => {
    const a = at('2026-11-27');
    const r = analyzeSurvivability(a.p, a.m);
    assertSameAsOracle(a, r, oracleView(a.estate), '2026-11-27: ');
    assert.equal(a.m.count, 150);
    const spof = new Map(r.spofs.map((x) => [x.element.id, x.breaks]));
    const users = (list: readonly number[]) => list.reduce((t, s) => t + a.m.users[s]!, 0);
    const tenants = (list: readonly number[]) => new Set(list.map((s) => a.m.tenant[s])).size;

    assert.deepEqual([...spof.keys()].sort(byId), [
      'duct-lemgo-nord',
      'lem-vmc-a',
      'lemgo-dc',
      'luegde-rathaus-ar-1',
      'node-blomberg',
      'power-lemgo-usv-a',
      'power-pb-umspannwerk',
      'rt-blomberg',
      'up-luegde-rathaus-ar-1',
    ]);
    const duct = spof.get('duct-lemgo-nord')!;
    assert.deepEqual([duct.length, users(duct)], [84, 7410]);
    const power = spof.get('power-pb-umspannwerk')!;
    assert.deepEqual([power.length, users(power)], [42, 5885]);
    for (const id of ['luegde-rathaus-ar-1', 'up-luegde-rathaus-ar-1', 'rt-blomberg', 'node-blomberg']) {
      const list = spof.get(id)!;
      assert.equal(list.length, 5, id);
      assert.ok(list.every((s) => a.p.siteIds[a.m.site[s]!] === 'luegde-rathaus'), id);
      assert.equal(users(list), 54, id);
    }
    for (const id of ['lem-vmc-a', 'power-lemgo-usv-a']) {
      const list = spof.get(id)!;
      assert.ok(list.every((s) => a.m.application[s] === 'ratsinfo'), id);
      assert.deepEqual([list.length, tenants(list), users(list)], [28, 28, 1139], id);
    }
    assert.equal(spof.get('lemgo-dc')!.length, a.m.count, 'the only data center breaks everything');
  });

  test('2018-10-01: the temporary window where rt-pb-nord breaks Altenbeken', () => {
    const a = at('2018-10-01');
    const r = analyzeSurvivability(a.p, a.m);
    assertSameAsOracle(a, r, oracleView(a.estate), '2018-10-01: ');
    const sites = (id: string) => new Set(r.spofs.find((x) => x.element.id === id)!.breaks.map((s) => a.p.siteIds[a.m.site[s]!]));
    assert.deepEqual([...sites('rt-pb-nord')], ['altenbeken-rathaus']);
    assert.equal(r.spofs.find((x) => x.element.id === 'rt-pb-nord')!.breaks.length, 3);
  });

  test('plan zweite-hauseinfuehrung: the duct is no longer a single point of failure', () => {
    const a = at('2027-05-01', 'zweite-hauseinfuehrung');
    const r = analyzeSurvivability(a.p, a.m);
    const ids = new Set(r.spofs.map((x) => x.element.id));
    assert.ok(!ids.has('duct-lemgo-nord'));
    assert.ok(ids.has('power-pb-umspannwerk') && ids.has('rt-blomberg'));
  });

  test('what-if: trench-detmolder-str takes nothing down but leaves Paderborn on one line', () => {
    const a = at('2026-11-27');
    const baseline = analyzeSurvivability(a.p, a.m);
    const w = whatIf(a.p, a.m, ['trench-detmolder-str'], { baseline, weakened: true });
    const before = oracleView(a.estate);
    const after = oracleView(a.estate, ['trench-detmolder-str']);
    assert.deepEqual(w.down, []);
    // No service survives every single failure here (lemgo-dc breaks them all), so none
    // can be "degraded"; "weakened" shows the ones that lost a line.
    assert.deepEqual(w.degraded, []);
    const weakened = before.services.flatMap((_, s) => (after.up[s] && after.breakers[s]!.some((e) => !before.breakers[s]!.includes(e)) ? [s] : []));
    assert.deepEqual(w.weakened, weakened);
    const sites = new Set(w.weakened.map((s) => a.p.siteIds[a.m.site[s]!]));
    assert.ok(sites.has('pb-rathaus') && sites.has('pb-gkd-haus'), [...sites].join(' '));
    const newBreakers = new Set(w.weakened.flatMap((s) => w.under!.services[s]!.breakers.map((e) => e.id)));
    assert.ok(newBreakers.has('trench-senne'), 'line B is now a single point of failure');
    assert.deepEqual(whatIf(a.p, a.m, ['duct-lemgo-nord'], { baseline, degraded: false }).down, baseline.spofs.find((x) => x.element.id === 'duct-lemgo-nord')!.breaks);
  });
});
