/**
 * The map's pure parts (web/src/pages): label placement against a brute-force greedy and its
 * promises (no overlap, priority respected), carrier colours, risk group shapes (the duct at
 * the data center, a trench along its links), the scene's label priorities, the page's state
 * and the paths it draws, the projection's inverse and the convex hull.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { declutter, intersects, type Box, type LabelCandidate } from '../web/src/pages/declutter.js';
import { CARRIER_PALETTE, carrierColours, OTHER_CARRIER } from '../web/src/pages/mapColours.js';
import { convexHull } from '../web/src/pages/convexHull.js';
import { buildModel, project, unproject } from '../web/src/pages/mapModel.js';
import { riskGroupShapes } from '../web/src/pages/mapRiskGroups.js';
import { buildScene, type SceneInput } from '../web/src/pages/mapScene.js';
import { initialMapState, mapReducer, shownPaths } from '../web/src/pages/mapState.js';
import type { Device, Link, Obj, Paths, Site, WhatIf } from '../web/src/types.js';

const box = fc.record({ x: fc.integer({ min: -20, max: 300 }), y: fc.integer({ min: -20, max: 200 }), w: fc.integer({ min: 1, max: 80 }), h: fc.integer({ min: 1, max: 20 }) });
const candidates = fc.array(fc.record({ priority: fc.integer({ min: 0, max: 4 }), boxes: fc.array(box, { minLength: 1, maxLength: 4 }) }), { maxLength: 60 });
const area = { w: 280, h: 180 };
const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.w <= area.w && b.y + b.h <= area.h;

/** The same greedy, written plainly: every label against every placed one. */
function bruteForce(cs: readonly LabelCandidate[]): { index: number; box: Box }[] {
  const order = cs.map((_, i) => i).sort((a, b) => cs[b]!.priority - cs[a]!.priority || a - b);
  const placed: { index: number; box: Box }[] = [];
  for (const index of order) {
    const b = cs[index]!.boxes.find((c) => inside(c) && placed.every((p) => !intersects(p.box, c)));
    if (b) placed.push({ index, box: b });
  }
  return placed;
}

test('declutter: no two labels overlap, a label is left out only for labels of at least its priority, as the plain greedy does', () => {
  fc.assert(
    fc.property(candidates, (cs) => {
      const placed = declutter(cs, area);
      for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) assert.ok(!intersects(placed[i]!.box, placed[j]!.box));
      assert.equal(new Set(placed.map((p) => p.index)).size, placed.length, 'each label at most once');
      for (const p of placed) assert.ok(cs[p.index]!.boxes.includes(p.box) && inside(p.box), 'a box of its own, inside the area');
      const kept = new Set(placed.map((p) => p.index));
      cs.forEach((c, i) => {
        if (kept.has(i)) return;
        for (const b of c.boxes.filter(inside)) {
          const blockers = placed.filter((p) => intersects(p.box, b));
          assert.ok(blockers.length > 0, 'a free box would have been taken');
          assert.ok(
            blockers.some((p) => cs[p.index]!.priority > c.priority || (cs[p.index]!.priority === c.priority && p.index < i)),
            'only a label that goes first takes its place',
          );
        }
      });
      assert.deepEqual(placed, bruteForce(cs));
    }),
    { numRuns: 300 },
  );
});

test('declutter: the higher priority wins a contested place; the lower takes its next box', () => {
  const here: Box = { x: 10, y: 10, w: 50, h: 12 };
  const there: Box = { x: 10, y: 30, w: 50, h: 12 };
  const placed = declutter([
    { priority: 1, boxes: [here, there] },
    { priority: 3, boxes: [here] },
  ]);
  assert.deepEqual(placed, [
    { index: 1, box: here },
    { index: 0, box: there },
  ]);
  // Touching edges are no overlap; boxes far off screen use the same grid.
  assert.equal(declutter([{ priority: 0, boxes: [{ x: 0, y: 0, w: 10, h: 10 }] }, { priority: 0, boxes: [{ x: 10, y: 0, w: 10, h: 10 }] }]).length, 2);
  assert.equal(declutter([{ priority: 0, boxes: [{ x: -5e5, y: 9e5, w: 10, h: 10 }] }, { priority: 0, boxes: [{ x: -5e5 + 5, y: 9e5, w: 10, h: 10 }] }]).length, 1);
});

