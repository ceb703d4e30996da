/**
 * Independent paths evidence (docs/analysis.md, "paths FROM TO"): two paths that share no link, no device (bar an end
 * that is the only node of its side), no site and no risk group — or a proven reason why
 * none exist. Hand-drawn cases, the OWL-IT example, and a brute-force oracle on random
 * small graphs.
 */
import { generatedEstate, owlChangeSets } from './helpers/estates.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { disjointPaths, nodeLinkDisjointPaths, pathsJson, type DisjointPathsResult, type NodeLinkDisjointResult, type Path } from '../src/engine/disjointPaths.js';
import { connectedComponents } from '../src/graph/connectedComponents.js';
import { failElements } from '../src/engine/failElements.js';
import { buildProjection, type Projection } from '../src/engine/projection.js';
import { buildServices } from '../src/engine/services.js';
import { datacenterSites, redundancyVerdicts, serviceShareSites } from '../src/engine/redundancy.js';
import { analyzeSurvivability } from '../src/engine/survivability.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';
import { analysedRecipe, recipes } from './helpers/randomEstates.js';
import { oracleBreakers, oracleElements, oracleIsUp, oracleServices } from './helpers/serviceOracle.js';
import { estateAt } from '../src/timeline/replay.js';
import { parseInstant } from '../src/timeline/time.js';
import { independentMasks, independentPair, oracleCut, oraclePair, oracleWorld, refKey, type OracleWorld } from './helpers/pathsOracle.js';

// ---------------------------------------------------------------------------------------
// A small estate from a sketch.

interface Sketch {
  /** Device → its site. A node not listed here is a site without devices. */
  devices?: Record<string, string>;
  /** [link id, a, b, risk groups]. */
  links: [string, string, string, string[]?][];
  /** Device → its risk groups. */
  groups?: Record<string, string[]>;
}

function sketch(s: Sketch): Projection {
  const devices = s.devices ?? {};
  const sites = new Set<string>(Object.values(devices));
  const rgs = new Set<string>();
  for (const [, a, b, g] of s.links) {
    for (const v of [a, b]) if (!(v in devices)) sites.add(v);
    for (const x of g ?? []) rgs.add(x);
  }
  for (const list of Object.values(s.groups ?? {})) for (const x of list) rgs.add(x);
  const objects = [
    ...[...sites].map((id) => ({ kind: 'site', id, name: id, type: 'office' })),
    ...[...rgs].map((id) => ({ kind: 'risk-group', id, name: id, type: 'duct' })),
    ...Object.entries(devices).map(([id, site]) => ({ kind: 'device', id, name: id, site, role: 'router', risk_groups: s.groups?.[id] })),
    ...s.links.map(([id, a, b, g]) => ({ kind: 'link', id, a, b, type: 'fibre', risk_groups: g })),
  ];
  return buildProjection(objects as unknown as StoredObject[]);
}

const nodes = (p: Projection, ids: string[]): number[] => ids.map((id) => p.nodeIndex.get(id)!);

// ---------------------------------------------------------------------------------------
// Checking an answer against the oracle.

/** Path mask from the oracle's enumeration (the engine's paths are among the oracle's). */
function maskOf(w: OracleWorld, path: Path): number {
  const found = w.paths.find((x) => x.nodes.length === path.nodes.length && x.nodes.every((v, i) => v === path.nodes[i]) && x.edges.every((e, i) => e === path.edges[i]));
  assert.ok(found, `path ${path.nodes.join('-')} is not a simple path from a start to an end`);
  return found.hit;
}

function checkPathShape(p: Projection, path: Path, from: Set<number>, to: Set<number>): void {
  assert.equal(path.nodes.length, path.edges.length + 1);
  path.edges.forEach((e, i) => {
    const [a, b] = [p.edgeA[e]!, p.edgeB[e]!];
    const [u, v] = [path.nodes[i]!, path.nodes[i + 1]!];
    assert.ok((a === u && b === v) || (a === v && b === u), `link ${p.edgeIds[e]} does not join ${p.nodeIds[u]} and ${p.nodeIds[v]}`);
  });
  assert.ok(from.has(path.nodes[0]!), 'starts at a start node');
  assert.ok(to.has(path.nodes.at(-1)!), 'ends at an end node');
  assert.ok(path.nodes.slice(1).every((v) => !from.has(v)), 'trimmed: one start node');
  assert.ok(path.nodes.slice(0, -1).every((v) => !to.has(v)), 'trimmed: one end node');
}

interface Checked {
  world: OracleWorld;
}

