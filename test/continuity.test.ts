/**
 * Business continuity in the model and in `check`: recovery targets and failover tests are
 * validated field by field; the continuity section of `check` names applications never
 * tested, overdue or failed, and a tenant sees only its own applications without the
 * operator's device ids.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { scopeCheck } from '../src/service/tenantReports.js';
import type { CheckReport } from '../src/service/checkReport.js';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';
import { owlDatabase } from './helpers/owlDatabase.js';
import { assertSchema } from './helpers/schemas.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-continuity-'));
const base = `
sites: [{ id: dc, name: DC, type: datacenter }, { id: office, name: Office, type: office }]
devices:
  - { id: srv-a, name: A, site: dc, role: server }
  - { id: srv-b, name: B, site: dc, role: server }
links: [{ id: l1, a: srv-a, b: office, type: fibre }, { id: l2, a: srv-b, b: office, type: fibre }]
organizations: [{ id: town, name: Town, type: municipality }]
`;

async function importText(name: string, text: string): Promise<{ code: number; stderr: string; db: string }> {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, text);
  const db = join(tmp, `${name}.db`);
  const r = await cli('--db', db, 'import', file);
  return { code: r.code, stderr: r.stderr, db };
}

describe('recovery targets and failover tests in estate files', () => {
  test('a WAZ/RTO above the MTA, a bad criticality and a test due before it took place are refused, each named', async () => {
    const r = await importText(
      'bad',
      `${base}
applications:
  - { id: app, name: App, instances: [srv-a, srv-b], recovery: { rto_h: 48, mtd_h: 24 } }
  - { id: app2, name: App 2, instances: [srv-a], recovery: { criticality: urgent } }
usages: [{ id: u, tenant: town, application: app, sites: [office], users: 5, recovery: { emergency_level: 1.5 } }]
failover_tests:
  - { id: ft, name: Test, date: 2026-03-01, failed: [srv-a], mode: drill, result: passed }
  - { id: ft2, name: Test 2, date: 2026-03-01, failed: [srv-a], mode: planned, result: passed, next_due: 2026-02-01 }
`,
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /app\.recovery\.rto_h: the recovery time \(WAZ\/RTO, 48 h\) cannot exceed the maximum tolerable downtime \(MTA, 24 h\)/);
    assert.match(r.stderr, /app2\.recovery\.criticality/);
    assert.match(r.stderr, /u\.recovery\.emergency_level/);
    assert.match(r.stderr, /ft\.mode/);
    assert.match(r.stderr, /ft2\.next_due: the next test \(2026-02-01\) must come after this one \(2026-03-01\)/);
  });

  test('a failover test names existing elements; check reports never tested, overdue, failed and current', async () => {
    const bad = await importText('dangling', `${base}\nfailover_tests: [{ id: ft, name: T, date: 2026-03-01, failed: [nope], mode: planned, result: passed }]\n`);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /ft\.failed: "nope" does not exist/);
    const ok = await importText(
      'good',
      `${base}
applications:
  - { id: tested, name: T, instances: [srv-a], recovery: { rto_h: 4, criticality: critical } }
  - { id: untested, name: U, instances: [srv-a, srv-b], recovery: { rto_h: 8 } }
  - { id: app-no-targets, name: N, instances: [srv-a] }
  - { id: broken, name: B, instances: [srv-b], recovery: { rto_h: 8 } }
usages: [{ id: u, tenant: town, application: tested, sites: [office], users: 5 }]
failover_tests:
  - { id: ft-app, name: App, date: 2025-03-01, failed: [tested], mode: planned, result: passed }
  - { id: ft-srv-b, name: B, date: 2025-06-01, failed: [srv-b], mode: real, result: failed, findings: no switch-over }
`,
    );
    assert.equal(ok.code, 0, ok.stderr);
    const at = async (date: string): Promise<CheckReport> => {
      const r = await cli('--db', ok.db, 'check', '--at', date, '--json');
      const report = JSON.parse(r.stdout) as CheckReport;
      assertSchema('check', report);
      return report;
    };
    const early = await at('2025-04-01');
    const status = (r: CheckReport): Record<string, string> => Object.fromEntries(r.continuity.applications.map((a) => [a.application, a.status]));
    // `broken` runs on srv-b, whose test of 2025-06-01 lies ahead; `tested` was tested itself.
    assert.deepEqual(status(early), { broken: 'never', tested: 'current', untested: 'never' });
    const late = await at('2026-04-01');
    // No next_due: a year after the test. `untested` runs on srv-b too, so the failed test covers it.
    assert.deepEqual(status(late), { broken: 'failed', tested: 'overdue', untested: 'failed' });
    assert.equal(late.continuity.applications.find((a) => a.application === 'tested')!.nextDue, '2026-03-01');
    const text = await cli('--db', ok.db, 'check', '--at', '2026-04-01');
    assert.match(text.stderr, /warning: tested: failover test overdue since 2026-03-01 \(last: ft-app, 2025-03-01\)/);
    assert.match(text.stderr, /warning: broken: the latest failover test ft-srv-b \(2025-06-01\) failed/);
  });
});

describe('check flags the targets the estate cannot deliver', () => {
  test('an RTO the restore order of the lost data center misses, and an availability target the topology does not reach; the others not', async () => {
    const r = await importText(
      'targets',
      `${base.replace('{ id: srv-a, name: A, site: dc, role: server }', '{ id: srv-a, name: A, site: dc, role: server, availability: 0.99 }')}
applications:
  - { id: base-app, name: Base, instances: [srv-a, srv-b], recovery: { rto_h: 1 } }
  - { id: top, name: Top, instances: [srv-a, srv-b], depends_on: [base-app], recovery: { rto_h: 1, criticality: low } }
  - { id: relaxed, name: Relaxed, instances: [srv-a, srv-b], recovery: { rto_h: 24 } }
  - { id: fragile, name: Fragile, instances: [srv-a], target_availability: 0.999 }
  - { id: sturdy, name: Sturdy, instances: [srv-a, srv-b], target_availability: 0.9 }
usages:
  - { id: u-top, tenant: town, application: top, sites: [office], users: 5 }
  - { id: u-base, tenant: town, application: base-app, sites: [office], users: 50 }
  - { id: u-relaxed, tenant: town, application: relaxed, sites: [office], users: 5 }
  - { id: u-fragile, tenant: town, application: fragile, sites: [office], users: 5 }
  - { id: u-sturdy, tenant: town, application: sturdy, sites: [office], users: 5 }
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const c = await cli('--db', r.db, 'check', '--at', '2026-06-01', '--targets', '--json');
    const report = JSON.parse(c.stdout) as CheckReport;
    assertSchema('check', report);
    const t = report.continuity.targets!;
    // The only data center is lost; one application an hour: base-app first (1 h), top after it (2 h > 1 h).
    assert.deepEqual(t.scenario!.fail, ['dc']);
    assert.equal(t.scenario!.chosen, 'worst-datacenter');
    assert.deepEqual(
      t.flags.map((f) => [f.application, f.target, f.wanted, f.actual, f.why]),
      [
        ['fragile', 'availability', 0.999, t.flags.find((f) => f.application === 'fragile')!.actual, null],
        ['top', 'rto', 1, 2, 'dependency-chain'],
      ],
    );
    assert.ok(t.flags[0]!.actual <= 0.99, String(t.flags[0]!.actual));
    assert.deepEqual(t.flags[1]!.tenants, ['town']);
    const text = await cli('--db', r.db, 'check', '--at', '2026-06-01', '--targets');
    assert.match(text.stderr, /warning: top: WAZ\/RTO 1 h missed in the restore order \(useful again after 2 h, dependency-chain\)/);
    assert.match(text.stderr, /warning: fragile: availability target not reached/);
    assert.doesNotMatch(text.stderr, /(base-app|relaxed|sturdy): (WAZ|availability)/);
    assert.match(text.stdout, /targets the estate cannot deliver \(2; restore order of the worst data-center loss: dc\)/);
    assert.doesNotMatch(text.stdout, /not judged/);
    // --application judges the application checked only.
    const one = JSON.parse((await cli('--db', r.db, 'check', '--at', '2026-06-01', '--application', 'sturdy', '--targets', '--json')).stdout) as CheckReport;
    assert.deepEqual(one.continuity.targets!.flags, []);
    // Opt-in: without --targets no restore order and no availability analysis, no warnings of
    // them, and one line that says how to ask for them.
    const none = JSON.parse((await cli('--db', r.db, 'check', '--at', '2026-06-01', '--json')).stdout) as CheckReport;
    assert.equal(none.continuity.targets, undefined);
    const plain = await cli('--db', r.db, 'check', '--at', '2026-06-01');
    assert.doesNotMatch(plain.stderr, /WAZ\/RTO|availability target/);
    assert.doesNotMatch(plain.stdout, /targets the estate cannot deliver/);
    assert.equal(plain.stdout.split('\n').filter((l) => /recovery targets: not judged \(verbund check --targets, or --scenario FILE/.test(l)).length, 1, plain.stdout);
  });
});

for (const dialect of dialects.slice(0, 1)) {
  describe(`failover tests of the OWL-IT example (${dialect.name})`, () => {
    const owl = owlDatabase(dialect);
    test('one test done and current, one overdue; a tenant sees its applications without device ids', async () => {
      const r = await cli('--db', owl.url, 'check', '--at', '2026-12-01', '--json');
      const report = JSON.parse(r.stdout) as CheckReport;
      assertSchema('check', report);
      const byApp = new Map(report.continuity.applications.map((a) => [a.application, a]));
      assert.equal(byApp.get('datenbank-lemgo')!.status, 'overdue');
      assert.equal(byApp.get('datenbank-lemgo')!.lastTest!.id, 'ft-2024-09-power-a');
      assert.equal(byApp.get('finanzwesen')!.status, 'current');
      assert.equal(byApp.get('finanzwesen')!.lastTest!.id, 'ft-2026-03-vmc-a');
      const lemgo = scopeCheck(report, { tenant: 'lemgo', visible: (id) => ['lemgo', 'finanzwesen', 'datenbank-lemgo', 'verzeichnisdienst'].includes(id) || id.startsWith('u-lemgo-') });
      assertSchema('check', lemgo);
      const apps = lemgo.continuity.applications.map((a) => a.application);
      assert.ok(apps.includes('finanzwesen-lippe') && !apps.includes('einwohnerwesen-gkd'), apps.join(', '));
      for (const a of lemgo.continuity.applications) assert.ok(a.lastTest === null || (a.lastTest.id === null && a.lastTest.failed.length === 0));
    });

    test('targets: the worst data-center loss misses no RTO; the ransomware scenario one, as the report says', async () => {
      const dc = JSON.parse((await cli('--db', owl.url, 'check', '--at', '2026-12-01', '--targets', '--json')).stdout) as CheckReport;
      assert.deepEqual(dc.continuity.targets!.scenario!.fail, ['lemgo-dc']);
      assert.deepEqual(dc.continuity.targets!.flags, []);
      const scenario = join(import.meta.dirname, '..', 'examples', 'scenarios', 'ransomware-lemgo-dc.yaml');
      const r = await cli('--db', owl.url, 'check', '--at', '2026-12-01', '--scenario', scenario, '--json');
      const report = JSON.parse(r.stdout) as CheckReport;
      assertSchema('check', report);
      const t = report.continuity.targets!;
      assert.equal(t.scenario!.chosen, 'given');
      assert.deepEqual(t.flags.map((f) => [f.application, f.target, f.wanted, f.actual, f.why]), [['datenbank-gkd', 'rto', 12, 14, 'capacity']]);
      // The same miss as the restore plan of that scenario names.
      const plan = JSON.parse((await cli('--db', owl.url, 'plan', 'restore', '--name', 'x', '--scenario', scenario, '--dry-run', '--json')).stdout) as { misses: { application: string; target: string }[] };
      assert.deepEqual([...new Set(plan.misses.filter((m) => m.target === 'rto').map((m) => m.application))], ['datenbank-gkd']);
    });
  });
}

describe('the targets and the restore order over the API', () => {
  let f: ApiFixture;
  before(async () => {
    f = await apiFixture(dialects[0]!);
  });
  after(async () => f.cleanup());

  test('check?targets=true judges them (a tenant its own); POST /plans/restore: a dry run for a viewer, a write for a planner', async () => {
    const staff = await f.call('viewer', { method: 'GET', url: '/api/v1/check?at=2026-12-01&form=summary&targets=true' });
    assert.equal(staff.statusCode, 200, staff.body);
    const report = JSON.parse(staff.body) as CheckReport;
    assertSchema('check', report);
    assert.deepEqual(report.continuity.targets!.scenario!.fail, ['lemgo-dc']);
    assert.deepEqual(report.continuity.targets!.flags, []);
    // Without the parameter, no restore order is computed.
    const plain = JSON.parse((await f.call('viewer', { method: 'GET', url: '/api/v1/check?at=2026-12-01&form=summary' })).body) as CheckReport;
    assert.equal(plain.continuity.targets, undefined);
    const tenant = JSON.parse((await f.call('tenant', { method: 'GET', url: '/api/v1/check?at=2026-12-01&form=summary&targets=true' })).body) as CheckReport;
    assertSchema('check', tenant);
    // The data center is the operator's: the tenant's scenario names none of its elements.
    assert.deepEqual(tenant.continuity.targets!.scenario!.fail, []);

    const scenario = { name: 'ransomware', fail: ['lem-vmc-a', 'lem-vmc-b', 'lem-dbc-a', 'lem-dbc-b', 'lem-san-a', 'lem-san-b'], start: '2026-11-06T19:30:00+01:00', slotHours: 2, shifts: '06-22', appsPerSlot: 2, vcpuPerSlot: 96 };
    const dry = await f.call('viewer', { method: 'POST', url: '/api/v1/plans/restore', payload: { ...scenario, dryRun: true } });
    assert.equal(dry.statusCode, 200, dry.body);
    const order = JSON.parse(dry.body) as { written: boolean; misses: { application: string; target: string; why: string }[] };
    assertSchema('plan-restore', order);
    assert.equal(order.written, false);
    assert.deepEqual(order.misses.filter((m) => m.target === 'rto').map((m) => [m.application, m.why]), [['datenbank-gkd', 'capacity']]);
    const write = await f.call('viewer', { method: 'POST', url: '/api/v1/plans/restore', payload: scenario });
    assert.equal(write.statusCode, 403, write.body);
    const planned = await f.call('planner', { method: 'POST', url: '/api/v1/plans/restore', payload: { ...scenario, solver: 'greedy' } });
    assert.equal(planned.statusCode, 200, planned.body);
    assert.equal((JSON.parse(planned.body) as { written: boolean }).written, true);
    assert.equal((await f.call('tenant', { method: 'POST', url: '/api/v1/plans/restore', payload: { ...scenario, dryRun: true } })).statusCode, 404);
  });
});
