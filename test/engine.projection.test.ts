/**
 * The projection of an estate onto the engine's graph, failure masks from element ids, and
 * the raw-network report by id.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectedComponents } from '../src/graph/connectedComponents.js';
import { failElements, markElement } from '../src/engine/failElements.js';
import { emptyMask } from '../src/graph/FailureMask.js';
import { componentNodeIds, networkReport } from '../src/engine/networkReport.js';
import { buildProjection, DEVICE_NODE, resolveElement, SITE_NODE } from '../src/engine/projection.js';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import type { ChangeSet } from '../src/timeline/changeSet.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';
import { estateAt } from '../src/timeline/replay.js';
import { END_OF_TIME, parseInstant } from '../src/timeline/time.js';

/*
 *              office (site, no devices)
 *               ‖  l1 (trench t1), l5 (no risk group): two parallel links
 *   dc: [r1] router ───── l2 ───── [c1] cluster        r1, c1 share power feed p1
 *               │
 *               │  l3 (trench t1)
 *   dc2: [r2] router, retired ───── l4 ───── remote (site, no devices)
 */
const objects = [
  { kind: 'site', id: 'dc', name: 'DC', type: 'datacenter' },
  { kind: 'site', id: 'dc2', name: 'DC 2', type: 'datacenter' },
  { kind: 'site', id: 'office', name: 'Office', type: 'office' },
  { kind: 'site', id: 'remote', name: 'Remote', type: 'office' },
  { kind: 'risk-group', id: 't1', name: 'Trench 1', type: 'trench' },
  { kind: 'risk-group', id: 'p1', name: 'Power 1', type: 'power' },
  { kind: 'risk-group', id: 'empty', name: 'Nothing in it', type: 'duct' },
  { kind: 'device', id: 'r1', name: 'R1', site: 'dc', role: 'router', risk_groups: ['p1'] },
  { kind: 'device', id: 'r2', name: 'R2', site: 'dc2', role: 'router', status: 'retired' },
  { kind: 'device', id: 'c1', name: 'C1', site: 'dc', role: 'cluster', risk_groups: ['p1'] },
  { kind: 'link', id: 'l1', a: 'r1', b: 'office', type: 'fibre', risk_groups: ['t1'] },
  { kind: 'link', id: 'l2', a: 'r1', b: 'c1', type: 'copper' },
  { kind: 'link', id: 'l3', a: 'r1', b: 'r2', type: 'fibre', risk_groups: ['t1'] },
  { kind: 'link', id: 'l4', a: 'r2', b: 'remote', type: 'fibre' },
  { kind: 'link', id: 'l5', a: 'office', b: 'r1', type: 'fibre' },
  { kind: 'application', id: 'fin', name: 'Finanzwesen', instances: ['c1'] },
] as unknown as StoredObject[];

/** The members of group `i`, by name. */
const group = (g: { offsets: Int32Array; members: Int32Array }, i: number, names: readonly string[]): string[] =>
  Array.from(g.members.subarray(g.offsets[i]!, g.offsets[i + 1]!), (k) => names[k]!);