/** Verifies a result of disjointPaths against the oracle; `unknown` only if allowed. */
function verify(p: Projection, from: number[], to: number[], r: DisjointPathsResult, dead: { nodes?: Uint8Array; edges?: Uint8Array } = {}, allowUnknown = false, shareSites?: readonly number[]): Checked {
  const w = oracleWorld(p, from, to, dead, shareSites);
  const F = new Set(from.filter((v) => dead.nodes?.[v] !== 1));
  const T = new Set(to.filter((v) => dead.nodes?.[v] !== 1));
  const expected = oraclePair(w);
  if (r.status === 'unknown') {
    assert.ok(allowUnknown, `unknown with the default budget: ${r.reason}`);
    return { world: w };
  }
  if (r.status === 'found') {
    for (const x of r.paths) checkPathShape(p, x, F, T);
    const [a, b] = r.paths.map((x) => maskOf(w, x)) as [number, number];
    assert.ok(independentMasks(w, a, b), 'the pair found is independent');
    return { world: w };
  }
  assert.equal(expected, null, `none, but the oracle has a pair: ${expected?.map((i) => w.paths[i]!.nodes.map((v) => p.nodeIds[v]).join('-')).join(' | ')}`);
  const reason = r.reason;
  if (reason.kind === 'disconnected') {
    assert.equal(w.paths.length, 0);
    return { world: w };
  }
  const keys = reason.elements.map(refKey);
  assert.ok(keys.length > 0, 'a reason names something');
  if (reason.kind === 'cut') {
    assert.deepEqual([...keys].sort(), oracleCut(w).sort(), 'the cut lists every element on every path');
    // The one path there is comes with it (the map draws it): a real path, across the cut.
    checkPathShape(p, reason.path, F, T);
    for (const k of keys) assert.ok((maskOf(w, reason.path) & w.bit.get(k)!) !== 0, `the path crosses ${k}`);
    return { world: w };
  }
  assert.deepEqual(oracleCut(w), [], 'shared only when no element is on every path');
  assert.notEqual(oraclePair(w, w.nodeLink), null, 'shared only when device- and link-disjoint pairs exist');
  let counted = w.nodeLink;
  for (const k of keys) {
    assert.ok((w.groups & w.bit.get(k)!) !== 0, `${k} is a risk group or site`);
    counted |= w.bit.get(k)!;
  }
  assert.equal(oraclePair(w, counted), null, 'every device- and link-disjoint pair shares one of the reason');
  if (reason.minimal) for (const k of keys) assert.notEqual(oraclePair(w, counted & ~w.bit.get(k)!), null, `${k} is needed in the reason`);
  return { world: w };
}

/** Verifies a result of nodeLinkDisjointPaths against the oracle. */
function verifyPlain(p: Projection, from: number[], to: number[], r: NodeLinkDisjointResult, dead: { nodes?: Uint8Array; edges?: Uint8Array } = {}, shareSites?: readonly number[]): void {
  const w = oracleWorld(p, from, to, dead, shareSites);
  const F = new Set(from.filter((v) => dead.nodes?.[v] !== 1));
  const T = new Set(to.filter((v) => dead.nodes?.[v] !== 1));
  if (r.status === 'found') {
    for (const x of r.paths) checkPathShape(p, x, F, T);
    const [a, b] = r.paths.map((x) => maskOf(w, x)) as [number, number];
    assert.ok(independentMasks(w, a, b, w.nodeLink), 'the pair shares no device and no link');
    return;
  }
  assert.equal(oraclePair(w, w.nodeLink), null);
  if (r.reason.kind === 'disconnected') assert.equal(w.paths.length, 0);
  else {
    assert.deepEqual(r.reason.elements.map(refKey).sort(), oracleCut(w, w.nodeLink).sort());
    checkPathShape(p, r.reason.path, F, T);
  }
}

/** Runs both analyses, checks them, and returns the JSON views. */
function both(p: Projection, fromIds: string[], toIds: string[], options: Parameters<typeof disjointPaths>[3] = {}) {
  const from = nodes(p, fromIds);
  const to = nodes(p, toIds);
  const r = disjointPaths(p, from, to, options);
  const dead = options.failed ? { nodes: options.failed.nodes, edges: options.failed.edges } : {};
  verify(p, from, to, r, dead as { nodes?: Uint8Array; edges?: Uint8Array });
  const plain = nodeLinkDisjointPaths(p, from, to, options);
  verifyPlain(p, from, to, plain, dead as { nodes?: Uint8Array; edges?: Uint8Array });
  return { r, srlg: pathsJson(p, r), plain: pathsJson(p, plain) };
}

const reasonIds = (j: ReturnType<typeof pathsJson>): string[] => j.reason?.elements.map((e) => e.id) ?? [];

// ---------------------------------------------------------------------------------------

