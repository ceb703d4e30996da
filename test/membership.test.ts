/**
 * Risk-group membership written on both sides (issue 10, part 1): within one change set it
 * is the union of the group's `members` and the members' `risk_groups`; nothing a file says
 * is dropped without a problem.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { disjointPaths } from '../src/engine/disjointPaths.js';
import { buildProjection } from '../src/engine/projection.js';
import { buildServices } from '../src/engine/services.js';
import { analyzeSurvivability } from '../src/engine/survivability.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { applyChangeSet } from '../src/timeline/applyChangeSet.js';
import { Estate } from '../src/timeline/Estate.js';
import { estateAt } from '../src/timeline/replay.js';
import { END_OF_TIME } from '../src/timeline/time.js';
import { create, cs, del, update } from './helpers/build.js';
import { cli } from './helpers/cli.js';
import { changeSetsOf } from './helpers/estates.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-membership-'));

/**
 * Two data centers, one office on two fibre lines (l0 to dc-a, l1 to dc-b), an application
 * with an instance in each data center: every single device, link and site is survivable.
 * The risk group g (one trench) holds both lines, written on the group for l0 and on the
 * link for l1 — so g is the one element that cuts the office off.
 */
const smallest = estate({ g: 'members: [l0]', l1: 'risk_groups: [g]' });

/** The estate above, with membership written where `on` says (a field per object, or nothing). */
function estate(on: { g?: string; l0?: string; l1?: string; 'r-a'?: string }): string {
  const and = (field: string | undefined): string => (field ? `, ${field}` : '');
  return `
organizations:
  - { id: op, name: Operator, type: provider }
  - { id: town, name: Town, type: municipality }
sites:
  - { id: dc-a, name: DC A, type: datacenter, organization: op }
  - { id: dc-b, name: DC B, type: datacenter, organization: op }
  - { id: office, name: Town hall, type: office, organization: town }
risk_groups:
  - { id: g, name: One trench, type: trench${and(on.g)} }
devices:
  - { id: r-a, name: Router A, site: dc-a, role: router${and(on['r-a'])} }
  - { id: c-a, name: Cluster A, site: dc-a, role: cluster }
  - { id: r-b, name: Router B, site: dc-b, role: router }
  - { id: c-b, name: Cluster B, site: dc-b, role: cluster }
links:
  - { id: l0, a: r-a, b: office, type: fibre${and(on.l0)} }
  - { id: l1, a: r-b, b: office, type: fibre${and(on.l1)} }
  - { id: la, a: r-a, b: c-a, type: copper }
  - { id: lb, a: r-b, b: c-b, type: copper }
applications:
  - { id: app, name: App, instances: [c-a, c-b] }
usages:
  - { id: u, tenant: town, application: app, sites: [office] }
`;
}

describe('risk-group membership on both sides of one change set', () => {
  test('the smallest case: both lines are in g; check names g and fails; paths are not independent', async () => {
    const file = join(tmp, 'smallest.yaml');
    writeFileSync(file, smallest);
    const db = join(tmp, 'smallest.db');
    const imported = await cli('--db', db, 'import', file);
    assert.equal(imported.code, 0, imported.stderr);

    const l1 = JSON.parse((await cli('--db', db, 'show', 'link', 'l1', '--json')).stdout);
    const l0 = JSON.parse((await cli('--db', db, 'show', 'link', 'l0', '--json')).stdout);
    assert.deepEqual([l0.risk_groups, l1.risk_groups], [['g'], ['g']]);

    const check = await cli('--db', db, 'check', '--json');
    assert.equal(check.code, 1, 'a service broken by the shared trench fails the check');
    const report = JSON.parse(check.stdout);
    assert.deepEqual(report.services.map((s: { breakers: { id: string }[] }) => s.breakers.map((b) => b.id)), [['g']]);
    assert.deepEqual(report.spofs.map((s: { element: string }) => s.element), ['g']);

    const paths = await cli('--db', db, 'paths', 'office', 'app', '--json');
    assert.equal(paths.code, 1);
    const p = JSON.parse(paths.stdout);
    assert.equal(p.status, 'none');
    assert.ok(p.reason.elements.some((e: { id: string }) => e.id === 'g'), JSON.stringify(p.reason));
  });
});