// A small estate: data center D with two routers; nodes N1, N2; office O.
const site = (id: string, lat: number, lon: number, type = 'office'): Site => ({ id, kind: 'site', name: id.toUpperCase(), type, location: { lat, lon } });
const sites = [site('d', 52, 8.9, 'datacenter'), site('n1', 52.1, 8.7, 'node'), site('n2', 51.9, 8.7, 'node'), site('o', 51.7, 8.75)];
const devices: Device[] = [
  { id: 'd1', kind: 'device', site: 'd', role: 'router' },
  { id: 'd2', kind: 'device', site: 'd', role: 'router' },
  { id: 'r1', kind: 'device', site: 'n1', role: 'router' },
  { id: 'r2', kind: 'device', site: 'n2', role: 'router' },
];
const links: Link[] = [
  { id: 'a', kind: 'link', a: 'r1', b: 'd1', type: 'fibre', carrier: 'owl', risk_groups: ['duct'] },
  { id: 'b', kind: 'link', a: 'r2', b: 'd2', type: 'fibre', carrier: 'telekom', risk_groups: ['duct'] },
  { id: 'c', kind: 'link', a: 'o', b: 'r2', type: 'fibre', carrier: 'owl', risk_groups: ['trench'] },
  { id: 'e', kind: 'link', a: 'o', b: 'r1', type: 'leased-line', risk_groups: ['trench'] },
];
const model = buildModel(sites, devices, links);

test('carriers: colours by number of links, the operator own lines apart, carriers beyond the palette share one colour', () => {
  const cc = carrierColours(model.links);
  assert.deepEqual(cc.carriers, ['owl', 'telekom']);
  assert.equal(cc.colours.get('owl'), CARRIER_PALETTE[0]);
  assert.equal(cc.colours.get('telekom'), CARRIER_PALETTE[1]);
  assert.equal(cc.own, true);
  assert.equal(cc.others, false);
  const many = Array.from({ length: CARRIER_PALETTE.length + 2 }, (_, i) => ({ id: `l${i}`, kind: 'link', a: 'x', b: 'y', type: 'fibre', carrier: `c${String(i).padStart(2, '0')}` }) as Link);
  const more = carrierColours(many);
  assert.equal(more.carriers.length, CARRIER_PALETTE.length);
  assert.equal(more.others, true);
  assert.equal(more.colours.get(`c${String(CARRIER_PALETTE.length + 1).padStart(2, "0")}`), OTHER_CARRIER, "the last of equal counts by id");
  assert.equal(new Set(CARRIER_PALETTE).size, CARRIER_PALETTE.length, 'no two carriers alike');
});

test('risk groups: a duct where its links meet, a trench along its links, a power feed at the site of its devices or across its sites', () => {
  const groups: Obj[] = [
    { id: 'duct', kind: 'risk-group', name: 'Duct at D', type: 'duct', members: ['a', 'b'] },
    { id: 'trench', kind: 'risk-group', name: 'Trench', type: 'trench', members: ['c', 'e'] },
    { id: 'usv', kind: 'risk-group', type: 'power', members: ['d1', 'd2'] },
    { id: 'feed', kind: 'risk-group', type: 'power', members: ['r1', 'r2'] },
    { id: 'empty', kind: 'risk-group', type: 'other', members: [] },
  ];
  // Members come from the objects' risk_groups, as the API gives them.
  const withDevices = buildModel(
    sites,
    devices.map((d) => ({ ...d, risk_groups: d.site === 'd' ? ['usv'] : ['feed'] })),
    links,
  );
  const shapes = new Map(riskGroupShapes(withDevices, groups).map((s) => [s.id, s]));
  const idx = (id: string) => withDevices.siteIndex.get(id);
  assert.equal(shapes.get('duct')?.anchor, idx('d'), 'the duct is at the data center');
  assert.equal(shapes.get('duct')?.name, 'Duct at D');
  assert.deepEqual(shapes.get('duct')?.links.map((i) => withDevices.links[i]!.id).sort(), ['a', 'b']);
  assert.equal(shapes.get('trench')?.anchor, null, 'a trench runs along its links (even though they meet at o)');
  assert.equal(shapes.get('usv')?.anchor, idx('d'));
  assert.equal(shapes.get('usv')?.name, 'usv', 'no name: the id');
  assert.equal(shapes.get('feed')?.anchor, null, 'devices at two sites: drawn across them');
  assert.deepEqual([...(shapes.get('feed')?.sites ?? [])].sort(), [idx('n1'), idx('n2')].sort());
  assert.equal(shapes.has('empty'), false, 'nothing on the map, nothing drawn');
});

const input = (over: Partial<SceneInput> = {}): SceneInput => ({
  model,
  colouring: 'carrier',
  colourOf: (set, v) => `${set}:${v}`,
  carriers: carrierColours(model.links),
  spofLinks: null,
  cut: new Set(),
  failed: new Set(),
  failedSites: new Set(),
  cutOffSites: new Set(),
  highlight: null,
  highlighted: new Set(),
  pathLinks: new Map(),
  pathEnds: [],
  selected: new Set(),
  shapes: [],
  ...over,
});