describe('independent paths: hand-drawn cases', () => {
  test('two fibre lines in one duct: none, the duct is the reason', () => {
    /*
     *          l-ax     x    l-xb (duct-b)
     *       ┌──────────  ●  ───────────┐
     *   a ●─┤                          ├─● b     both lines enter b through one duct
     *       └──────────  ●  ───────────┘
     *          l-ay     y    l-yb (duct-b)
     */
    const p = sketch({ links: [['l-ax', 'a', 'x'], ['l-xb', 'x', 'b', ['duct-b']], ['l-ay', 'a', 'y'], ['l-yb', 'y', 'b', ['duct-b']]] });
    const { srlg, plain } = both(p, ['a'], ['b']);
    assert.equal(srlg.status, 'none');
    assert.equal(srlg.reason?.kind, 'cut');
    assert.deepEqual(srlg.reason?.elements, [{ kind: 'risk-group', id: 'duct-b' }]);
    assert.match(srlg.reason!.message, /every path crosses duct-b/);
    assert.equal(plain.status, 'found', 'device- and link-disjoint all the same: survivable and SRLG-disjoint differ');
  });

  test('a ring: found, one path each way round', () => {
    /*
     *        r1 ─── r2
     *       /         \         every link in its own trench
     *     a             b
     *       \         /
     *        r4 ─── r3
     */
    const p = sketch({
      links: [['l1', 'a', 'r1', ['t1']], ['l2', 'r1', 'r2', ['t2']], ['l3', 'r2', 'b', ['t3']], ['l4', 'b', 'r3', ['t4']], ['l5', 'r3', 'r4', ['t5']], ['l6', 'r4', 'a', ['t6']]],
    });
    const { srlg, plain } = both(p, ['a'], ['b']);
    assert.equal(srlg.status, 'found');
    assert.deepEqual(srlg.paths.map((x) => x.nodes.join(' ')).sort(), ['a r1 r2 b', 'a r4 r3 b']);
    assert.equal(srlg.reason, null);
    assert.equal(plain.status, 'found');
  });

  test('a bridge: none, the bridge and the devices at its ends are the reason', () => {
    /*
     *   a ─── b              e ─── f
     *    \   /                \   /
     *      c ───── br ───────── d
     */
    const p = sketch({
      devices: { a: 'A', b: 'B', c: 'C', d: 'D', e: 'E', f: 'F' },
      links: [['ab', 'a', 'b'], ['bc', 'b', 'c'], ['ca', 'c', 'a'], ['br', 'c', 'd'], ['de', 'd', 'e'], ['ef', 'e', 'f'], ['fd', 'f', 'd']],
    });
    const { srlg, plain } = both(p, ['a'], ['e']);
    assert.equal(srlg.status, 'none');
    assert.deepEqual(srlg.reason?.elements, [{ kind: 'device', id: 'c' }, { kind: 'device', id: 'd' }, { kind: 'link', id: 'br' }]);
    assert.deepEqual(plain.reason?.elements, srlg.reason?.elements, 'Menger: the plain check names the same single points');
  });

  test('parallel links: in one trench none, in two trenches found', () => {
    /*
     *        l1 (trench t)
     *   a ═══════════════ b
     *        l2 (trench t, or u)
     */
    const same = sketch({ links: [['l1', 'a', 'b', ['t']], ['l2', 'a', 'b', ['t']]] });
    const one = both(same, ['a'], ['b']);
    assert.equal(one.srlg.status, 'none');
    assert.deepEqual(reasonIds(one.srlg), ['t']);
    assert.equal(one.plain.status, 'found');

    const apart = sketch({ links: [['l1', 'a', 'b', ['t']], ['l2', 'a', 'b', ['u']]] });
    const two = both(apart, ['a'], ['b']);
    assert.equal(two.srlg.status, 'found');
    assert.deepEqual(two.srlg.paths.map((x) => x.links[0]).sort(), ['l1', 'l2']);
  });

  test('device- and link-disjoint but not SRLG-disjoint: every pair shares some group, no group is shared by all', () => {
    /*
     *          ┌── x ──┐        routes A (via x), B (via y), C (via z)
     *          │       │        g-ab = {s-x, s-y}   A and B share it
     *     s ───┼── y ──┼─── t   g-bc = {y-t, z-t}   B and C
     *          │       │        g-ac = {x-t, s-z}   A and C
     *          └── z ──┘        removing any one group leaves a route: no cut
     */
    const p = sketch({
      links: [['sx', 's', 'x', ['g-ab']], ['xt', 'x', 't', ['g-ac']], ['sy', 's', 'y', ['g-ab']], ['yt', 'y', 't', ['g-bc']], ['sz', 's', 'z', ['g-ac']], ['zt', 'z', 't', ['g-bc']]],
    });
    const { r, srlg, plain } = both(p, ['s'], ['t']);
    assert.equal(plain.status, 'found');
    assert.equal(srlg.status, 'none');
    assert.equal(srlg.reason?.kind, 'shared');
    assert.equal(srlg.reason?.minimal, true);
    assert.deepEqual(reasonIds(srlg).sort(), ['g-ab', 'g-ac', 'g-bc']);
    assert.ok(r.steps > 0, 'this one needs the search');
  });

  test('a trap: the cheapest first path blocks every second path, the search routes around it', () => {
    /*
     *     s ──────────── st (g1, g2) ────────────── t     the one-hop link is in both groups
     *     s ── v1 ── v12 (g1) ── v2 ── t                  route V shares g1 with st
     *     s ── w1 ── w2 ── w23 (g2) ── w3 ── t            route W shares g2 with st
     */
    const p = sketch({
      links: [
        ['st', 's', 't', ['g1', 'g2']],
        ['sv1', 's', 'v1'], ['v12', 'v1', 'v2', ['g1']], ['v2t', 'v2', 't'],
        ['sw1', 's', 'w1'], ['w12', 'w1', 'w2'], ['w23', 'w2', 'w3', ['g2']], ['w3t', 'w3', 't'],
      ],
    });
    const { r, srlg } = both(p, ['s'], ['t']);
    assert.equal(srlg.status, 'found');
    assert.deepEqual(srlg.paths.map((x) => x.nodes.join(' ')).sort(), ['s v1 v2 t', 's w1 w2 w3 t']);
    assert.ok(r.steps >= 2, `branched (${r.steps} search nodes)`);
  });

  describe('end points', () => {
    test('a single start node is shared, and so is a power feed of it', () => {
      /*
       *        ┌── r1 ──┐
       *   a ●──┤        ├──● dc        feed p: a and r1 (holds the only start: outside the question)
       *        └── r2 ──┘              feed q: r1 and r2 (a shared risk)
       */
      const links: Sketch['links'] = [['a1', 'a', 'r1'], ['a2', 'a', 'r2'], ['d1', 'r1', 'dc'], ['d2', 'r2', 'dc']];
      const devices = { a: 'office', r1: 'n1', r2: 'n2', dc: 'DC' };
      const fine = both(sketch({ devices, links, groups: { a: ['p'], r1: ['p'] } }), ['a'], ['dc']);
      assert.equal(fine.srlg.status, 'found', 'the only start node and its feed are outside the question');
      assert.deepEqual(fine.srlg.paths.map((x) => x.from), ['a', 'a']);
      assert.deepEqual(fine.srlg.paths.map((x) => x.to), ['dc', 'dc']);

      const shared = both(sketch({ devices, links, groups: { r1: ['q'], r2: ['q'] } }), ['a'], ['dc']);
      assert.equal(shared.srlg.status, 'none');
      assert.deepEqual(reasonIds(shared.srlg), ['q']);
    });

    test('two attach points: the paths start at different ones; a feed of one attach point and a router of the other path conflict', () => {
      /*
       *   office: a1 ── r1 ──┐
       *                      ├── dc
       *   office: a2 ── r2 ──┘        power feed p: a1 and r2 (or a1 and a2)
       */
      const links: Sketch['links'] = [['a1r1', 'a1', 'r1'], ['a2r2', 'a2', 'r2'], ['r1dc', 'r1', 'dc'], ['r2dc', 'r2', 'dc'], ['a1a2', 'a1', 'a2']];
      const devices = { a1: 'office', a2: 'office', r1: 'n1', r2: 'n2', dc: 'DC' };
      const cross = both(sketch({ devices, links, groups: { a1: ['p'], r2: ['p'] } }), ['a1', 'a2'], ['dc']);
      assert.equal(cross.srlg.status, 'none');
      assert.deepEqual(reasonIds(cross.srlg), ['p']);

      const site = both(sketch({ devices, links, groups: { a1: ['p'], a2: ['p'] } }), ['a1', 'a2'], ['dc']);
      assert.equal(site.srlg.status, 'found', 'a feed of every attach point is outside the question, like the site');
      assert.deepEqual(site.srlg.paths.map((x) => x.from).sort(), ['a1', 'a2']);

      const single = both(sketch({ devices, links: links.filter(([id]) => id !== 'a2r2') }), ['a1', 'a2'], ['dc']);
      assert.equal(single.srlg.status, 'none', 'both paths would have to leave through a1');
      assert.deepEqual(reasonIds(single.srlg), ['a1', 'r1', 'a1r1', 'r1dc']);
    });

    test('instances in two data centers: the paths reach both; a data-center site holding every instance is outside the question', () => {
      /*
       *          ┌── x1 ── v1a ┐
       *     a ───┤             │  dc1: x1, x2, v1a, v1b      dc2: y, v2
       *          └── x2 ── v1b ┘
       *     a ─── y ─── v2            (dropped in the second case)
       */
      const devices = { a: 'office', x1: 'dc1', x2: 'dc1', v1a: 'dc1', v1b: 'dc1', y: 'dc2', v2: 'dc2' };
      const links: Sketch['links'] = [['ax1', 'a', 'x1'], ['ax2', 'a', 'x2'], ['x1v', 'x1', 'v1a'], ['x2v', 'x2', 'v1b'], ['ay', 'a', 'y'], ['yv', 'y', 'v2']];
      const geo = both(sketch({ devices, links }), ['a'], ['v1a', 'v1b', 'v2']);
      assert.equal(geo.srlg.status, 'found');
      assert.deepEqual(geo.srlg.paths.map((x) => x.to).sort().at(-1), 'v2', 'one path goes to the second data center');

      const noDc2 = both(sketch({ devices, links: links.slice(0, 4) }), ['a'], ['v1a', 'v1b', 'v2']);
      assert.equal(noDc2.srlg.status, 'none');
      assert.deepEqual(noDc2.srlg.reason?.elements, [{ kind: 'site', id: 'dc1' }]);

      const oneDc = both(sketch({ devices, links }), ['a'], ['v1a', 'v1b']);
      assert.equal(oneDc.srlg.status, 'found', 'dc1 holds every instance asked for');
    });

    test('a start that is also an end: two paths of no hops', () => {
      const p = sketch({ links: [['l', 'a', 'b']] });
      const { srlg } = both(p, ['a'], ['a']);
      assert.equal(srlg.status, 'found');
      assert.deepEqual(srlg.paths.map((x) => x.nodes), [['a'], ['a']]);
    });
  });

  test('failures: a failed link turns the ring into a line; failed ends leave nothing', () => {
    const p = sketch({ links: [['l1', 'a', 'r1'], ['l2', 'r1', 'b'], ['l3', 'b', 'r2'], ['l4', 'r2', 'a']] });
    const cut = both(p, ['a'], ['b'], { failed: failElements(p, ['l3']).mask });
    assert.equal(cut.srlg.status, 'none');
    assert.deepEqual(reasonIds(cut.srlg), ['r1', 'l1', 'l2']);
    const gone = both(p, ['a'], ['b'], { failed: failElements(p, ['a']).mask });
    assert.equal(gone.srlg.reason?.kind, 'disconnected');
    assert.equal(gone.plain.reason?.kind, 'disconnected');
    assert.throws(() => disjointPaths(p, [99], [0]), RangeError);
  });

  test('the budget: unknown when it runs out, never a guess', () => {
    const p = sketch({
      links: [['sx', 's', 'x', ['g-ab']], ['xt', 'x', 't', ['g-ac']], ['sy', 's', 'y', ['g-ab']], ['yt', 'y', 't', ['g-bc']], ['sz', 's', 'z', ['g-ac']], ['zt', 'z', 't', ['g-bc']]],
    });
    const [s, t] = nodes(p, ['s', 't']);
    for (const limit of [0, 1]) {
      const r = disjointPaths(p, [s!], [t!], { limit });
      assert.equal(r.status, 'unknown', `limit ${limit}`);
      assert.match(pathsJson(p, r).reason!.message, /limit/);
      assert.equal(pathsJson(p, r).reason!.kind, 'limit');
    }
    assert.equal(disjointPaths(p, [s!], [t!], { limit: 100, timeLimitMs: 60_000 }).status, 'none');
    // Certificates need no budget: a cut is found with a limit of 0.
    const duct = sketch({ links: [['l1', 'a', 'b', ['t']], ['l2', 'a', 'b', ['t']]] });
    assert.equal(disjointPaths(duct, nodes(duct, ['a']), nodes(duct, ['b']), { limit: 0 }).status, 'none');
  });
});

