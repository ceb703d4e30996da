import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readRecordedPull } from '../src/interop/netbox/readRecordedPull.js';
import { CableIndex, traceCablePath } from '../src/interop/netbox/traceCablePath.js';
import { cli } from './helpers/cli.js';
import { editedCopy, netboxDemo, netboxDemoMap, recorded } from './helpers/netboxFixture.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-nb-'));
let dbs = 0;
const freshDb = (): string => join(tmp, `nb${++dbs}.db`);
const json = async (...args: string[]): Promise<any> => {
  const r = await cli(...args, '--json');
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout);
};

describe('NetBox path tracing agrees with NetBox', () => {
  const pull = readRecordedPull(netboxDemo);
  const index = new CableIndex(pull);
  const interfaces = recorded('dcim.interfaces').results as any[];

  test('every cabled interface ends where NetBox says (connected_endpoints)', () => {
    const cabled = interfaces.filter((i) => i.cable);
    assert.ok(cabled.length > 100);
    let checked = 0;
    for (const i of cabled) {
      const t = traceCablePath(index, i.id, i.device.id);
      const ce = i.connected_endpoints as { id: number }[] | null;
      if (ce === null) {
        assert.ok(t.end.kind !== 'interface' && t.end.kind !== 'provider-network', `interface ${i.id}: NetBox has no far end, the trace found ${JSON.stringify(t.end)}`);
        continue;
      }
      const expected = i.connected_endpoints_type === 'dcim.interface' ? { kind: 'interface', id: ce[0]!.id } : { kind: 'provider-network', id: ce[0]!.id };
      assert.equal(i.connected_endpoints_type === 'dcim.interface' || i.connected_endpoints_type === 'circuits.providernetwork', true);
      assert.deepEqual({ kind: t.end.kind, id: (t.end as { id: number }).id }, expected, `interface ${i.id} (${i.device.name} ${i.name})`);
      checked++;
    }
    assert.ok(checked >= 60, `${checked} paths compared`);
  });

  test('the campus path of interface 1018 passes the cables and panels of NetBox\'s own trace', () => {
    const segments = recorded<any[]>('trace.interface.1018');
    const t = traceCablePath(index, 1018, 96);
    assert.deepEqual(t.cables, segments.map((s) => s[1].id));
    const panels = new Set(segments.flatMap((s) => [...s[0], ...s[2]]).filter((e: any) => /front-ports|rear-ports/.test(e.url)).map((e: any) => e.device.id));
    assert.deepEqual(new Set(t.panels), panels);
    assert.equal(t.trunks.length, 1);
    assert.equal(t.circuits.length, 1);
  });
});