describe('buildProjection', () => {
  const p = buildProjection(new Estate(objects));

  test('nodes are devices, site by site, and sites without devices', () => {
    assert.deepEqual(p.nodeIds, ['r1', 'c1', 'r2', 'office', 'remote']);
    assert.deepEqual([...p.nodeKind], [DEVICE_NODE, DEVICE_NODE, DEVICE_NODE, SITE_NODE, SITE_NODE]);
    assert.deepEqual(Array.from(p.nodeSite, (s) => p.siteIds[s]), ['dc', 'dc', 'dc2', 'office', 'remote']);
    assert.deepEqual(group(p.siteNodes, p.siteIndex.get('dc')!, p.nodeIds), ['r1', 'c1']);
    assert.deepEqual(group(p.siteNodes, p.siteIndex.get('office')!, p.nodeIds), ['office']);
    for (const [id, i] of p.nodeIndex) assert.equal(p.nodeIds[i], id);
  });

  test('edges are links, parallel ones kept, with CSR adjacency both ways', () => {
    assert.deepEqual(p.edgeIds, ['l1', 'l2', 'l3', 'l4', 'l5']);
    const ends = p.edgeIds.map((_, e) => [p.nodeIds[p.edgeA[e]!], p.nodeIds[p.edgeB[e]!]]);
    assert.deepEqual(ends, [['r1', 'office'], ['r1', 'c1'], ['r1', 'r2'], ['r2', 'remote'], ['office', 'r1']]);
    const r1 = p.nodeIndex.get('r1')!;
    const around = [];
    for (let i = p.offsets[r1]!; i < p.offsets[r1 + 1]!; i++) around.push(`${p.edgeIds[p.incidentEdges[i]!]}>${p.nodeIds[p.neighbours[i]!]}`);
    assert.deepEqual(around, ['l1>office', 'l2>c1', 'l3>r2', 'l5>office']);
  });

  test('risk groups know their member nodes and edges', () => {
    assert.deepEqual(p.riskGroupIds, ['t1', 'p1', 'empty']);
    assert.deepEqual(group(p.riskGroupEdges, p.riskGroupIndex.get('t1')!, p.edgeIds), ['l1', 'l3']);
    assert.deepEqual(group(p.riskGroupNodes, p.riskGroupIndex.get('p1')!, p.nodeIds), ['r1', 'c1']);
    assert.deepEqual(group(p.riskGroupNodes, p.riskGroupIndex.get('empty')!, p.nodeIds), []);
  });

  test('element ids resolve; a device-less site resolves as its site', () => {
    assert.deepEqual(resolveElement(p, 'office'), { kind: 'site', index: p.siteIndex.get('office') });
    assert.deepEqual(resolveElement(p, 'l3'), { kind: 'link', index: 2 });
    assert.deepEqual(resolveElement(p, 'c1'), { kind: 'device', index: 1 });
    assert.deepEqual(resolveElement(p, 'p1'), { kind: 'risk-group', index: 1 });
    assert.equal(resolveElement(p, 'fin'), undefined);
  });

  test('failing trench t1 cuts r2 and remote off; l5 keeps the office', () => {
    const { mask, unresolved } = failElements(p, ['t1']);
    assert.deepEqual(unresolved, []);
    assert.deepEqual([...mask.edges], [1, 0, 1, 0, 0]);
    assert.deepEqual(componentNodeIds(p, connectedComponents(p, { failed: mask })), [['c1', 'office', 'r1'], ['r2', 'remote']]);
  });

  test('failing a site fails its devices; unknown ids are reported, not thrown', () => {
    const { mask, unresolved } = failElements(p, ['dc', 'office', 'fin', 'nope']);
    assert.deepEqual(unresolved, ['fin', 'nope']);
    assert.deepEqual([...mask.nodes], [1, 1, 0, 1, 0]);
    assert.deepEqual(componentNodeIds(p, connectedComponents(p, { failed: mask })), [['r2', 'remote']]);
  });

  test('markElement sets and clears one element for one-at-a-time analyses', () => {
    const mask = emptyMask(p);
    const ref = resolveElement(p, 'p1')!;
    markElement(p, mask, ref, 1);
    assert.deepEqual([...mask.nodes], [1, 1, 0, 0, 0]);
    markElement(p, mask, ref, 0);
    assert.deepEqual([...mask.nodes], [0, 0, 0, 0, 0]);
  });

  test('the raw-network report by id', () => {
    assert.deepEqual(networkReport(p), {
      nodes: 5,
      links: 5,
      components: 1,
      articulationPoints: ['r1', 'r2'],
      bridges: ['l2', 'l3', 'l4'],
      biconnectedComponents: [['l1', 'l5'], ['l2'], ['l3'], ['l4']],
    });
    const { mask } = failElements(p, ['l5']);
    const after = networkReport(p, { failed: mask });
    assert.deepEqual(after.bridges, ['l1', 'l2', 'l3', 'l4']);
    assert.equal(after.links, 4);
  });

  test('retired devices are excluded on request, with their links', () => {
    const q = buildProjection(objects, { retired: 'exclude' });
    assert.deepEqual(q.nodeIds, ['r1', 'c1', 'office', 'remote']);
    assert.deepEqual(q.edgeIds, ['l1', 'l2', 'l5']);
    assert.deepEqual([...q.omitted].sort(), ['l3', 'l4', 'r2']);
    assert.deepEqual(group(q.siteNodes, q.siteIndex.get('dc2')!, q.nodeIds), [], 'dc2 keeps no node of its own');
    assert.deepEqual(group(q.riskGroupEdges, q.riskGroupIndex.get('t1')!, q.edgeIds), ['l1']);
    assert.deepEqual(failElements(q, ['r2', 'l3', 'dc2']).unresolved, ['r2', 'l3']);
  });

  test('references a valid estate cannot have are refused', () => {
    const bad = (extra: object) => () => buildProjection([...objects, extra as StoredObject]);
    assert.throws(bad({ kind: 'device', id: 'x', name: 'X', site: 'nowhere', role: 'router' }), /site nowhere/);
    assert.throws(bad({ kind: 'link', id: 'lx', a: 'r1', b: 'dc', type: 'fibre' }), /ends at dc/);
    assert.throws(bad({ kind: 'link', id: 'ly', a: 'r1', b: 'c1', type: 'fibre', risk_groups: ['zz'] }), /risk group zz/);
  });
});

