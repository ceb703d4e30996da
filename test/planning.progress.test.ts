/**
 * Progress: the pure fold, the OWL-IT series with and without the joint-finance plan, a
 * property test against a brute-force read of the estate at each date, and `progress`
 * through the CLI with its JSON checked against docs/schemas — on both dialects.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { readEstatePath } from '../src/interop/readEstatePath.js';
import { migrationProgress, migrationStatuses, statusOf, type MigrationPoint, type MigrationStatus, type StatusEvent } from '../src/planning/migrationProgress.js';
import { EstateService } from '../src/service/EstateService.js';
import { migrationProgressReport, type MigrationProgressReport } from '../src/service/migrationProgressReport.js';
import type { Store } from '../src/store/openStore.js';
import { parseInstant } from '../src/timeline/time.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';
import { assertSchema } from './helpers/schemas.js';

const root = join(import.meta.dirname, '..');

const day = (d: string): string => parseInstant(d);
/** The point in force at `at` (the last one at or before it). */
const stateAt = (points: readonly MigrationPoint[], at: string): MigrationPoint | undefined => points.filter((p) => p.at <= at).at(-1);

describe('progress of a stream of status changes', () => {
  const ev = (d: string, id: string, status: MigrationStatus | null, changeset = `cs-${d}`): StatusEvent => ({ at: day(d), id, status, changeset });
  const events = [ev('2020-01-01', 'a', 'legacy'), ev('2020-01-01', 'b', 'legacy'), ev('2021-01-01', 'a', 'legacy'), ev('2022-01-01', 'a', 'migrating'), ev('2022-01-01', 'a', 'legacy', 'undo'), ev('2023-01-01', 'a', 'migrated'), ev('2024-01-01', 'b', null)];

  test('one point per instant where a status really changes; a change undone within the instant is none', () => {
    const points = migrationProgress(events);
    assert.deepEqual(points.map((p) => p.at.slice(0, 10)), ['2020-01-01', '2023-01-01', '2024-01-01']);
    assert.deepEqual(points[1]!.applications, { legacy: ['b'], migrating: [], migrated: ['a'], joint: [], planned: [], retired: [] });
    assert.deepEqual(points[1]!.changesets, ['cs-2023-01-01']);
    assert.deepEqual(points[2]!.counts, { legacy: 0, migrating: 0, migrated: 1, joint: 0, planned: 0, retired: 0 });
    assert.deepEqual([points[1]!.done, points[1]!.pending], [1, 1], 'the burn-up: a migrated, b still legacy');
    assert.deepEqual([points[2]!.done, points[2]!.pending], [1, 0], 'b deleted: nothing pending');
  });

  test('--from opens the series with the state then; --to ends it', () => {
    const points = migrationProgress(events, { from: day('2022-06-01'), to: day('2023-06-01') });
    assert.deepEqual(points.map((p) => [p.at.slice(0, 10), p.counts.legacy, p.changesets]), [['2022-06-01', 2, []], ['2023-01-01', 1, ['cs-2023-01-01']]]);
    assert.deepEqual(migrationProgress(events, { from: day('2030-01-01') }).map((p) => p.counts.migrated), [1], 'after the last change: the final state');
    assert.deepEqual(migrationProgress(events, { from: day('2023-01-01'), to: day('2023-01-01') }).length, 1);
    assert.deepEqual(migrationProgress(events, { from: day('2023-01-01'), to: day('2022-01-01') }), []);
  });

  test('an application without a status counts as legacy', () => {
    assert.equal(statusOf({}), 'legacy');
    assert.equal(statusOf({ status: 'joint' }), 'joint');
  });
});

/** Counts of applications by status in the estate at `at`, read the slow way. */
async function bruteForce(service: EstateService, at: string, plan?: string): Promise<Record<MigrationStatus, number>> {
  const { estate } = await service.estate({ at, plan });
  const counts = Object.fromEntries(migrationStatuses.map((s) => [s, 0])) as Record<MigrationStatus, number>;
  for (const a of estate.ofKind('application')) counts[statusOf(a)]++;
  return counts;
}

