/**
 * The service view's layout, across and down: every element once, every line between drawn
 * boxes from edge to edge, both paths from the site to the instances, no two boxes on top of
 * each other, no line through a box, everything inside the picture — for an example and for
 * random services (property-based); across where it fits, else down, and down a phone's width.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BOX, layoutIn, layoutService, type Orientation, type ServiceFacts, type ServiceLayout } from '../web/src/pages/serviceLayout.js';

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

/** Does the segment p–q pass through the inside of the box (its edge excluded)? */
function crosses(p: readonly [number, number], q: readonly [number, number], b: { x: number; y: number }): boolean {
  const inset = 1;
  const [x0, y0, x1, y1] = [b.x + inset, b.y + inset, b.x + BOX.w - inset, b.y + BOX.h - inset];
  // Liang–Barsky clipping of the segment against the box.
  let t0 = 0;
  let t1 = 1;
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  for (const [pk, qk] of [
    [-dx, p[0] - x0],
    [dx, x1 - p[0]],
    [-dy, p[1] - y0],
    [dy, y1 - p[1]],
  ] as const) {
    if (pk === 0) {
      if (qk < 0) return false;
    } else {
      const r = qk / pk;
      if (pk < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
    }
  }
  return t0 < t1;
}

/** What every layout must be, whatever the service. */
function assertSound(l: ServiceLayout, f: ServiceFacts, what: string): void {
  const ids = l.boxes.map((b) => b.id);
  assert.equal(new Set(ids).size, ids.length, `${what}: a box twice`);
  const all = new Set([f.site, f.application, ...f.paths.flatMap((p) => p.nodes), ...f.instances, ...f.dependencies.flatMap((d) => [d.application, ...d.instances])]);
  assert.deepEqual(new Set(ids), all, `${what}: every element drawn`);
  for (const a of l.boxes)
    for (const b of l.boxes) if (a !== b) assert.ok(Math.abs(a.x - b.x) >= BOX.w || Math.abs(a.y - b.y) >= BOX.h, `${what}: ${a.id} and ${b.id} overlap`);
  for (const b of l.boxes) assert.ok(b.x >= 0 && b.y >= 0 && b.x + BOX.w <= l.width && b.y + BOX.h <= l.height, `${what}: ${b.id} outside`);
  const at = new Map(l.boxes.map((b) => [b.id, b]));
  const onEdge = (p: readonly [number, number], id: string) => {
    const b = at.get(id)!;
    const inX = p[0] >= b.x && p[0] <= b.x + BOX.w;
    const inY = p[1] >= b.y && p[1] <= b.y + BOX.h;
    return inX && inY && (p[0] === b.x || p[0] === b.x + BOX.w || p[1] === b.y || p[1] === b.y + BOX.h);
  };
  for (const line of l.lines) {
    const name = `${what}: ${line.from} → ${line.to}`;
    assert.ok(at.has(line.from) && at.has(line.to), name);
    assert.ok(onEdge(line.points[0]!, line.from) && onEdge(line.points[line.points.length - 1]!, line.to), `${name} runs from edge to edge`);
    for (const [x, y] of line.points) assert.ok(x >= 0 && y >= 0 && x <= l.width && y <= l.height, `${name} inside`);
    for (let i = 1; i < line.points.length; i++)
      for (const b of l.boxes) if (b.id !== line.from && b.id !== line.to) assert.ok(!crosses(line.points[i - 1]!, line.points[i]!, b), `${name} runs through ${b.id}`);
  }
}

for (const orientation of ['across', 'down'] as const satisfies readonly Orientation[])
  test(`${orientation}: every element once, no overlaps, every line between drawn boxes and round the others`, () => {
    const l = layoutIn(facts, orientation);
    assert.equal(l.orientation, orientation);
    assertSound(l, facts, orientation);
    assert.deepEqual(l.lines.filter((x) => x.id).map((x) => x.id), ['l1', 'l2', 'l3', 'l4', 'm1', 'm2', 'm3']);
    // Along the flow: site, path devices, instances, application, dependencies.
    const along = (id: string) => (orientation === 'across' ? l.boxes.find((b) => b.id === id)!.x : l.boxes.find((b) => b.id === id)!.y);
    assert.ok(along('s') < along('s-rt') && along('s-rt') < along('a1') && along('dc-rt') < along('i1') && along('i1') < along('app') && along('app') < along('db') && along('db') < along('db1'));
    assert.equal(along('i1'), along('i2'));
    assert.equal(l.lines.find((x) => x.to === 'dir')?.coupling, 'loose');
  });

test('across where it fits, else down; down, two lanes fit a phone (390 px less the page\'s margins)', () => {
  const across = layoutIn(facts, 'across');
  assert.equal(layoutService(facts, across.width).orientation, 'across');
  assert.equal(layoutService(facts, across.width - 1).orientation, 'down');
  const down = layoutService(facts, 350);
  assert.ok(down.width <= 350, `${down.width} wide`);
  // Down, the second dependency is reached round the boxes, not through the first one's.
  assert.equal(down.lines.find((x) => x.to === 'dir')!.points.length, 6);
});

test('without a path the site is related to the instances', () => {
  for (const orientation of ['across', 'down'] as const) {
    const l = layoutIn({ ...facts, paths: [] }, orientation);
    assert.deepEqual(l.lines.filter((x) => x.from === 's').map((x) => x.to), ['i1', 'i2']);
    assertSound(l, { ...facts, paths: [] }, orientation);
  }
});

test('random services: sound in both orientations', () => {
  const id = fc.integer({ min: 0, max: 9 });
  const service = fc
    .record({
      paths: fc.array(fc.array(id, { minLength: 0, maxLength: 6 }), { minLength: 0, maxLength: 2 }),
      instances: fc.uniqueArray(id, { minLength: 1, maxLength: 3 }),
      dependencies: fc.array(fc.record({ instances: fc.uniqueArray(id, { maxLength: 3 }), loose: fc.boolean() }), { maxLength: 3 }),
    })
    .map(({ paths, instances, dependencies }): ServiceFacts => {
      const inst = instances.map((n) => `i${n}`);
      return {
        site: 's',
        application: 'app',
        // A path: the site's router, devices of its own, and one of the instances; the two paths share no device.
        paths: paths.map((devices, p) => {
          const nodes = [`s-rt${p}`, ...[...new Set(devices)].map((n) => `p${p}-d${n}`), inst[p % inst.length]!];
          return { nodes, links: nodes.slice(1).map((n, i) => `l-${nodes[i]}-${n}`) };
        }),
        instances: inst,
        // A dependency's instances: its own, or one the application runs on too.
        dependencies: dependencies.map((d, k) => ({ application: `dep${k}`, coupling: d.loose ? 'loose' : 'tight', instances: d.instances.map((n) => (n < 2 ? `i${n}` : `d${k}-${n}`)) })),
      };
    });
  fc.assert(
    fc.property(service, (f) => {
      for (const orientation of ['across', 'down'] as const) assertSound(layoutIn(f, orientation), f, orientation);
    }),
    { numRuns: 300 },
  );
});
