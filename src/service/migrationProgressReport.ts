/**
 * Migration progress of the timeline, with and without a plan: the data of a burn-up chart.
 *
 * Only application objects are read. The baseline series comes from the version index
 * alone (every version of every application, one query); a plan's series starts from the
 * same versions just before the plan's first change set and replays, from there, only the
 * changes of the baseline's and the plan's change sets that touch applications. Nothing is
 * validated or projected, unlike `walkTimeline`, which rebuilds the whole estate per step.
 */
import { loadChanges } from '../store/changeSetRepository.js';
import { readVersionsOfKind } from '../store/readVersionsOfKind.js';
import { inView, timelineOrder } from '../timeline/changeSet.js';
import { parseInstant, type TimeKey } from '../timeline/time.js';
import { migrationProgress, statusOf, type MigrationPoint, type StatusEvent } from '../planning/migrationProgress.js';
import type { ProgressQuerystring } from '../contracts/requests/plans.js';
import type { EstateService } from './EstateService.js';
import { requirePlan } from './readView.js';

/** The statuses a migration progress report counts, and one of its points: the report's vocabulary. */
export { migrationStatuses, type MigrationPoint } from '../planning/migrationProgress.js';

/**
 * Options of a migration progress report: the request (`GET /progress`, `verbund progress`).
 * `plan`: also the series of the baseline overlaid with this plan; `from`: first instant (the
 * series opens with the state then), default the first change; `to`: last instant, default
 * the last change.
 */
export type MigrationProgressOptions = ProgressQuerystring;

/** Migration progress of the baseline, and of a plan beside it. */
export interface MigrationProgressReport {
  readonly from: TimeKey | null;
  readonly to: TimeKey | null;
  /** The baseline: one point per instant at which an application's status changes. */
  readonly dates: MigrationPoint[];
  /** The same series with the plan overlaid; equal to `dates` before the plan's first change set. */
  readonly plan: { readonly id: string; readonly dates: MigrationPoint[] } | null;
}

/** Counts and lists of applications by status at every instant where they change. */
export async function migrationProgressReport(service: EstateService, opts: MigrationProgressOptions = {}): Promise<MigrationProgressReport> {
  const from = opts.from === undefined ? undefined : parseInstant(opts.from, 'from');
  const to = opts.to === undefined ? undefined : parseInstant(opts.to, 'to');
  const db = service.store.db;
  const headers = await service.changeSets();
  if (opts.plan !== undefined) requirePlan((await service.plans()).map((p) => p.id), opts.plan);
  const idOf = new Map(headers.map((h) => [h.seq, h.id]));
  const baseline: StatusEvent[] = (await readVersionsOfKind(db, 'application')).map((v) => ({
    at: v.validFrom,
    id: v.id,
    status: v.data === null ? null : statusOf(JSON.parse(v.data) as { status?: unknown }),
    ...(idOf.has(v.changesetSeq) && { changeset: idOf.get(v.changesetSeq)! }),
  }));
  const range = { from, to };
  const dates = migrationProgress(baseline, range);
  if (opts.plan === undefined) return { from: from ?? null, to: to ?? null, dates, plan: null };

  const planSets = headers.filter((h) => h.status === 'proposed' && h.plan === opts.plan);
  if (planSets.length === 0) return { from: from ?? null, to: to ?? null, dates, plan: { id: opts.plan, dates } };
  const start = planSets.reduce((m, h) => (h.effectiveKey < m ? h.effectiveKey : m), planSets[0]!.effectiveKey);
  const events = baseline.filter((e) => e.at < start);
  // Which ids are applications just before the plan starts: updates carry no kind.
  const alive = new Set<string>();
  for (const e of events) {
    if (e.status === null) alive.delete(e.id);
    else alive.add(e.id);
  }
  const replayed = timelineOrder(headers.filter((h) => h.effectiveKey >= start && inView(h, opts.plan)));
  const changes = await loadChanges(db, replayed.map((h) => h.seq));
  for (const h of replayed) {
    for (const c of changes.get(h.seq) ?? []) {
      let next: StatusEvent['status'] | undefined;
      if (c.op === 'create' && c.fields.kind === 'application') {
        alive.add(c.id);
        next = statusOf(c.fields);
      } else if (c.op === 'update' && alive.has(c.id) && 'status' in c.fields) {
        next = statusOf(c.fields);
      } else if (c.op === 'delete' && alive.has(c.id)) {
        alive.delete(c.id);
        next = null;
      }
      if (next !== undefined) events.push({ at: h.effectiveKey, id: c.id, status: next, changeset: h.id });
    }
  }
  return { from: from ?? null, to: to ?? null, dates, plan: { id: opts.plan, dates: migrationProgress(events, range) } };
}