/** Objects of a small estate: a data center with a router r and devices d1, d2; links l1, l2. */
const base = () => [
  create({ id: 'dc', kind: 'site', name: 'DC', type: 'datacenter' }),
  create({ id: 'r', kind: 'device', name: 'R', site: 'dc', role: 'router' }),
  create({ id: 'd1', kind: 'device', name: 'D1', site: 'dc', role: 'server' }),
  create({ id: 'd2', kind: 'device', name: 'D2', site: 'dc', role: 'server' }),
  create({ id: 'l1', kind: 'link', a: 'r', b: 'd1', type: 'copper' }),
  create({ id: 'l2', kind: 'link', a: 'r', b: 'd2', type: 'copper' }),
];

function applied(...changeSets: Parameters<typeof cs>[2][]): { estate: Estate; problems: string[] } {
  const estate = new Estate();
  const problems: string[] = [];
  changeSets.forEach((c, i) => problems.push(...applyChangeSet(estate, cs(`cs${i}`, '2020-01-01', c)).problems.map((p) => `${p.id}.${p.field ?? ''}: ${p.message}`)));
  return { estate, problems };
}

const groupsOf = (e: Estate, id: string): unknown => e.get(id)!.risk_groups;

describe('membership semantics of the timeline', () => {
  test('within one change set the membership is the union, whichever side comes first', () => {
    const g = (members: string[]) => create({ id: 'g', kind: 'risk-group', name: 'G', type: 'duct', members });
    for (const order of ['group first', 'group last']) {
      const changes = base().map((c) => (c.id === 'l2' ? create({ id: 'l2', kind: 'link', a: 'r', b: 'd2', type: 'copper', risk_groups: ['g'] }) : c));
      const { estate, problems } = applied(order === 'group first' ? [g(['l1', 'd1']), ...changes] : [...changes, g(['l1', 'd1'])]);
      assert.deepEqual(problems, [], order);
      assert.deepEqual([groupsOf(estate, 'l1'), groupsOf(estate, 'l2'), groupsOf(estate, 'd1'), groupsOf(estate, 'd2')], [['g'], ['g'], ['g'], undefined], order);
    }
  });

  test('an update of members in a later change set replaces the membership, except what the members restate in it', () => {
    const start = [...base(), create({ id: 'g', kind: 'risk-group', name: 'G', type: 'duct', members: ['l1', 'l2', 'd1'] })];
    const replaced = applied(start, [update('g', { members: ['d2'] })]);
    assert.deepEqual(replaced.problems, []);
    assert.deepEqual(['l1', 'l2', 'd1', 'd2'].map((id) => groupsOf(replaced.estate, id)), [undefined, undefined, undefined, ['g']]);
    // l2 says it is in g in the same change set: the union keeps it; l1 only changes its length.
    const restated = applied(start, [update('g', { members: ['d2'] }), update('l2', { risk_groups: ['g'] }), update('l1', { length_km: 2 })]);
    assert.deepEqual(restated.problems, []);
    assert.deepEqual(['l1', 'l2', 'd1', 'd2'].map((id) => groupsOf(restated.estate, id)), [undefined, ['g'], undefined, ['g']]);
    // `members: null` is an empty membership, not an ignored field.
    const emptied = applied(start, [update('g', { members: null })]);
    assert.deepEqual(['l1', 'l2', 'd1'].map((id) => groupsOf(emptied.estate, id)), [undefined, undefined, undefined]);
    // An update of the group that does not name members leaves the membership alone.
    const renamed = applied(start, [update('g', { name: 'Duct G' })]);
    assert.deepEqual(['l1', 'l2', 'd1'].map((id) => groupsOf(renamed.estate, id)), [['g'], ['g'], ['g']]);
  });

  test('deleting a group removes its membership; a member that names it in the same change set is a problem', () => {
    const start = [...base(), create({ id: 'g', kind: 'risk-group', name: 'G', type: 'duct', members: ['l1', 'l2'] })];
    const removed = applied(start, [del('g')]);
    assert.deepEqual(removed.problems, []);
    assert.deepEqual([groupsOf(removed.estate, 'l1'), groupsOf(removed.estate, 'l2')], [undefined, undefined]);
    for (const changes of [[update('l1', { risk_groups: ['g'] }), del('g')], [del('g'), update('l1', { risk_groups: ['g'] })]]) {
      const { problems } = applied(start, changes);
      assert.ok(problems.some((p) => p.startsWith('l1.risk_groups: "g" does not exist')), problems.join('\n'));
    }
    // Deleted and created again: the old membership is gone, the new one is what the change set says.
    const again = applied(start, [del('g'), create({ id: 'g', kind: 'risk-group', name: 'G', type: 'duct', members: ['d1'] })]);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(['l1', 'l2', 'd1'].map((id) => groupsOf(again.estate, id)), [undefined, undefined, ['g']]);
  });

  test('a member the group names that is deleted, missing or of another kind is a problem, never dropped', () => {
    const { problems } = applied([...base(), create({ id: 'g', kind: 'risk-group', name: 'G', type: 'duct', members: ['l1', 'nope', 'dc'] })], [update('g', { members: ['l2'] }), del('l2')]);
    assert.deepEqual(problems, ['g.members: member "nope" does not exist', 'g.members: member "dc" is a site; members are devices and links', 'g.members: member "l2" does not exist']);
  });
});

