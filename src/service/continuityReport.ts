/**
 * The continuity section of `check` (docs/continuity.md): per application with recovery
 * targets, the latest failover test that exercised its redundancy (a test that failed the
 * application, one of its instances, an instance's site or a risk group holding an
 * instance) and when the next one is due; warnings for those never tested, overdue, or
 * whose latest test failed.
 */
import type { Application, FailoverTest } from '../model/objectSchemas.js';
import { dayOf, dateOf } from '../planning/calendar.js';
import type { Estate } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';
// The results are the API's contract: declared in src/contracts.
import type { ContinuityApplication, ContinuityReport } from '../contracts/index.js';
export type { ContinuityApplication, ContinuityReport };

/** BSI 200-4 asks for regular exercises; without a `next_due` a test is due again after a year. */
export const DEFAULT_TEST_INTERVAL_DAYS = 365;

/**
 * Failover-test state at `at` of every live application with recovery targets; `only`: of
 * these applications alone (a filtered check's: one service's costs its applications' tests,
 * not the whole estate's).
 */
export function continuityReport(estate: Estate, at: TimeKey, only?: ReadonlySet<string>): ContinuityReport {
  const day = at.slice(0, 10);
  const tests = ([...estate.ofKind('failover-test')] as FailoverTest[]).filter((t) => t.date <= day);
  // An instance's risk groups and site: a device's, read when an application asks.
  const riskGroupsOf = (id: string): readonly string[] => {
    const d = estate.get(id);
    return d?.kind === 'device' ? [...(d.risk_groups ?? []), d.site] : [];
  };
  const applications: ContinuityApplication[] = [];
  const candidates = only === undefined ? ([...estate.ofKind('application')] as Application[]) : [...only].flatMap((id) => (estate.get(id)?.kind === 'application' ? [estate.get(id) as Application] : []));
  for (const a of candidates) {
    if (a.status === 'retired' || a.recovery === undefined) continue;
    // The elements whose failure exercises this application's redundancy.
    const covers = new Set<string>([a.id, ...(a.instances ?? []), ...(a.instances ?? []).flatMap(riskGroupsOf)]);
    const last = tests.filter((t) => t.failed.some((f) => covers.has(f))).sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : x.id < y.id ? -1 : 1))[0];
    const nextDue = last ? (last.next_due ?? dateOf(dayOf(last.date) + DEFAULT_TEST_INTERVAL_DAYS)) : null;
    const status = !last ? 'never' : last.result === 'failed' ? 'failed' : nextDue! < day ? 'overdue' : 'current';
    applications.push({
      application: a.id,
      criticality: a.recovery.criticality ?? null,
      rto_h: a.recovery.rto_h ?? null,
      lastTest: last ? { id: last.id, date: last.date, mode: last.mode, result: last.result, failed: [...last.failed] } : null,
      nextDue,
      status,
    });
  }
  applications.sort((x, y) => (x.application < y.application ? -1 : 1));
  return { applications, warnings: continuityWarnings(applications) };
}

/** One warning per application that is not `current`. */
export function continuityWarnings(apps: readonly ContinuityApplication[]): string[] {
  return apps
    .filter((a) => a.status !== 'current')
    .map((a) =>
      a.status === 'never'
        ? `${a.application}: its redundancy was never tested (no failover test of it, its instances, their sites or risk groups)`
        : a.status === 'failed'
          ? `${a.application}: the latest failover test${a.lastTest!.id ? ` ${a.lastTest!.id}` : ''} (${a.lastTest!.date}) failed`
          : `${a.application}: failover test overdue since ${a.nextDue} (last: ${a.lastTest!.id ? `${a.lastTest!.id}, ` : ''}${a.lastTest!.date})`,
    );
}