describe('buildProjection on a generated region', () => {
  test('every device, device-less site, link and membership is in the graph', () => {
    const doc = generateEstate({ seed: 7, preset: 'region' });
    const read = toEstateDocument(JSON.parse(JSON.stringify(doc)), 'region.json');
    const initial = { id: doc.initial.id, title: 'initial', effective: doc.initial.effective, status: 'done' as const, changes: read.doc.objects };
    const sets: ChangeSet[] = [initial, ...read.doc.changesets].map((cs, seq) => ({ ...cs, seq, effectiveKey: parseInstant(cs.effective) }));
    const { estate, problems } = estateAt(sets, END_OF_TIME);
    assert.deepEqual(problems, []);
    const p = buildProjection(estate);
    const all = [...estate.values()];
    const devices = all.filter((o) => o.kind === 'device');
    const links = all.filter((o) => o.kind === 'link');
    const withDevices = new Set(devices.map((d) => (d as { site: string }).site));
    const bare = all.filter((o) => o.kind === 'site' && !withDevices.has(o.id));
    assert.equal(p.nodeCount, devices.length + bare.length);
    assert.equal(p.edgeCount, links.length);
    for (const l of links as { id: string; a: string; b: string; risk_groups?: string[] }[]) {
      const e = p.edgeIndex.get(l.id)!;
      assert.deepEqual([p.nodeIds[p.edgeA[e]!], p.nodeIds[p.edgeB[e]!]], [l.a, l.b]);
      for (const g of l.risk_groups ?? []) assert.ok(group(p.riskGroupEdges, p.riskGroupIndex.get(g)!, p.edgeIds).includes(l.id));
    }
    let members = 0;
    for (const o of [...devices, ...links] as { risk_groups?: string[] }[]) members += o.risk_groups?.length ?? 0;
    assert.equal(p.riskGroupNodes.members.length + p.riskGroupEdges.members.length, members);
    for (let v = 0; v < p.nodeCount; v++) {
      const s = p.nodeSite[v]!;
      assert.ok(group(p.siteNodes, s, p.nodeIds).includes(p.nodeIds[v]!));
    }
    const report = networkReport(p);
    assert.equal(report.links, links.length);
    assert.equal(report.biconnectedComponents.flat().length, links.length, 'every link in exactly one block');
  });
});
