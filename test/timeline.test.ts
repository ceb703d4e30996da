import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyChangeSet } from '../src/timeline/applyChangeSet.js';
import { Estate } from '../src/timeline/Estate.js';
import { estateAt } from '../src/timeline/replay.js';
import { parseInstant, tryParseInstant } from '../src/timeline/time.js';
import { create, cs, del, update } from './helpers/build.js';

/*
 *   office-site (no devices)
 *        |  l1 (trench t1)
 *   [r1] router @ dc ---- [c1] cluster @ dc
 *                  l2
 */
const base = () => [
  create({ id: 'krz', kind: 'organization', name: 'krz', type: 'provider' }),
  create({ id: 'dc', kind: 'site', name: 'DC', type: 'datacenter', organization: 'krz' }),
  create({ id: 'office', kind: 'site', name: 'Office', type: 'office' }),
  create({ id: 'r1', kind: 'device', name: 'R1', site: 'dc', role: 'router' }),
  create({ id: 'c1', kind: 'device', name: 'C1', site: 'dc', role: 'cluster' }),
  create({ id: 't1', kind: 'risk-group', name: 'Trench 1', type: 'trench' }),
  create({ id: 'l1', kind: 'link', a: 'r1', b: 'office', type: 'fibre', risk_groups: ['t1'] }),
  create({ id: 'l2', kind: 'link', a: 'r1', b: 'c1', type: 'copper' }),
  create({ id: 'fin', kind: 'application', name: 'Finanzwesen', instances: ['c1'], status: 'legacy' }),
  create({ id: 'u1', kind: 'usage', tenant: 'krz', application: 'fin', sites: ['office'] }),
];

function applied(...changes: Parameters<typeof cs>[2][]): { estate: Estate; problems: string[] } {
  const estate = new Estate();
  const problems: string[] = [];
  changes.forEach((c, i) => problems.push(...applyChangeSet(estate, cs(`cs${i}`, '2020-01-01', c)).problems.map((p) => `${p.id}.${p.field ?? ''}: ${p.message}`)));
  return { estate, problems };
}

describe('applyChangeSet', () => {
  test('a valid estate applies without problems', () => {
    const { estate, problems } = applied(base());
    assert.deepEqual(problems, []);
    assert.equal(estate.size, 10);
  });

  test('risk-group membership written on either side gives the same estate', () => {
    const onMembers = applied(base()).estate;
    const onGroup = applied(
      base().map((c) =>
        c.id === 'l1' ? create({ id: 'l1', kind: 'link', a: 'r1', b: 'office', type: 'fibre' }) : c.id === 't1' ? create({ id: 't1', kind: 'risk-group', name: 'Trench 1', type: 'trench', members: ['l1'] }) : c,
      ),
    );
    assert.deepEqual(onGroup.problems, []);
    assert.deepEqual(onGroup.estate.get('l1'), onMembers.get('l1'));
    assert.deepEqual(onGroup.estate.get('t1'), onMembers.get('t1'));
  });

  test('updating members of a risk group replaces the membership; deleting it removes it', () => {
    const { estate, problems } = applied(base(), [update('t1', { members: ['l2', 'r1'] })], [del('t1')]);
    assert.deepEqual(problems, []);
    assert.equal(estate.get('l1')!.risk_groups, undefined);
    assert.equal(estate.get('l2')!.risk_groups, undefined);
    assert.equal(estate.get('r1')!.risk_groups, undefined);
    const mid = applied(base(), [update('t1', { members: ['l2', 'r1'] })]).estate;
    assert.equal(mid.get('l1')!.risk_groups, undefined);
    assert.deepEqual(mid.get('l2')!.risk_groups, ['t1']);
    assert.deepEqual(mid.get('r1')!.risk_groups, ['t1']);
  });

  test('update is a JSON merge patch: nested merge, null removes, lists replaced', () => {
    const { estate, problems } = applied(
      [...base(), create({ id: 'x', kind: 'site', name: 'X', type: 'node', location: { lat: 52, lon: 8 }, tags: ['a', 'b'] })],
      [update('x', { location: { lat: 51 }, tags: ['c'], name: 'Y' })],
      [update('x', { tags: null })],
    );
    assert.deepEqual(problems, []);
    const x = estate.get('x')!;
    assert.deepEqual(x.location, { lat: 51, lon: 8 });
    assert.equal(x.tags, undefined);
    assert.equal(x.name, 'Y');
  });

  test('duplicate id, dangling reference, wrong kind, self-link and link to a site with devices are refused', () => {
    const { problems } = applied(base(), [
      create({ id: 'r1', kind: 'device', name: 'again', site: 'dc', role: 'router' }),
      create({ id: 'r9', kind: 'device', name: 'R9', site: 'nowhere', role: 'router' }),
      create({ id: 'r8', kind: 'device', name: 'R8', site: 'krz', role: 'router' }),
      create({ id: 'l9', kind: 'link', a: 'c1', b: 'c1', type: 'fibre' }),
      create({ id: 'l8', kind: 'link', a: 'c1', b: 'dc', type: 'fibre' }),
    ]);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0]!, /^r1\.id: duplicate id/);
    assert.match(problems.join('\n'), /r9\.site: "nowhere" does not exist/);
    assert.match(problems.join('\n'), /r8\.site: "krz" is a organization, expected a site/);
    assert.match(problems.join('\n'), /l9\.b: a link cannot connect c1 to itself/);
    assert.match(problems.join('\n'), /l8\.b: link ends at site "dc", which has devices/);
  });

  test('a device added to a site that is a link end is refused', () => {
    const { problems } = applied(base(), [create({ id: 'a9', kind: 'device', name: 'A9', site: 'office', role: 'access' })]);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /a9\.site: site "office" is a link end/);
  });

  test('deleting a referenced object is an error unless the same change set fixes the references', () => {
    const refused = applied(base(), [del('c1')]);
    assert.deepEqual(refused.problems.map((p) => p.replace(/:.*$/, '')).sort(), ['c1.', 'c1.']);
    assert.match(refused.problems.join('\n'), /still referenced by link "l2"/);
    assert.match(refused.problems.join('\n'), /still referenced by application "fin" \(instances\)/);
    const fixed = applied(base(), [create({ id: 'c2', kind: 'device', name: 'C2', site: 'dc', role: 'cluster' }), update('fin', { instances: ['c2'] }), del('l2'), del('c1')]);
    assert.deepEqual(fixed.problems, []);
  });

  test('unknown kinds and wrong types are refused with the field named', () => {
    const { problems } = applied(base(), [
      create({ id: 'm1', kind: 'moon', name: 'M' }),
      create({ id: 'l7', kind: 'link', a: 'r1', b: 'c1', type: 'fibre', length_km: 'long' }),
      create({ id: 'u7', kind: 'usage', tenant: 'krz', application: 'fin', sites: ['office'], users: 2.5 }),
    ]);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0]!, /^m1\.kind: unknown kind "moon"; kinds are organization, site/);
    assert.match(problems[1]!, /^l7\.length_km: .*expected number/);
    assert.match(problems[2]!, /^u7\.users: .*int/i);
  });

  test('update of a missing object, kind change and unknown fields are refused', () => {
    const { problems } = applied(base(), [update('nothing', { name: 'x' }), update('fin', { kind: 'site' }), update('fin', { colour: 'red' })]);
    assert.equal(problems.length, 3);
    assert.match(problems.join('\n'), /update of "nothing", which does not exist/);
    assert.match(problems.join('\n'), /kind cannot change/);
    assert.match(problems.join('\n'), /fin\.colour: unknown field "colour"/);
  });

  test('field rules: availability in (0,1], lat/lon in range, mtbf with mttr, depends_on names applications', () => {
    const { problems } = applied(base(), [
      create({ id: 'd1', kind: 'device', name: 'D', site: 'dc', role: 'server', availability: 0 }),
      create({ id: 's9', kind: 'site', name: 'S', type: 'node', location: { lat: 10, lon: 190 } }),
      create({ id: 'd2', kind: 'device', name: 'D', site: 'dc', role: 'server', mtbf_h: 1000 }),
      create({ id: 'app2', kind: 'application', name: 'A', depends_on: ['fin', { application: 'c1', coupling: 'tight' }] }),
    ]);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems.join('\n'), /d1\.availability: availability must be greater than 0/);
    assert.match(problems.join('\n'), /s9\.location\.lon: longitude/);
    assert.match(problems.join('\n'), /d2\.mttr_h: mtbf_h and mttr_h go together/);
    assert.match(problems.join('\n'), /app2\.depends_on: "c1" is a device, expected a application/);
  });
});