describe('import netbox --from (recorded demo)', () => {
  const db = freshDb();

  test('imports every site, tenant, device, cable and circuit, and explains every skipped object', async () => {
    const r = await json('--db', db, 'import', 'netbox', '--from', netboxDemo, '--map', netboxDemoMap, '--user', 'ops');
    assert.equal(r.version, '4.2.9');
    assert.ok(r.changeset.startsWith('netbox-sync-'));
    assert.equal(r.objects.device, 72);
    for (const c of r.report.counts) {
      const total = Object.values(c.outcomes as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.equal(total, c.seen, `${c.endpoint}: every object has one outcome`);
      assert.equal(c.seen, recorded(c.endpoint).count, `${c.endpoint}: every recorded object is counted`);
    }
    const count = (e: string) => r.report.counts.find((c: any) => c.endpoint === e).outcomes;
    assert.deepEqual(count('dcim.devices'), { device: 72 });
    assert.deepEqual(count('dcim.sites'), { site: 24 });
    assert.deepEqual(count('tenancy.tenants'), { organization: 11 });
    assert.equal(count('dcim.cables').skipped, undefined, 'no cable is lost');
    assert.equal(count('circuits.circuits').skipped, undefined, 'no circuit is lost');
    const skippedCount = r.report.counts.reduce((n: number, c: any) => n + (c.outcomes.skipped ?? 0), 0);
    assert.equal(r.report.skipped.length, skippedCount);
    for (const s of r.report.skipped) assert.ok(s.reason.length > 10, `${s.endpoint} ${s.id} has a reason`);
    // The estate has them, each with its NetBox source.
    const devices = await json('--db', db, 'show', 'device');
    assert.equal(devices.length, 72);
    assert.deepEqual(new Set(devices.map((d: any) => d.source)).size, 72);
    assert.ok(devices.every((d: any) => /^netbox:dcim\.device:\d+$/.test(d.source)));
    const unnamed = devices.find((d: any) => d.source === 'netbox:dcim.device:98');
    assert.equal(unnamed.id, 'r105-torsw-1-98');
    const sites = await json('--db', db, 'show', 'site');
    assert.equal(sites.filter((s: any) => s.source.startsWith('netbox:dcim.site:')).length, 24);
    const links = await json('--db', db, 'show', 'link');
    // 26 direct cables + 26 circuits (13 to the MPLS provider network, 13 to the Internet) + 12 patched paths.
    assert.equal(links.length, 64);
    assert.equal(links.filter((l: any) => l.source.startsWith('netbox:circuits.circuit:')).length, 26);
    const cs = (await json('--db', db, 'changeset', 'list')).find((c: any) => c.id === r.changeset);
    assert.equal(cs.status, 'done');
    assert.equal(cs.author, 'netbox sync');
    assert.equal(cs.effective, r.pulledAt);
  });

  test('the patched campus links are one link per path, sharing panel and trunk risk groups', async () => {
    const links = await json('--db', db, 'show', 'link');
    const campus = links.filter((l: any) => l.a === 'ncsu117-distswitch1');
    assert.equal(campus.length, 4);
    for (const l of campus) assert.deepEqual(l.risk_groups, ['panel-pp-b117', 'panel-pp-mdf-2', 'trunk-pp-b117-pp-mdf-2']);
    const trunk = await json('--db', db, 'show', 'risk-group', 'trunk-pp-b117-pp-mdf-2');
    assert.match(trunk.name, /Trunk PP:B117 Rear Splice ↔ PP:MDF Rear Splice \(circuit 350927\)/);
  });

  test('a second import of the same pull writes nothing and says so', async () => {
    const before = (await json('--db', db, 'changeset', 'list')).length;
    const r = await cli('--db', db, 'import', 'netbox', '--from', netboxDemo, '--map', netboxDemoMap);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /nothing changed since the last sync: no change set written/);
    assert.equal((await json('--db', db, 'changeset', 'list')).length, before);
  });

  test('check: the trunk and patch-panel risk groups break the campus services, no single patched link does', async () => {
    const out = await cli('--db', db, 'check', '--json');
    assert.equal(out.code, 1, 'check exits 1: services fail');
    const c = JSON.parse(out.stdout);
    const s117 = c.services.find((s: any) => s.site === 'ncsu-117');
    const breakers = s117.breakers.map((b: any) => b.id);
    for (const g of ['trunk-pp-b117-pp-mdf-2', 'panel-pp-b117', 'panel-pp-mdf-2']) assert.ok(breakers.includes(g), `${g} breaks ncsu-117: ${breakers}`);
    assert.ok(!breakers.some((b: string) => b.startsWith('path-')), 'four parallel patched links: no single one breaks it');
    const akron = c.services.find((s: any) => s.site === 'dm-akron');
    assert.ok(akron.breakers.some((b: any) => b.id === 'power-dmi01-akron-pdu01'), 'the PDU feeding router and switch is a shared risk');
  });
});