// ---- Export: one side, and a fixed point -----------------------------------------------------

/** The same estate with membership written on the group, on the members, and mixed; each with a later replacing update. */
function estateFile(side: 'group' | 'members' | 'mixed'): string {
  const g = 'risk_groups: [g]';
  const on = {
    group: { g: 'members: [l0, l1, r-a]' },
    members: { l0: g, l1: g, 'r-a': g },
    mixed: { g: 'members: [l0, r-a]', l1: g, 'r-a': g },
  }[side];
  return `${estate(on)}changesets:
  - id: cs-later
    title: the trench only holds l1 from now on
    effective: 2030-01-01
    status: done
    changes:
      - update: { id: g, members: [l1] }
`;
}

describe('export writes membership on the members, and export → import → export is a fixed point', () => {
  for (const side of ['group', 'members', 'mixed'] as const) {
    test(`membership written ${side === 'mixed' ? 'on both sides' : `on the ${side}`}`, async () => {
      const file = join(tmp, `written-${side}.yaml`);
      writeFileSync(file, estateFile(side));
      const db1 = join(tmp, `written-${side}-1.db`);
      assert.equal((await cli('--db', db1, 'import', file)).code, 0);
      const before = JSON.parse((await cli('--db', db1, 'show', 'link', '--at', '2025-01-01', '--json')).stdout);
      assert.deepEqual(before.map((l: { id: string; risk_groups?: string[] }) => [l.id, l.risk_groups]), [['l0', ['g']], ['l1', ['g']], ['la', undefined], ['lb', undefined]]);
      for (const args of [[], ['--at', '2025-01-01'], ['--format', 'json']]) {
        const first = await cli('--db', db1, 'export', ...args);
        assert.equal(first.code, 0);
        const top = (args.includes('json') ? first.stdout : first.stdout.split('\nchangesets:')[0])!;
        if (!args.includes('json')) assert.doesNotMatch(top, /members:/, 'the estate before the change sets has membership on the members only');
        const again = join(tmp, `again-${side}-${args.join('')}.${args.includes('json') ? 'json' : 'yaml'}`);
        writeFileSync(again, first.stdout);
        const db2 = join(tmp, `again-${side}-${args.join('')}.db`);
        const imported = await cli('--db', db2, 'import', again);
        assert.equal(imported.code, 0, imported.stderr);
        assert.equal((await cli('--db', db2, 'export', ...args)).stdout, first.stdout, `export ${args.join(' ')} is a fixed point`);
        const later = JSON.parse((await cli('--db', db2, 'show', 'link', '--at', '2031-01-01', '--json')).stdout);
        assert.deepEqual(later.map((l: { id: string; risk_groups?: string[] }) => [l.id, l.risk_groups]), [['l0', undefined], ['l1', ['g']], ['la', undefined], ['lb', undefined]]);
      }
    });
  }

  test('the top level of an export is the same whichever side the file wrote', async () => {
    const tops = [];
    for (const side of ['group', 'members', 'mixed'] as const) {
      const db = join(tmp, `written-${side}-1.db`);
      tops.push((await cli('--db', db, 'export')).stdout);
    }
    // The later change set is written as recorded (an update of `members`); the top level is one.
    assert.equal(tops[1], tops[0]);
    assert.equal(tops[2], tops[0]);
  });
});