test('the scene: links grouped by carrier colour; labels by priority — selected and failed first, then data centers, then larger sites', () => {
  const scene = buildScene(input());
  const byColour = [...scene.linkGroups].map(([c, idx]) => [c, idx.map((i) => model.links[i]!.id).sort()]);
  assert.deepEqual(new Map(byColour as [string, string[]][]), new Map([[CARRIER_PALETTE[0]!, ['a', 'c']], [CARRIER_PALETTE[1]!, ['b']], ['#555555', ['e']]]));
  const order = [...scene.labelOrder].map((i) => model.sites[i]!.id);
  assert.equal(order[0], 'd', 'the data center first');
  // n1 and n2 have a device and two links each, o two links: the larger nodes before it.
  assert.deepEqual(order.slice(1), ['n1', 'n2', 'o']);
  const failed = buildScene(input({ failedSites: new Set(['o']), failed: new Set(['o']) }));
  assert.equal(model.sites[failed.labelOrder[0]!]!.id, 'o', 'a failed site goes first');
  const selectedDevice = buildScene(input({ selected: new Set(['r2']) }));
  assert.equal(model.sites[selectedDevice.labelOrder[0]!]!.id, 'n2', 'the site of a selected device goes first');
  assert.equal(selectedDevice.rings.get('n2'), '#000');
  const typed = buildScene(input({ colouring: 'type' }));
  assert.deepEqual([...typed.linkGroups.keys()].sort(), ['linkType:fibre', 'linkType:leased-line']);
});

const path = (...links: string[]) => ({ nodes: ['x', ...links.map((l) => `${l}-end`)], links });

test('the paths drawn: the independent pair; else the pair sharing a risk group; else the one path there is', () => {
  assert.deepEqual(shownPaths(null), []);
  const found: Paths = { status: 'found', paths: [path('a'), path('b')] };
  assert.equal(shownPaths(found).length, 2);
  const shared: Paths = { status: 'none', paths: [], reason: { kind: 'shared', message: '' }, nodeLinkDisjoint: { status: 'found', paths: [path('a'), path('c')] } };
  assert.deepEqual(shownPaths(shared), shared.nodeLinkDisjoint!.paths);
  const cut = { status: 'none', paths: [], reason: { kind: 'cut', message: '', path: path('a', 'b') }, nodeLinkDisjoint: { status: 'none', paths: [] } } as Paths;
  assert.deepEqual(shownPaths(cut), [path('a', 'b')]);
  assert.deepEqual(shownPaths({ status: 'none', paths: [], reason: { kind: 'disconnected', message: '' } }), []);
});

test('the page state: a failure runs, ends and is cleared; the path ends come from the URL', () => {
  let s = initialMapState('pb-rathaus,finanzwesen');
  assert.deepEqual([s.paths.from, s.paths.to, s.look.colouring], ['pb-rathaus', 'finanzwesen', 'carrier']);
  assert.deepEqual([initialMapState('').paths.from, initialMapState('').paths.to], ['', '']);
  s = mapReducer(s, { type: 'failing' });
  assert.equal(s.failure.busy, true);
  const result = { failed: ['duct', 'a', 'b'], down: [], degraded: [], byTenant: [], byApplication: [], unresolved: [] } as unknown as WhatIf;
  s = mapReducer(s, { type: 'failed', result });
  assert.deepEqual([s.failure.busy, [...s.failure.failed]], [false, ['duct', 'a', 'b']]);
  s = mapReducer(s, { type: 'look', change: { highlight: 'duct' } });
  assert.equal(s.look.highlight, 'duct');
  assert.equal(s.look.colouring, 'carrier', 'a change of one part leaves the others');
  s = mapReducer(s, { type: 'clearFailure' });
  assert.deepEqual([s.failure.result, s.failure.failed.size], [null, 0]);
  s = mapReducer(s, { type: 'pathEnds', to: 'ratsinfo' });
  assert.deepEqual([s.paths.from, s.paths.to], ['pb-rathaus', 'ratsinfo']);
  s = mapReducer(mapReducer(s, { type: 'pathsError', error: 'x' }), { type: 'pathsAsked' });
  assert.equal(s.paths.error, undefined, 'asking again clears the last error');
});

test('the projection: Web Mercator scaled to a degree of latitude at the mean latitude, inverted exactly', () => {
  fc.assert(
    fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -84, max: 84, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true }), (lon, lat, k) => {
      const [x, y] = project({ k }, lon, lat);
      const [lon2, lat2] = unproject({ k }, x, y);
      assert.ok(Math.abs(lon2 - lon) < 1e-9 && Math.abs(lat2 - lat) < 1e-9);
    }),
  );
  // At the mean latitude, a small step north is k·(1/cos φ) = 1 unit per degree: the scale bar's unit.
  const k = Math.cos((52 * Math.PI) / 180);
  const dy = project({ k }, 0, 51.9995)[1] - project({ k }, 0, 52.0005)[1];
  assert.ok(Math.abs(dy / 0.001 - 1) < 1e-6, `${dy / 0.001} units per degree`);
});

test('the convex hull holds every point, and its corners are points', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), { minLength: 3, maxLength: 30 }), (pts) => {
      const hull = convexHull(pts);
      for (const h of hull) assert.ok(pts.some((p) => p[0] === h[0] && p[1] === h[1]));
      if (hull.length < 3) return;
      for (const p of pts) {
        for (let i = 0; i < hull.length; i++) {
          const [a, b] = [hull[i]!, hull[(i + 1) % hull.length]!];
          assert.ok((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0, 'left of (or on) every edge, counter-clockwise');
        }
      }
    }),
  );
});