describe('sync of a changed NetBox', () => {
  test('a device moved and a cable removed: one change set, history shows it; the operator\'s objects stay', async () => {
    const db = freshDb();
    await json('--db', db, 'import', 'netbox', '--from', netboxDemo, '--map', netboxDemoMap, '--at', '2026-01-05T10:00:00Z');
    // The operator's own duct on a NetBox link, and an application of their own.
    const own = join(tmp, 'own.yaml');
    writeFileSync(own, `changesets:
  - id: own-duct
    title: duct at Scranton
    effective: 2026-01-06
    status: done
    changes:
      - create: { id: duct-scranton, kind: risk-group, name: Duct Scranton, type: duct, members: [cable-52] }
      - create: { id: own-app, kind: application, name: Own app, instances: [dmi01-akron-sw01] }
`);
    assert.equal((await cli('--db', db, 'changeset', 'add', own)).code, 0);
    // In NetBox: the Akron PDU moves to Albany (device 27), cable #51 is removed.
    const changed = editedCopy((name, body) => {
      if (name === 'dcim.devices') {
        const d = body.results.find((x) => x.id === 27)!;
        d.site = { id: 3, display: 'DM-Albany', name: 'DM-Albany', slug: 'dm-albany' };
      }
      if (name === 'dcim.cables') {
        body.results = body.results.filter((x) => x.id !== 51);
        body.count--;
      }
      return body;
    });
    const dry = await cli('--db', db, 'import', 'netbox', '--from', changed, '--map', netboxDemoMap, '--dry-run', '--at', '2026-02-01T09:30:00Z');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /dry run: the sync would write 0 added, 1 removed, 1 changed/);
    assert.match(dry.stdout, /-\s+link\s+cable-51/);
    assert.match(dry.stdout, /~\s+device\s+dmi01-akron-pdu01\s+site: dm-akron → dm-albany/);
    assert.equal((await json('--db', db, 'changeset', 'list')).length, 2, 'a dry run writes nothing');

    const r = await json('--db', db, 'import', 'netbox', '--from', changed, '--map', netboxDemoMap, '--at', '2026-02-01T09:30:00Z');
    assert.equal(r.changeset, 'netbox-sync-20260201t093000z');
    assert.deepEqual(r.diff.removed.map((o: any) => o.id), ['cable-51']);
    assert.deepEqual(r.diff.changed.map((c: any) => [c.id, c.fields.map((f: any) => f.field)]), [['dmi01-akron-pdu01', ['site']]]);
    const h = await cli('--db', db, 'history', 'dmi01-akron-pdu01');
    assert.match(h.stdout, /2026-01-05 10:00 UTC\s+create\s+netbox-sync-20260105t100000z\s+done\s+netbox sync/);
    assert.match(h.stdout, /2026-02-01 09:30 UTC\s+update\s+netbox-sync-20260201t093000z\s+done\s+netbox sync\s+.*site: dm-akron → dm-albany/);
    const gone = await cli('--db', db, 'history', 'cable-51');
    assert.match(gone.stdout, /2026-02-01 09:30 UTC\s+delete\s+netbox-sync-20260201t093000z/);
    assert.deepEqual((await json('--db', db, 'show', 'link', 'cable-52')).risk_groups, ['duct-scranton'], 'the operator\'s membership stays');
    assert.equal((await json('--db', db, 'show', 'application', 'own-app')).source, undefined);
    // The estate before the sync is still there.
    assert.equal((await json('--db', db, 'show', 'device', 'dmi01-akron-pdu01', '--at', '2026-01-20')).site, 'dm-akron');
  });
});

describe('statuses', () => {
  test('a planned circuit and a decommissioning cable are no links, each skipped with its NetBox status', async () => {
    const dir = editedCopy((name, body) => {
      if (name === 'circuits.circuits') Object.assign(body.results.find((c) => c.id === 19)!, { status: { value: 'planned', label: 'Planned' }, install_date: '2027-03-01' });
      if (name === 'dcim.cables') body.results.find((c) => c.id === 51)!.status = { value: 'decommissioning', label: 'Decommissioning' };
      if (name === 'dcim.devices') body.results.find((d) => d.id === 27)!.status = { value: 'offline', label: 'Offline' };
      return body;
    });
    const r = await json('--db', freshDb(), 'import', 'netbox', '--from', dir);
    const skipped = (endpoint: string, id: number) => r.report.skipped.find((s: any) => s.endpoint === endpoint && s.id === id)?.reason;
    assert.equal(skipped('circuits.circuits', 19), 'circuit 1002840283 is planned in NetBox (install date 2027-03-01)');
    assert.equal(skipped('dcim.cables', 51), 'cable #51 is decommissioning in NetBox');
    assert.equal(r.diff.added.find((o: any) => o.id === 'dmi01-akron-pdu01').status, 'retired');
    assert.ok(!r.diff.added.some((o: any) => o.id === 'circuit-1002840283' || o.id === 'cable-51'));
  });
});

describe('import netbox: bad input', () => {
  test('an unknown NetBox major version is refused', async () => {
    const dir = editedCopy((name, body) => (name === 'status' ? { ...(body as object), 'netbox-version': '5.0.1' } : body));
    const r = await cli('--db', freshDb(), 'import', 'netbox', '--from', dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NetBox 5\.0\.1 is of major version 5; the import knows 4\.x/);
  });

  test('a mapping file naming nothing in the pull: every reference listed, nothing written', async () => {
    const map = join(tmp, 'bad-map.yaml');
    writeFileSync(map, 'applications:\n  - { id: x, name: X, instances: [no-such-device] }\nusages:\n  - { tenant: nobody, application: x, sites: [dm-akron] }\n');
    const db = freshDb();
    const r = await cli('--db', db, 'import', 'netbox', '--from', netboxDemo, '--map', map);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad-map\.yaml: applications\[0\]\.instances\[0\]: no imported NetBox device, cluster:NAME or vm:NAME "no-such-device"/);
    assert.match(r.stderr, /bad-map\.yaml: usages\[0\]\.tenant: no NetBox tenant with slug "nobody"/);
    assert.equal((await json('--db', db, 'changeset', 'list')).length, 0);
  });

  test('a folder without the endpoint files names what is missing', async () => {
    const r = await cli('--db', freshDb(), 'import', 'netbox', '--from', tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no status\.json/);
  });
});