// ---------------------------------------------------------------------------------------

/** A random small estate: nodes on sites (some sites without devices), links, risk groups, ends, failures. */
const arbCase = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    site: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: n, maxLength: n }),
    bare: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    edges: fc.array(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
      { maxLength: 11 },
    ),
    groups: fc.array(fc.record({ nodes: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), edges: fc.array(fc.nat(10), { maxLength: 3 }) }), { maxLength: 4 }),
    from: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }),
    to: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }),
    deadNode: fc.option(fc.integer({ min: 0, max: n - 1 }), { freq: 6 }),
    deadEdge: fc.option(fc.nat(10), { freq: 4 }),
  }),
);

type Case = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case): { p: Projection; from: number[]; to: number[]; dead: { nodes: Uint8Array; edges: Uint8Array } } {
  const n = c.site.length;
  const count = new Map<number, number>();
  for (const s of c.site) count.set(s, (count.get(s) ?? 0) + 1);
  const bare = (i: number): boolean => count.get(c.site[i]!) === 1 && c.bare[i]!;
  const id = (i: number): string => (bare(i) ? `s${c.site[i]}` : `d${i}`);
  const m = c.edges.length;
  const groupsOf = (pred: (g: Case['groups'][number]) => boolean): string[] => c.groups.flatMap((g, k) => (pred(g) ? [`g${k}`] : []));
  const objects = [
    ...[...count.keys()].map((s) => ({ kind: 'site', id: `s${s}`, name: 's', type: 'office' })),
    ...c.groups.map((_, k) => ({ kind: 'risk-group', id: `g${k}`, name: 'g', type: 'trench' })),
    ...Array.from({ length: n }, (_, i) => i)
      .filter((i) => !bare(i))
      .map((i) => ({ kind: 'device', id: `d${i}`, name: 'd', site: `s${c.site[i]}`, role: 'router', risk_groups: groupsOf((g) => g.nodes.includes(i)) })),
    ...c.edges.map(([a, b], e) => ({ kind: 'link', id: `l${e}`, a: id(a), b: id(b), type: 'fibre', risk_groups: groupsOf((g) => g.edges.some((x) => x % Math.max(m, 1) === e)) })),
  ];
  const p = buildProjection(objects as unknown as StoredObject[]);
  const at = (i: number): number => p.nodeIndex.get(id(i))!;
  const dead = { nodes: new Uint8Array(p.nodeCount), edges: new Uint8Array(p.edgeCount) };
  if (c.deadNode !== null) dead.nodes[at(c.deadNode)] = 1;
  if (c.deadEdge !== null && m > 0) dead.edges[p.edgeIndex.get(`l${c.deadEdge % m}`)!] = 1;
  return { p, from: c.from.map(at), to: c.to.map(at), dead };
}

