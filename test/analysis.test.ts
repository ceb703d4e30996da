/**
 * The analyses as users call them: `check`, `what-if` and `timeline check` on the OWL-IT
 * example and on a raw network, with every JSON answer validated against its documented
 * schema (docs/schemas).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { cli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'verbund-analysis-'));
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
// Every published schema, the requests' (docs/schemas/requests) too.
for (const f of readdirSync(join(root, 'docs', 'schemas'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(join(root, 'docs', 'schemas', f), 'utf8')));

function valid(schema: string, value: unknown): void {
  const validate = ajv.getSchema(`https://verbund.invalid/schemas/${schema}.schema.json`)!;
  assert.ok(validate(value), `${schema}: ${ajv.errorsText(validate.errors)}`);
}

async function json(...args: string[]): Promise<{ code: number; body: any }> {
  const r = await cli(...args, '--json');
  assert.ok(r.stdout.length > 0, r.stderr);
  return { code: r.code, body: JSON.parse(r.stdout) };
}

describe('analyses on the OWL-IT example', () => {
  const db = join(tmp, 'owl.db');
  before(async () => {
    const r = await cli('--db', db, 'import', join(root, 'examples', 'owl-it'));
    assert.equal(r.code, 0, r.stderr);
  });

  test('check finds the weak spots the example was built with, and exits 1', async () => {
    const { code, body } = await json('--db', db, 'check', '--at', '2026-11-27');
    valid('check', body);
    assert.equal(code, 1);
    const spof = (id: string) => body.spofs.find((s: { element: string }) => s.element === id);
    assert.equal(spof('duct-lemgo-nord').breaks.length, 84);
    assert.equal(spof('duct-lemgo-nord').tenants.reduce((n: number, t: { users: number }) => n + t.users, 0), 7410);
    assert.equal(spof('power-pb-umspannwerk').breaks.length, 42);
    assert.equal(spof('lemgo-dc').breaks.length, body.summary.services);
    for (const id of ['luegde-rathaus-ar-1', 'rt-blomberg', 'node-blomberg']) assert.deepEqual(new Set(spof(id).breaks.map((b: { tenant: string }) => b.tenant)), new Set(['luegde']));
    assert.equal(spof('trench-detmolder-str'), undefined, 'one trench alone is no SPOF: the other line remains');
  });

  test('check: redundant and georedundant, the accepted data-center risk, and what makes it exit 1', async () => {
    const { code, body } = await json('--db', db, 'check', '--at', '2026-11-27');
    // One data center: no service is georedundant, so none survives every single failure ...
    assert.deepEqual([body.summary.services, body.summary.georedundant, body.summary.surviving], [150, 0, 0]);
    // ... but 49 have two independent lines: the ones not behind the duct, the Paderborn feed,
    // the Lügde spur or the single ratsinfo instance.
    assert.equal(body.summary.redundant, 49);
    const service = (usage: string, site: string) => body.services.find((s: { usage: string; site: string }) => s.usage === usage && s.site === site);
    assert.deepEqual([service('u-blomberg-finanzwesen', 'blomberg-rathaus').redundant, service('u-blomberg-finanzwesen', 'blomberg-rathaus').georedundant], [true, false]);
    for (const [usage, site] of [['u-luegde-finanzwesen', 'luegde-rathaus'], ['u-paderborn-finanzwesen', 'pb-rathaus'], ['u-lemgo-ratsinfo', 'lemgo-rathaus']]) assert.equal(service(usage!, site!).redundant, false, usage);
    for (const s of body.services) assert.equal(s.survives, s.redundant && s.georedundant);
    const dc = body.spofs.find((s: { element: string }) => s.element === 'lemgo-dc');
    assert.deepEqual([dc.gap, dc.status, dc.acceptance.id, dc.acceptance.reviewBy, dc.acceptance.expired], ['georedundancy', 'accepted', 'ra-lemgo-dc-einziges-rz', '2027-06-30', false]);
    const open = body.spofs.filter((s: { status: string }) => s.status === 'open');
    assert.equal(open.length, 8);
    assert.ok(open.every((s: { gap: string; acceptance: unknown }) => s.gap === 'redundancy' && s.acceptance === null));
    assert.deepEqual([body.summary.open, body.summary.accepted], [8, 1]);
    assert.deepEqual(body.warnings, []);
    assert.ok(body.applications.every((a: { datacenters: { sites: string[]; flag: string } }) => a.datacenters.flag === 'single' && a.datacenters.sites[0] === 'lemgo-dc'));
    assert.equal(code, 1, 'open SPOFs on redundancy');
    assert.equal((await cli('--db', db, 'check', '--at', '2026-11-27', '--fail-on', 'never')).code, 0);

    // Past its review date the acceptance no longer holds: open again, and warned about.
    const late = await cli('--db', db, 'check', '--at', '2027-07-01', '--json');
    const lateDc = JSON.parse(late.stdout).spofs.find((s: { element: string }) => s.element === 'lemgo-dc');
    assert.deepEqual([lateDc.status, lateDc.acceptance.expired], ['open', true]);
    assert.match(late.stderr, /warning: the acceptance ra-lemgo-dc-einziges-rz of lemgo-dc was due for review by 2027-06-30/);
  });

  test('check exits 0 once every redundancy SPOF is accepted; --fail-on any and --georedundancy tighten it', async () => {
    const own = join(tmp, 'owl-accepted.db');
    assert.equal((await cli('--db', own, 'import', join(root, 'examples', 'owl-it'))).code, 0);
    const open = ['duct-lemgo-nord', 'power-pb-umspannwerk', 'lem-vmc-a', 'power-lemgo-usv-a', 'luegde-rathaus-ar-1', 'node-blomberg', 'rt-blomberg', 'up-luegde-rathaus-ar-1'];
    const file = join(tmp, 'accept.yaml');
    writeFileSync(
      file,
      `changesets:\n  - id: cs-accept-all\n    title: accept every open SPOF\n    effective: 2026-11-01\n    status: done\n    changes:\n${open
        .map((id) => `      - create: { kind: risk-acceptance, id: ra-${id}, name: ${id}, element: ${id}, reason: test, accepted_by: tester, accepted_on: 2026-11-01, review_by: 2026-12-31 }`)
        .join('\n')}\n`,
    );
    const added = await cli('--db', own, 'changeset', 'add', file);
    assert.equal(added.code, 0, added.stderr);
    const at = ['--at', '2026-11-27'];
    assert.equal((await cli('--db', own, 'check', ...at)).code, 0, 'only accepted SPOFs remain');
    assert.equal((await cli('--db', own, 'check', ...at, '--fail-on', 'any')).code, 1);
    assert.equal((await cli('--db', own, 'check', ...at, '--georedundancy')).code, 0, 'the data center is accepted too');
    // In 2027 the test acceptances are overdue, and the data-center one too from July.
    assert.equal((await cli('--db', own, 'check', '--at', '2027-01-15')).code, 1);
    // A review before the acceptance, and a dangling element, are refused like any bad field.
    const bad = async (element: string, reviewBy: string): Promise<string> => {
      writeFileSync(file, `changesets:\n  - id: cs-bad\n    title: bad\n    effective: 2026-11-02\n    status: done\n    changes:\n      - create: { kind: risk-acceptance, id: ra-bad, name: bad, element: ${element}, reason: x, accepted_by: me, accepted_on: 2026-11-02, review_by: ${reviewBy} }\n`);
      const r = await cli('--db', own, 'changeset', 'add', file);
      assert.equal(r.code, 2, r.stderr);
      return r.stderr;
    };
    assert.match(await bad('lemgo-dc', '2026-01-01'), /ra-bad\.review_by: review_by 2026-01-01 is before accepted_on 2026-11-02/);
    assert.match(await bad('no-such-duct', '2027-01-01'), /no-such-duct/);
  });

  test('what-if of a trench: nothing down, services on one line lose their redundancy', async () => {
    const { body } = await json('--db', db, 'what-if', '--fail', 'trench-detmolder-str', '--at', '2026-11-27');
    valid('what-if', body);
    assert.equal(body.down.length, 0);
    assert.deepEqual(body.unresolved, []);
    // Paderborn's services now hang on line B alone: its routers newly break them.
    assert.ok(body.degraded.length > 0);
    const pb = body.degraded.find((d: { usage: string; site: string }) => d.usage === 'u-paderborn-finanzwesen' && d.site === 'pb-rathaus');
    assert.ok(pb, 'the Paderborn town hall lost redundancy');
    assert.ok(pb.newBreakers.length > 0);
    assert.ok(!pb.newBreakers.some((e: { id: string }) => e.id === 'trench-detmolder-str'));
  });

  test('what-if of the duct: Paderborn is cut off, grouped by tenant and application', async () => {
    const { body } = await json('--db', db, 'what-if', '--fail', 'duct-lemgo-nord', '--at', '2026-11-27');
    valid('what-if', body);
    assert.equal(body.down.length, 84);
    assert.deepEqual(body.unresolved, []);
    assert.ok(body.byTenant.some((t: { tenant: string; down: number }) => t.tenant === 'paderborn' && t.down > 0));
    assert.ok(body.components.length >= 2);
  });

  test('what-if refuses an id that does not exist at that date, or cannot fail, naming every one; a retired device fails nothing', async () => {
    // pbdc-rt-1 was deleted in June 2020; nonexistent never was; finanzwesen is an application.
    const r = await cli('--db', db, 'what-if', '--fail', 'duct-lemgo-nord,pbdc-rt-1,nonexistent', '--at', '2026-11-27');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"pbdc-rt-1" does not exist at this date; "nonexistent" does not exist at this date/);
    assert.equal(r.stdout, '');
    const kind = await cli('--db', db, 'what-if', '--fail', 'finanzwesen', '--at', '2026-11-27', '--json');
    assert.equal(kind.code, 2);
    assert.match(kind.stderr, /"finanzwesen" is an application; fail a device, link, site or risk group/);
    // Retired (between the joint start and its deletion): it exists, carries no traffic, fails nothing.
    const retired = await cli('--db', db, 'what-if', '--fail', 'pbdc-rt-1', '--at', '2020-03-01');
    assert.equal(retired.code, 0, retired.stderr);
    assert.match(retired.stderr, /"pbdc-rt-1" is out of service at this date .*failing it changes nothing/);
    assert.match(retired.stdout, /0 services down/);
  });

  test('timeline check reports every date and the change sets that cost redundancy', async () => {
    const { body } = await json('--db', db, 'timeline', 'check');
    valid('timeline-check', body);
    const list = JSON.parse((await cli('--db', db, 'changeset', 'list', '--json')).stdout) as { effectiveKey: string; status: string }[];
    const dates = new Set(list.filter((c) => c.status === 'done' || c.status === 'scheduled').map((c) => c.effectiveKey));
    assert.deepEqual(new Set(body.steps.map((s: { at: string }) => s.at)), dates);
    for (const s of body.steps) assert.equal(s.surviving + s.failing, s.services);
    // Line A alone (2018-09-29) made Altenbeken depend on one Paderborn router; line B (2019-02-23) fixed it.
    const step = (at: string) => body.steps.find((s: { at: string }) => s.at.startsWith(at));
    assert.ok(step('2018-09-29').weakened.some((w: { tenant: string }) => w.tenant === 'altenbeken'));
    assert.ok(step('2019-02-23').strengthened.some((w: { tenant: string }) => w.tenant === 'altenbeken'));
    const withPlan = await json('--db', db, 'timeline', 'check', '--plan', 'zweite-hauseinfuehrung');
    valid('timeline-check', withPlan.body);
    assert.ok(withPlan.body.steps.some((s: { changesets: { status: string }[] }) => s.changesets.some((c) => c.status === 'proposed')));
    // Redundancy is counted at every date: the second building entry makes the services behind the duct redundant.
    for (const s of body.steps) assert.ok(s.redundant >= s.surviving && s.redundant <= s.services);
    const entry = withPlan.body.steps.find((s: { at: string }) => s.at.startsWith('2027-04-17'));
    assert.deepEqual([entry.redundant, entry.regainedRedundancy.length, entry.lostRedundancy.length], [83, 34, 0]);
    assert.ok(entry.regainedRedundancy.some((x: { tenant: string }) => x.tenant === 'detmold'), 'Detmold was behind the duct only');
    assert.ok(!entry.regainedRedundancy.some((x: { tenant: string }) => x.tenant === 'borchen'), 'Borchen still hangs on the Paderborn feed');
    const shown = await json('--db', db, 'plan', 'show', 'zweite-hauseinfuehrung');
    valid('plan-show', shown.body);
    assert.deepEqual([shown.body.steps[0].verdict.redundant, shown.body.steps[0].verdict.regainedRedundancy, shown.body.steps[0].verdict.surviving], [83, 34, 0]);
  });
});

describe('analyses on a raw network', () => {
  test('check of an imported Topology Zoo network reports the whole network and exits 0', async () => {
    const db = join(tmp, 'dfn.db');
    assert.equal((await cli('--db', db, 'import', join(root, 'test', 'fixtures', 'topologyzoo', 'Dfn.graphml'))).code, 0);
    const { code, body } = await json('--db', db, 'check');
    valid('check', body);
    assert.equal(code, 0);
    assert.equal(body.summary.services, 0);
    assert.equal(body.network.nodes, 58);
    assert.equal(body.network.links, 87);
    assert.ok(body.network.articulationPoints.length > 0);
    const cut = body.network.articulationPoints[0];
    const w = await json('--db', db, 'what-if', '--fail', cut);
    valid('what-if', w.body);
    assert.ok(w.body.components.length >= 2, 'failing an articulation point splits the network');
  });
});

describe('availability', () => {
  test('per service figures with dominant cut sets and a Monte Carlo interval', async () => {
    const db = join(tmp, 'owl-av.db');
    assert.equal((await cli('--db', db, 'import', join(root, 'examples', 'owl-it'))).code, 0);
    const { code, body } = await json('--db', db, 'availability', '--at', '2026-11-27', '--tenant', 'altenbeken', '--monte-carlo', '20000');
    valid('availability', body);
    assert.equal(code, 0);
    assert.ok(body.services.length > 0);
    for (const s of body.services) {
      assert.equal(s.tenant, 'altenbeken');
      assert.ok(s.availability > 0.99 && s.availability < 1);
      assert.ok(s.cutSets.some((c: { elements: string[] }) => c.elements.includes('duct-lemgo-nord')), 'the shared duct is a cut set');
      assert.ok(s.monteCarlo.low <= s.unavailability * 1.2 && s.monteCarlo.high >= s.unavailability * 0.8, 'Monte Carlo agrees roughly');
    }
  });
});

describe('paths', () => {
  test('the Paderborn town hall has no independent paths to finance: both lines share the Lemgo duct', async () => {
    const db = join(tmp, 'owl-paths.db');
    assert.equal((await cli('--db', db, 'import', join(root, 'examples', 'owl-it'))).code, 0);
    const none = await json('--db', db, 'paths', 'pb-rathaus', 'finanzwesen', '--at', '2026-11-27');
    valid('paths', none.body);
    assert.equal(none.code, 1);
    assert.equal(none.body.status, 'none');
    assert.ok(none.body.reason.elements.some((e: { id: string }) => e.id === 'duct-lemgo-nord'));
    assert.equal(none.body.nodeLinkDisjoint.status, 'found', 'device- and link-disjoint paths exist: the two fibre lines');
    const found = await json('--db', db, 'paths', 'blomberg-rathaus', 'finanzwesen-lippe', '--at', '2026-11-27');
    valid('paths', found.body);
    assert.equal(found.code, 0);
    assert.equal(found.body.paths.length, 2);
    const [a, b] = found.body.paths as { links: string[]; nodes: string[] }[];
    assert.equal(a!.links.filter((l) => b!.links.includes(l)).length, 0, 'no shared link');
    // A service's paths agree with check: ratsinfo runs on one instance, which check names as a breaker.
    const single = await json('--db', db, 'paths', 'lemgo-rathaus', 'ratsinfo', '--at', '2026-11-27');
    valid('paths', single.body);
    assert.deepEqual([single.code, single.body.mode, single.body.status, single.body.reason.kind], [1, 'service', 'none', 'cut']);
    assert.deepEqual(single.body.shareable.sort(), ['lemgo-dc', 'lemgo-rathaus']);
    assert.ok(single.body.reason.elements.some((e: { id: string }) => e.id === 'lem-vmc-a'));
    // The one path there is comes with the cut (the map draws it), through the breaker.
    assert.equal(single.body.reason.path.nodes.at(-1), 'lem-vmc-a');
    const checked = await json('--db', db, 'check', '--at', '2026-11-27');
    const service = checked.body.services.find((s: { usage: string; site: string }) => s.usage === 'u-lemgo-ratsinfo' && s.site === 'lemgo-rathaus');
    assert.ok(service.breakers.some((b: { id: string }) => b.id === 'lem-vmc-a'));
    assert.equal(service.redundant, false);
    // Node to node, the one instance is a shared end.
    const nodeToNode = await json('--db', db, 'paths', 'lemgo-rathaus-ar-1', 'lem-vmc-a', '--at', '2026-11-27');
    assert.deepEqual([nodeToNode.body.mode, nodeToNode.body.shareable], ['nodes', []]);
    // An application without instances: the answer none, with that reason, not an error.
    const file = join(tmp, 'no-instances.yaml');
    writeFileSync(file, 'changesets:\n  - id: cs-new-app\n    title: new app\n    effective: 2026-11-01\n    status: done\n    changes:\n      - create: { kind: application, id: wahlen, name: Wahlen }\n');
    assert.equal((await cli('--db', db, 'changeset', 'add', file)).code, 0);
    const empty = await json('--db', db, 'paths', 'lemgo-rathaus', 'wahlen', '--at', '2026-11-27');
    valid('paths', empty.body);
    assert.deepEqual([empty.code, empty.body.status, empty.body.reason.kind, empty.body.nodeLinkDisjoint.reason.kind], [1, 'none', 'no-instances', 'no-instances']);
    assert.match(empty.body.reason.message, /wahlen has no instance in service/);
    const bad = await cli('--db', db, 'paths', 'duct-lemgo-nord', 'finanzwesen');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /is a risk-group; give a device, a site or an application/);
  });
});
