/**
 * The service view's layout: every element once, every line between drawn boxes, both paths
 * from the site to the instances, no two boxes on top of each other.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOX, layoutService, type ServiceFacts } from '../web/src/pages/serviceLayout.js';

const facts: ServiceFacts = {
  site: 's',
  application: 'app',
  paths: [
    { nodes: ['s-rt', 'a1', 'a2', 'dc-rt', 'i1'], links: ['l1', 'l2', 'l3', 'l4'] },
    { nodes: ['s-rt2', 'b1', 'dc-rt2', 'i2'], links: ['m1', 'm2', 'm3'] },
  ],
  instances: ['i1', 'i2'],
  dependencies: [
    { application: 'db', coupling: 'tight', instances: ['i1', 'db1'] },
    { application: 'dir', coupling: 'loose', instances: [] },
  ],
};

test('every element once, no overlaps, every line between drawn boxes', () => {
  const l = layoutService(facts);
  const ids = l.boxes.map((b) => b.id);
  assert.equal(new Set(ids).size, ids.length);
  const all = ['s', 'app', 's-rt', 'a1', 'a2', 'dc-rt', 'i1', 's-rt2', 'b1', 'dc-rt2', 'i2', 'db', 'dir', 'db1'];
  assert.deepEqual(new Set(ids), new Set(all));
  for (const a of l.boxes)
    for (const b of l.boxes) if (a !== b) assert.ok(Math.abs(a.x - b.x) >= BOX.w || Math.abs(a.y - b.y) >= BOX.h, `${a.id} and ${b.id} overlap`);
  for (const line of l.lines) assert.ok(ids.includes(line.from) && ids.includes(line.to), `${line.from} → ${line.to}`);
  assert.deepEqual(l.lines.filter((x) => x.id).map((x) => x.id), ['l1', 'l2', 'l3', 'l4', 'm1', 'm2', 'm3']);
  for (const b of l.boxes) assert.ok(b.x + BOX.w <= l.width && b.y + BOX.h <= l.height);
  // Left to right: site, path devices, instances, application, dependencies.
  const x = (id: string) => l.boxes.find((b) => b.id === id)!.x;
  assert.ok(x('s') < x('s-rt') && x('s-rt') < x('a1') && x('dc-rt') < x('i1') && x('i1') < x('app') && x('app') < x('db') && x('db') < x('db1'));
  assert.equal(x('i1'), x('i2'));
  assert.equal(l.lines.find((x) => x.to === 'dir')?.coupling, 'loose');
});

test('without a path the site is related to the instances', () => {
  const l = layoutService({ ...facts, paths: [] });
  assert.deepEqual(l.lines.filter((x) => x.from === 's').map((x) => x.to), ['i1', 'i2']);
});