// ---- Property: every split of the membership loads the same estate and verdicts ----------------

interface Shape {
  sites: number[];
  links: [number, number][];
  groups: number;
  memberships: [number, number][];
  apps: number[][];
  usages: [number, number][];
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  sites: fc.array(fc.nat(3), { minLength: 2, maxLength: 4 }),
  links: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 9 }),
  groups: fc.integer({ min: 1, max: 3 }),
  memberships: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
  apps: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
  usages: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
});

/** The objects of a shape, and its (member, group) memberships. */
function build(shape: Shape): { objects: Record<string, unknown>[]; memberships: [string, string][] } {
  const objects: Record<string, unknown>[] = [{ kind: 'organization', id: 'town', name: 'Town', type: 'municipality' }];
  const nodes: string[] = [];
  const devices: string[] = [];
  shape.sites.forEach((count, s) => {
    objects.push({ kind: 'site', id: `s${s}`, name: `S${s}`, type: s === 0 ? 'datacenter' : 'office' });
    if (count === 0) nodes.push(`s${s}`);
    for (let k = 0; k < count; k++) {
      objects.push({ kind: 'device', id: `s${s}d${k}`, name: `D${k}`, site: `s${s}`, role: k === 0 ? 'router' : 'server' });
      nodes.push(`s${s}d${k}`);
      devices.push(`s${s}d${k}`);
    }
  });
  const links: string[] = [];
  shape.links.forEach(([a, b], i) => {
    const [na, nb] = [nodes[a % nodes.length]!, nodes[b % nodes.length]!];
    if (na === nb) return;
    objects.push({ kind: 'link', id: `l${i}`, a: na, b: nb, type: 'fibre' });
    links.push(`l${i}`);
  });
  for (let g = 0; g < shape.groups; g++) objects.push({ kind: 'risk-group', id: `g${g}`, name: `G${g}`, type: 'trench' });
  const members = [...links, ...devices];
  const memberships = new Map<string, [string, string]>();
  for (const [m, g] of members.length ? shape.memberships : []) {
    const pair: [string, string] = [members[m % members.length]!, `g${g % shape.groups}`];
    memberships.set(pair.join(' '), pair);
  }
  if (devices.length) {
    shape.apps.forEach((instances, i) => objects.push({ kind: 'application', id: `app${i}`, name: `App ${i}`, instances: [...new Set(instances.map((k) => devices[k % devices.length]!))] }));
    shape.usages.forEach(([site, app], i) => objects.push({ kind: 'usage', id: `u${i}`, tenant: 'town', application: `app${app % shape.apps.length}`, sites: [`s${site % shape.sites.length}`] }));
  }
  return { objects, memberships: [...memberships.values()] };
}

/** Writes each membership on the side `sides[i]` says (`both`: on the group and on the member). */
function written(objects: readonly Record<string, unknown>[], memberships: readonly [string, string][], sides: readonly ('group' | 'member' | 'both')[]): Record<string, unknown>[] {
  const out = objects.map((o) => ({ ...o }));
  const byId = new Map(out.map((o) => [o.id as string, o]));
  memberships.forEach(([member, group], i) => {
    const side = sides[i % sides.length]!;
    if (side !== 'member') {
      const g = byId.get(group)!;
      g.members = [...((g.members as string[] | undefined) ?? []), member];
    }
    if (side !== 'group') {
      const m = byId.get(member)!;
      m.risk_groups = [...((m.risk_groups as string[] | undefined) ?? []), group];
    }
  });
  return out;
}