describe('estateAt', () => {
  test('orders by effective instant, then recording order; cancelled never applies; plans overlay', () => {
    const sets = [
      cs('init', '2017-01-01', base()),
      // recorded first but effective later: applies after the next one
      cs('late', '2019-06-01', [update('fin', { status: 'migrated' })]),
      cs('early', '2019-01-01', [update('fin', { status: 'migrating' })]),
      cs('same-day-a', '2020-01-01', [update('fin', { name: 'A' })]),
      cs('same-day-b', '2020-01-01', [update('fin', { name: 'B' })]),
      cs('cancelled', '2020-02-01', [update('fin', { name: 'C' })], 'cancelled'),
      cs('proposal', '2020-03-01', [update('fin', { status: 'joint' })], 'proposed', 'p'),
    ];
    const fin = (at: string, plan?: string) => estateAt(sets, parseInstant(at), plan).estate.get('fin');
    assert.equal(fin('2016-12-31'), undefined);
    assert.equal(fin('2017-01-01')!.status, 'legacy');
    assert.equal(fin('2019-03-01')!.status, 'migrating');
    assert.equal(fin('2019-06-01')!.status, 'migrated');
    assert.equal(fin('2020-01-01')!.name, 'B');
    assert.equal(fin('2021-01-01')!.name, 'B');
    assert.equal(fin('2021-01-01')!.status, 'migrated');
    assert.equal(fin('2021-01-01', 'p')!.status, 'joint');
    assert.equal(fin('2020-02-15', 'p')!.status, 'migrated');
  });
});

describe('time', () => {
  test('dates and date-times normalise to UTC keys; bad ones are explained', () => {
    assert.equal(parseInstant('2020-01-01'), '2020-01-01T00:00:00.000Z');
    assert.equal(parseInstant('2020-01-01T10:00+02:00'), '2020-01-01T08:00:00.000Z');
    assert.equal(parseInstant('2020-02-29T23:59:59.5Z'), '2020-02-29T23:59:59.500Z');
    for (const bad of ['2019-02-29', '2020-13-01', '2020-01-01T10:00', 'yesterday', '20200101']) {
      const r = tryParseInstant(bad);
      assert.equal(typeof r, 'object', bad);
    }
    assert.match((tryParseInstant('2020-01-01T10:00') as { error: string }).error, /no time zone/);
    assert.match((tryParseInstant(2020) as { error: string }).error, /got number 2020/);
  });
});