describe('circuit groups → declared redundancy (on the recorded demo extended by hand)', () => {
  // The demo has no circuit groups. This test adds two to a copy of the recorded answers, in
  // the shape of NetBox 4.2's circuit-groups and circuit-group-assignments (member_type/member_id):
  // the two WAN circuits of Akron (Internet 1002840283 = id 19, MPLS KKDG4923 = id 1), and two
  // campus dark-fibre circuits (350927 = id 29, 319031 = id 28), which the patched links carry.
  const brief = (id: number, slug: string, name: string) => ({ id, url: `http://127.0.0.1:8765/api/circuits/circuit-groups/${id}/`, display: name, name, slug, description: '' });
  const groups = [brief(1, 'akron-wan', 'Akron WAN'), brief(2, 'campus-fibre', 'Campus fibre')];
  const assignment = (id: number, group: ReturnType<typeof brief>, circuit: number) => ({
    id,
    url: `http://127.0.0.1:8765/api/circuits/circuit-group-assignments/${id}/`,
    display: `${group.name}: circuit ${circuit}`,
    group,
    member_type: 'circuits.circuit',
    member_id: circuit,
    member: { id: circuit, url: `http://127.0.0.1:8765/api/circuits/circuits/${circuit}/` },
    priority: { value: 'primary', label: 'Primary' },
    tags: [],
  });
  const assignments = [assignment(1, groups[0]!, 19), assignment(2, groups[0]!, 1), assignment(3, groups[1]!, 29), assignment(4, groups[1]!, 28)];
  const extended = editedCopy((name, body) => {
    if (name === 'circuits.circuit-groups') return { ...body, count: 2, results: groups.map((g) => ({ ...g, tenant: null, tags: [], custom_fields: {}, circuit_count: 2 })) };
    if (name === 'circuits.circuit-group-assignments') return { ...body, count: 4, results: assignments };
    return body;
  });

  test('check reports each group as proven or refuted with what they share, as failing each element one by one says', async () => {
    const db = freshDb();
    const r = await json('--db', db, 'import', 'netbox', '--from', extended);
    assert.deepEqual(r.report.counts.find((c: any) => c.endpoint === 'circuits.circuit-groups').outcomes, { 'declared redundancy (redundancy_group), verified by check': 2 });
    const out = await cli('--db', db, 'check', '--json');
    const declared = JSON.parse(out.stdout).declared;
    assert.deepEqual(declared.map((d: any) => [d.group, d.verdict, d.shared.map((x: any) => x.id)]), [
      ['akron-wan', 'refuted', ['dmi01-akron-rtr01', 'power-dmi01-akron-pdu01']],
      ['campus-fibre', 'proven', []],
    ]);
    assert.equal(declared[1].links.length, 8, 'the two fibre circuits carry 4 patched links each');
    // Oracle: fail every link, device and risk group alone; the group is down when all its links are.
    const objects = [...(await json('--db', db, 'show', 'link')), ...(await json('--db', db, 'show', 'device')), ...(await json('--db', db, 'show', 'risk-group'))];
    const byId = new Map(objects.map((o: any) => [o.id, o]));
    const linkDown = (l: any, e: any): boolean => {
      if (e.kind === 'link') return l.id === e.id;
      if (e.kind === 'device') return l.a === e.id || l.b === e.id;
      const member = (o: any) => (o?.risk_groups ?? []).includes(e.id);
      return member(l) || member(byId.get(l.a)) || member(byId.get(l.b));
    };
    for (const d of declared) {
      const links = d.links.map((id: string) => byId.get(id));
      const killers = objects.filter((e: any) => links.every((l: any) => linkDown(l, e))).map((e: any) => e.id).sort();
      assert.deepEqual(d.shared.map((x: any) => x.id), killers, d.group);
    }
    const text = await cli('--db', db, 'check');
    assert.match(text.stdout, /akron-wan\s+circuit-1002840283, circuit-kkdg4923\s+declared redundant, refuted \(shared dmi01-akron-rtr01, power-dmi01-akron-pdu01\)/);
    assert.match(text.stdout, /campus-fibre\s+.*declared redundant, proven/);
  });
});