/**
 * Membership stated in a later change set instead: the objects are created without it, and
 * the change set updates each group that states members and each member that states groups.
 */
function statedLater(objects: readonly Record<string, unknown>[]): { objects: Record<string, unknown>[]; later: Record<string, unknown>[] } {
  const later: Record<string, unknown>[] = [];
  const bare = objects.map(({ members, risk_groups, ...o }) => {
    if (members !== undefined) later.push({ update: { id: o.id, members } });
    if (risk_groups !== undefined) later.push({ update: { id: o.id, risk_groups } });
    return o;
  });
  return { objects: bare, later };
}

/** Loads objects as an import does (one initial change set, then `later`) and computes every verdict. */
function loaded(objects: readonly Record<string, unknown>[], later: readonly Record<string, unknown>[] = []): { estate: unknown[]; verdicts: unknown } {
  const doc = { organizations: [], sites: [], risk_groups: [], devices: [], links: [], applications: [], usages: [] } as Record<string, unknown[]>;
  const key: Record<string, string> = { organization: 'organizations', site: 'sites', 'risk-group': 'risk_groups', device: 'devices', link: 'links', application: 'applications', usage: 'usages' };
  for (const o of objects) doc[key[o.kind as string]!]!.push(o);
  if (later.length) doc.changesets = [{ id: 'later', title: 'membership', effective: '2020-01-01', status: 'done', changes: later }];
  const read = toEstateDocument(doc, 'estate.yaml');
  assert.deepEqual(read.problems, []);
  const { estate, problems } = estateAt(changeSetsOf(read.doc), END_OF_TIME);
  assert.deepEqual(problems, []);
  const p = buildProjection(estate, { retired: 'exclude' });
  const m = buildServices(p, estate);
  const surv = analyzeSurvivability(p, m);
  const paths = Array.from({ length: m.count }, (_, s) => {
    const a = m.appIndex.get(m.application[s]!)!;
    const from = Array.from(m.attach.members.subarray(m.attach.offsets[s]!, m.attach.offsets[s + 1]!));
    const to = Array.from(m.appInstances.members.subarray(m.appInstances.offsets[a]!, m.appInstances.offsets[a + 1]!));
    return disjointPaths(p, from, to).status;
  });
  const sorted = (o: Record<string, unknown>) => (Array.isArray(o.risk_groups) ? { ...o, risk_groups: [...o.risk_groups].sort() } : o);
  return {
    estate: [...estate.values()].map((o) => sorted(o)).sort((x, y) => (String(x.id) < String(y.id) ? -1 : 1)),
    verdicts: {
      services: surv.services.map((v) => ({ up: v.upAtBaseline, survives: v.survives, breakers: v.breakers.map((b) => b.id).sort() })),
      spofs: surv.spofs.map((x) => [x.element.id, [...x.breaks]]).sort(),
      paths,
    },
  };
}

describe('property: every split of the membership between the two sides', () => {
  test('loads the same estate and gives the same verdicts as writing it on the members', () => {
    fc.assert(
      fc.property(shapes, fc.array(fc.constantFrom('group' as const, 'member' as const, 'both' as const), { minLength: 1, maxLength: 8 }), (shape, sides) => {
        const { objects, memberships } = build(shape);
        const reference = loaded(written(objects, memberships, ['member']));
        const split = loaded(written(objects, memberships, sides));
        assert.deepEqual(split.estate, reference.estate);
        assert.deepEqual(split.verdicts, reference.verdicts);
        // The same split stated by one later change set (updates of members and of risk_groups).
        const { objects: bare, later } = statedLater(written(objects, memberships, sides));
        const updated = loaded(bare, later);
        assert.deepEqual(updated.estate, reference.estate);
        assert.deepEqual(updated.verdicts, reference.verdicts);
        // Every membership is in the loaded estate: nothing was dropped.
        const estate = new Map((split.estate as { id: string; risk_groups?: string[] }[]).map((o) => [o.id, o]));
        for (const [member, group] of memberships) assert.ok(estate.get(member)!.risk_groups!.includes(group), `${member} in ${group}`);
      }),
      { numRuns: 300 },
    );
  });
});