for (const dialect of dialects) {
  describe(`progress on the OWL-IT example (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let store: Store;
    let service: EstateService;
    let db = '';
    let cleanup: () => Promise<void> = async () => undefined;
    let report: MigrationProgressReport;
    before(async () => {
      const fresh = await dialect.fresh();
      ({ store, cleanup } = fresh);
      db = fresh.url;
      service = new EstateService(store, 'tester');
      const read = readEstatePath(join(root, 'examples', 'owl-it'));
      assert.deepEqual(read.problems, []);
      await service.importDocument(read.doc);
      report = await migrationProgressReport(service, { plan: 'joint-finance' });
    });
    after(async () => {
      await cleanup().catch(() => undefined);
    });
    const at = (d: string) => stateAt(report.dates, day(d))!;

    test('the 2019 waves: GKD applications migrating, then migrated; the 2020 joint operation; the scheduled 2027 changes', () => {
      assert.deepEqual(at('2018-12-31').counts, { legacy: 12, migrating: 0, migrated: 0, joint: 0, planned: 0, retired: 0 });
      assert.deepEqual(at('2019-03-02').applications.migrating, ['datenbank-gkd', 'finanzwesen', 'personal-gkd']);
      assert.deepEqual(at('2019-03-16').applications.migrated, ['datenbank-gkd', 'finanzwesen', 'personal-gkd']);
      assert.equal(at('2019-03-16').counts.migrating, 0);
      assert.deepEqual(at('2019-06-15').applications.migrated, ['datenbank-gkd', 'e-akte', 'einwohnerwesen-gkd', 'finanzwesen', 'personal-gkd']);
      assert.deepEqual(at('2020-01-01').applications.joint, ['e-akte', 'ratsinfo', 'verzeichnisdienst']);
      assert.deepEqual(at('2020-01-01').changesets, ['cs-2020-01-gemeinsamer-betrieb']);
      assert.deepEqual(at('2027-03-06').applications.retired, ['einwohnerwesen-gkd']);
      assert.deepEqual(at('2027-10-02').applications.retired, ['einwohnerwesen-gkd', 'personal-gkd']);
      // The directory merge deletes verzeichnisdienst-gkd: 11 applications from then on.
      assert.equal(migrationStatuses.reduce((n, s) => n + at('2019-10-12').counts[s], 0), 11);
      assert.ok(!report.dates.some((p) => p.at.startsWith('2018-09-29')), 'a network change moves no application');
    });

    test('with the joint-finance plan the series differs from the baseline exactly from its change set\'s date', () => {
      const planDates = report.plan!.dates;
      const instants = [...new Set([...report.dates, ...planDates].map((p) => p.at))].sort();
      for (const t of instants) {
        const same = JSON.stringify(stateAt(report.dates, t)) === JSON.stringify(stateAt(planDates, t));
        assert.equal(same, t < day('2027-05-08'), `at ${t}`);
      }
      const p = stateAt(planDates, day('2027-05-08'))!;
      assert.deepEqual(p.changesets, ['cs-2027-05-finanzwesen-gemeinsam']);
      assert.ok(p.applications.joint.includes('finanzwesen') && p.applications.retired.includes('finanzwesen-lippe'));
    });

    test('property: the counts at any date equal a brute-force read of the estate at that date', async () => {
      for (const [points, plan] of [[report.dates, undefined], [report.plan!.dates, 'joint-finance']] as const) {
        for (const p of points) assert.deepEqual(p.counts, await bruteForce(service, p.at, plan), `${plan ?? 'baseline'} at ${p.at}`);
      }
      const dayArb = fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2029, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
      await fc.assert(
        fc.asyncProperty(dayArb, fc.boolean(), async (d, withPlan) => {
          const plan = withPlan ? 'joint-finance' : undefined;
          const points = withPlan ? report.plan!.dates : report.dates;
          const expected = await bruteForce(service, d, plan);
          const got = stateAt(points, day(d))?.counts ?? Object.fromEntries(migrationStatuses.map((s) => [s, 0]));
          assert.deepEqual(got, expected, `${plan ?? 'baseline'} at ${d}`);
        }),
        { numRuns: 30 },
      );
    });

    test('the CLI prints the table, clips with --from/--to, and prints JSON of the documented shape', async () => {
      const table = await cli('--db', db, 'progress', '--plan', 'joint-finance');
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /^2027-05-08\s+3\s+0\s+3\s+5\s+0\s+1\s+2\s+0\s+2\s+6\s+0\s+2\s+differs$/m);
      const r = await cli('--db', db, 'progress', '--from', '2019-03-10', '--to', '2020-01-01', '--json');
      const body = JSON.parse(r.stdout);
      assertSchema('progress', body);
      assert.deepEqual(body.dates.map((p: MigrationPoint) => [p.at.slice(0, 10), p.counts.migrating]), [['2019-03-10', 3], ['2019-03-16', 0], ['2019-06-15', 0], ['2019-10-12', 0], ['2020-01-01', 0]]);
      assert.equal(body.plan, null);
      const one = JSON.parse((await cli('--db', db, 'progress', '--at', '2026-11-27', '--plan', 'joint-finance', '--json')).stdout);
      assertSchema('progress', one);
      assert.equal(one.dates.length, 1);
      assert.deepEqual(one.plan.dates, one.dates);
      const both = await cli('--db', db, 'progress', '--at', '2026-11-27', '--from', '2020-01-01');
      assert.equal(both.code, 2);
    });
  });
}