describe('independent paths: brute-force oracle on random small estates', () => {
  test('found is independent, none agrees with the oracle with a true reason, never unknown', () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(arbCase, (c) => {
        const { p, from, to, dead } = build(c);
        const r = disjointPaths(p, from, to, { failed: dead });
        verify(p, from, to, r, dead);
        verifyPlain(p, from, to, nodeLinkDisjointPaths(p, from, to, { failed: dead }), dead);
        const key = r.status === 'none' ? r.reason.kind : r.status;
        seen[key] = (seen[key] ?? 0) + 1;
      }),
      { numRuns: 3000, seed: 20261127 },
    );
    if (process.env.PATHS_STATS) console.log(seen);
    for (const kind of ['found', 'disconnected', 'cut', 'shared']) assert.ok((seen[kind] ?? 0) > 0, `the generator reaches ${kind}: ${JSON.stringify(seen)}`);
  });

  test('on two-connected estates with many risk groups the search works hard, and stays right', () => {
    // A ring of 6 with 3 chords and up to 6 risk groups: no single device or link cut, many traps.
    const arbDense = fc.record({
      chords: fc.array(fc.tuple(fc.nat(5), fc.nat(5)).filter(([a, b]) => a !== b), { minLength: 2, maxLength: 4 }),
      groups: fc.array(fc.uniqueArray(fc.nat(9), { minLength: 2, maxLength: 3 }), { minLength: 3, maxLength: 6 }),
      ends: fc.tuple(fc.nat(5), fc.nat(5)).filter(([a, b]) => a !== b),
    });
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(arbDense, ({ chords, groups, ends }) => {
        const edges: [number, number][] = [...Array.from({ length: 6 }, (_, i): [number, number] => [i, (i + 1) % 6]), ...chords];
        const objects = [
          ...Array.from({ length: 6 }, (_, i) => ({ kind: 'site', id: `n${i}`, name: 'n', type: 'node' })),
          ...groups.map((_, k) => ({ kind: 'risk-group', id: `g${k}`, name: 'g', type: 'trench' })),
          ...edges.map(([a, b], e) => ({ kind: 'link', id: `l${e}`, a: `n${a}`, b: `n${b}`, type: 'fibre', risk_groups: groups.flatMap((g, k) => (g.includes(e) ? [`g${k}`] : [])) })),
        ];
        const p = buildProjection(objects as unknown as StoredObject[]);
        const from = [p.nodeIndex.get(`n${ends[0]}`)!];
        const to = [p.nodeIndex.get(`n${ends[1]}`)!];
        const r = disjointPaths(p, from, to);
        verify(p, from, to, r);
        const key = r.status === 'none' ? r.reason.kind : r.status;
        seen[key] = (seen[key] ?? 0) + 1;
      }),
      { numRuns: 1500, seed: 42 },
    );
    if (process.env.PATHS_STATS) console.log(seen);
    assert.ok((seen.shared ?? 0) > 0 && (seen.found ?? 0) > 0 && (seen.cut ?? 0) > 0, JSON.stringify(seen));
  });

  test('with a tiny budget the answer is unknown or right', () => {
    fc.assert(
      fc.property(arbCase, fc.integer({ min: 0, max: 2 }), (c, limit) => {
        const { p, from, to, dead } = build(c);
        verify(p, from, to, disjointPaths(p, from, to, { failed: dead, limit }), dead, true);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

// ---------------------------------------------------------------------------------------

describe('service paths agree with check (brute-force oracles on random estates)', () => {
  test('every usage of an application without dependencies: found ⇒ redundant; redundant and none ⇒ no independent pair, reason shared; never unknown', () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(recipes(4, 3, 8), (recipe) => {
        const { estate, p, m, dc, verdicts, datacenters } = analysedRecipe(recipe);
        // The survivability oracle, independently of the engine's verdicts.
        const elements = oracleElements(estate);
        oracleServices(estate).forEach((o, s) => {
          if (o.needs.length > 1) return; // dependencies: paths to one application's instances cannot decide it
          const up = oracleIsUp(estate, o, new Set(), new Set());
          const redundant = up && oracleBreakers(estate, o, elements).every((id) => datacenters.has(id));
          assert.equal(verdicts[s]!.redundant, redundant, 'the engine agrees with the survivability oracle');
          const from = Array.from(m.attach.members.subarray(m.attach.offsets[s]!, m.attach.offsets[s + 1]!));
          const a = m.appIndex.get(o.application)!;
          const to = Array.from(m.appInstances.members.subarray(m.appInstances.offsets[a]!, m.appInstances.offsets[a + 1]!));
          if (to.length === 0) {
            assert.equal(redundant, false, 'no instance, no redundancy');
            seen['no instances'] = (seen['no instances'] ?? 0) + 1;
            return;
          }
          const shareSites = serviceShareSites(m.site[s]!, dc);
          const r = disjointPaths(p, from, to, { shareSites });
          // Unknown fails here: it never counts as agreement.
          verify(p, from, to, r, {}, false, shareSites);
          verifyPlain(p, from, to, nodeLinkDisjointPaths(p, from, to, { shareSites }), {}, shareSites);
          if (r.status === 'found') assert.ok(redundant, `found, yet ${o.usage}@${o.site} is not redundant`);
          if (r.status === 'none' && redundant) assert.equal(r.reason.kind, 'shared', 'redundant without a pair: several groups together, none alone');
          if (r.status === 'none' && r.reason.kind === 'cut') assert.ok(!redundant, 'an element on every path is a breaker');
          const key = r.status === 'none' ? `${redundant ? 'redundant, ' : ''}${r.reason.kind}` : r.status;
          seen[key] = (seen[key] ?? 0) + 1;
        });
      }),
      { numRuns: 1500, seed: 20261203 },
    );
    if (process.env.PATHS_STATS) console.log(seen);
    for (const kind of ['found', 'cut', 'disconnected', 'no instances', 'redundant, shared']) assert.ok((seen[kind] ?? 0) > 0, `the generator reaches ${kind}: ${JSON.stringify(seen)}`);
  });

  test('several risk groups together cut every pair although none does alone: redundant, and none with that reason', () => {
    /*
     *     office                      dc
     *      a1 ──── L1 (g1) ──── i1      device-disjoint pairs: {L1, L2} share g1,
     *         ╲── L3 (g2) ──╱           {L3, L4} share g2; every other pair shares
     *         ╱── L4 (g2) ──╲           an attach point or an instance.
     *      a2 ──── L2 (g1) ──── i2      No single element but the dc breaks the service.
     */
    const objects = [
      { kind: 'organization', id: 'town', name: 'town', type: 'municipality' },
      { kind: 'site', id: 'office', name: 'office', type: 'office' },
      { kind: 'site', id: 'dc', name: 'dc', type: 'datacenter' },
      { kind: 'risk-group', id: 'g1', name: 'g1', type: 'trench' },
      { kind: 'risk-group', id: 'g2', name: 'g2', type: 'trench' },
      { kind: 'device', id: 'a1', name: 'a1', site: 'office', role: 'access' },
      { kind: 'device', id: 'a2', name: 'a2', site: 'office', role: 'access' },
      { kind: 'device', id: 'i1', name: 'i1', site: 'dc', role: 'server' },
      { kind: 'device', id: 'i2', name: 'i2', site: 'dc', role: 'server' },
      { kind: 'link', id: 'L1', a: 'a1', b: 'i1', type: 'fibre', risk_groups: ['g1'] },
      { kind: 'link', id: 'L2', a: 'a2', b: 'i2', type: 'fibre', risk_groups: ['g1'] },
      { kind: 'link', id: 'L3', a: 'a1', b: 'i2', type: 'fibre', risk_groups: ['g2'] },
      { kind: 'link', id: 'L4', a: 'a2', b: 'i1', type: 'fibre', risk_groups: ['g2'] },
      { kind: 'application', id: 'app', name: 'app', instances: ['i1', 'i2'] },
      { kind: 'usage', id: 'u', tenant: 'town', application: 'app', sites: ['office'] },
    ];
    const estate = new Estate(objects as StoredObject[]);
    const p = buildProjection(estate);
    const m = buildServices(p, estate);
    const dc = datacenterSites(p, estate);
    const surv = analyzeSurvivability(p, m);
    assert.deepEqual(surv.services[0]!.breakers.map((b) => b.id), ['dc']);
    assert.deepEqual(redundancyVerdicts(surv, dc)[0], { redundant: true, georedundant: false });
    const from = nodes(p, ['a1', 'a2']);
    const to = nodes(p, ['i1', 'i2']);
    const shareSites = serviceShareSites(m.site[0]!, dc);
    const r = disjointPaths(p, from, to, { shareSites });
    verify(p, from, to, r, {}, false, shareSites);
    const j = pathsJson(p, r);
    assert.equal(j.status, 'none');
    assert.equal(j.reason?.kind, 'shared');
    assert.deepEqual(reasonIds(j).sort(), ['g1', 'g2']);
    assert.match(j.reason!.message, /none of them is on every path, together they leave no independent pair/);
    // Node to node, the single ends would be shared: here both sides have two, so the answer is the same.
    assert.equal(disjointPaths(p, from, to).status, 'none');
  });

  test('a single instance is never two independent paths; node to node it is a shared end', () => {
    const p = sketch({ devices: { a1: 'office', a2: 'office', r1: 'n1', r2: 'n2', i: 'dc' }, links: [['l1', 'a1', 'r1'], ['l2', 'a2', 'r2'], ['l3', 'r1', 'i'], ['l4', 'r2', 'i']] });
    const from = nodes(p, ['a1', 'a2']);
    const to = nodes(p, ['i']);
    const service = disjointPaths(p, from, to, { shareSites: [p.siteIndex.get('office')!, p.siteIndex.get('dc')!] });
    verify(p, from, to, service, {}, false, [p.siteIndex.get('office')!, p.siteIndex.get('dc')!]);
    assert.deepEqual([pathsJson(p, service).reason?.kind, reasonIds(pathsJson(p, service))], ['cut', ['i']]);
    const nodeToNode = both(p, ['a1', 'a2'], ['i']);
    assert.equal(nodeToNode.srlg.status, 'found');
  });
});

describe('independent paths in the OWL-IT example', () => {
  const sets = owlChangeSets();

  /** The attach points of (usage, site) and the instances of its application, at a date. */
  function query(at: string, usage: string, site: string, plan?: string) {
    const { estate, problems } = estateAt(sets, parseInstant(at), plan);
    assert.deepEqual(problems, []);
    const p = buildProjection(estate);
    const m = buildServices(p, estate);
    const s = m.usage.findIndex((u, i) => u === usage && p.siteIds[m.site[i]!] === site);
    assert.ok(s >= 0, `${usage} at ${site}`);
    const from = Array.from(m.attach.members.subarray(m.attach.offsets[s]!, m.attach.offsets[s + 1]!));
    const a = m.appIndex.get(m.application[s]!)!;
    const to = Array.from(m.appInstances.members.subarray(m.appInstances.offsets[a]!, m.appInstances.offsets[a + 1]!));
    return { p, from, to };
  }

  test('pb-rathaus → finanzwesen at 2026-11-27: none; every path crosses duct-lemgo-nord (and the Paderborn power feed)', () => {
    const { p, from, to } = query('2026-11-27', 'u-paderborn-finanzwesen', 'pb-rathaus');
    assert.deepEqual(from.map((v) => p.nodeIds[v]), ['pb-rathaus-ar-1', 'pb-rathaus-ar-2']);
    assert.deepEqual(to.map((v) => p.nodeIds[v]), ['lem-vmc-a', 'lem-vmc-b']);
    const r = disjointPaths(p, from, to);
    const j = pathsJson(p, r);
    assert.equal(j.status, 'none');
    assert.equal(j.reason?.kind, 'cut');
    // The README: both lines enter Lemgo through duct-lemgo-nord, and rt-pb-nord and
    // rt-pb-west (the only routers of the town hall's two lines) hang on one substation feed.
    assert.deepEqual(reasonIds(j), ['duct-lemgo-nord', 'power-pb-umspannwerk']);
    // Device- and link-disjoint paths exist: survivable as a network, not SRLG-disjoint.
    const plain = pathsJson(p, nodeLinkDisjointPaths(p, from, to));
    assert.equal(plain.status, 'found');
    const links = plain.paths.flatMap((x) => x.links);
    assert.ok(links.includes('l-detmold-lemgo') && links.includes('l-lage-lemgo'), 'one path per Paderborn–Lemgo line');
  });

  test('with plan zweite-hauseinfuehrung (2027-05-01) the duct is gone from the reason; the power feed stays', () => {
    const { p, from, to } = query('2027-05-01', 'u-paderborn-finanzwesen', 'pb-rathaus', 'zweite-hauseinfuehrung');
    const j = pathsJson(p, disjointPaths(p, from, to));
    assert.equal(j.status, 'none');
    assert.deepEqual(reasonIds(j), ['power-pb-umspannwerk']);
  });

  test('blomberg-rathaus → finanzwesen-lippe: found on the krz ring', () => {
    const { p, from, to } = query('2026-11-27', 'u-blomberg-finanzwesen', 'blomberg-rathaus');
    const r = disjointPaths(p, from, to);
    assert.equal(r.status, 'found');
    assert.ok(independentPair(p, from, to, r.paths[0], r.paths[1]));
  });
});

describe('independent paths on the generated region estate', () => {
  test('every service of the region preset: found pairs independent, each cut element disconnects', (t) => {
    const estate = generatedEstate({ seed: 7, preset: 'region' });
    const p = buildProjection(estate);
    const m = buildServices(p, estate);
    const seen: Record<string, number> = {};
    const t0 = performance.now();
    // Every 7th service: a spread over the estate, a few hundred queries.
    for (let s = 0; s < m.count; s += 7) {
      const from = Array.from(m.attach.members.subarray(m.attach.offsets[s]!, m.attach.offsets[s + 1]!));
      const a = m.appIndex.get(m.application[s]!)!;
      const to = Array.from(m.appInstances.members.subarray(m.appInstances.offsets[a]!, m.appInstances.offsets[a + 1]!));
      const r = disjointPaths(p, from, to);
      const key = r.status === 'none' ? r.reason.kind : r.status;
      seen[key] = (seen[key] ?? 0) + 1;
      assert.notEqual(r.status, 'unknown', m.usage[s]);
      if (r.status === 'found') assert.ok(independentPair(p, from, to, r.paths[0], r.paths[1]), m.usage[s]);
      if (r.status === 'none' && r.reason.kind === 'cut') {
        for (const e of pathsJson(p, r).reason!.elements) {
          const { component } = connectedComponents(p, { failed: failElements(p, [e.id]).mask });
          const reach = new Set(from.map((v) => component[v]).filter((c) => c! >= 0));
          assert.ok(!to.some((v) => reach.has(component[v])), `${m.usage[s]}: failing ${e.id} leaves a path`);
        }
      }
    }
    const ms = performance.now() - t0;
    assert.ok((seen.found ?? 0) > 0 && (seen.cut ?? 0) > 0, JSON.stringify(seen));
    t.diagnostic(`${Math.round(ms)} ms`);
  });
});
