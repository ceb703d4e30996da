/**
 * Migration progress (docs/planning.md, "Progress"): per instant, how many applications are in each status, and
 * which. Pure: folds a stream of application status changes into a step series that a
 * burn-up chart draws.
 */
import type { TimeKey } from '../timeline/time.js';

/** The statuses migration progress counts, in the order a burn-up chart stacks them. */
export const migrationStatuses = ['legacy', 'migrating', 'migrated', 'joint', 'planned', 'retired'] as const;

/** One application status. */
export type MigrationStatus = (typeof migrationStatuses)[number];

/** An application takes a status at an instant; `null` means it is deleted. */
export interface StatusEvent {
  readonly at: TimeKey;
  readonly id: string;
  readonly status: MigrationStatus | null;
  /** The change set that caused it, listed on the point if the status really changed. */
  readonly changeset?: string;
}

/** The state from one instant until the next point. */
export interface MigrationPoint {
  readonly at: TimeKey;
  readonly counts: Record<MigrationStatus, number>;
  /** Application ids per status, sorted. */
  readonly applications: Record<MigrationStatus, string[]>;
  /** Change sets of this instant that changed a status (none for a point that only opens `from`). */
  readonly changesets: string[];
  /** The burn-up: done = migrated + joint; pending = legacy + migrating + planned (retired counts in neither). */
  readonly done: number;
  readonly pending: number;
}

/**
 * The status migration progress counts for an application. An application without a status is
 * counted as `legacy`: it exists and nothing says it has moved (an estate imported from a
 * CMDB has no statuses at all, and all of it is still to migrate).
 */
export function statusOf(app: { readonly status?: unknown }): MigrationStatus {
  return (migrationStatuses as readonly unknown[]).includes(app.status) ? (app.status as MigrationStatus) : 'legacy';
}

/**
 * Folds `events` (in timeline order) into one point per instant at which some application's
 * status changes (created, deleted or moved to another status). With `from`, the series
 * opens with the state at `from`, so a chart starts at the right level; with `to`, it ends
 * at the last change at or before `to`.
 */
export function migrationProgress(events: readonly StatusEvent[], range: { readonly from?: TimeKey | undefined; readonly to?: TimeKey | undefined } = {}): MigrationPoint[] {
  const { from, to } = range;
  const current = new Map<string, MigrationStatus>();
  const points: MigrationPoint[] = [];
  let opened = from === undefined;
  for (let i = 0; i < events.length; ) {
    const at = events[i]!.at;
    if (to !== undefined && at > to) break;
    if (!opened && at > from!) {
      points.push(snapshot(current, from!, []));
      opened = true;
    }
    const changesets = new Set<string>();
    // Status of each touched application before this instant: a change undone within the instant is none.
    const before = new Map<string, MigrationStatus | null>();
    for (; i < events.length && events[i]!.at === at; i++) {
      const e = events[i]!;
      const old = current.get(e.id) ?? null;
      if (old === e.status) continue;
      if (!before.has(e.id)) before.set(e.id, old);
      if (e.changeset !== undefined) changesets.add(e.changeset);
      if (e.status === null) current.delete(e.id);
      else current.set(e.id, e.status);
    }
    const changed = [...before].some(([id, old]) => (current.get(id) ?? null) !== old);
    // At `from` itself the point opens the series even if nothing changed.
    if (opened ? changed : at === from) points.push(snapshot(current, at, [...changesets]));
    if (!opened && at === from) opened = true;
  }
  if (!opened && (to === undefined || from! <= to)) points.push(snapshot(current, from!, []));
  return points;
}

function snapshot(current: ReadonlyMap<string, MigrationStatus>, at: TimeKey, changesets: string[]): MigrationPoint {
  const applications = Object.fromEntries(migrationStatuses.map((s) => [s, [] as string[]])) as Record<MigrationStatus, string[]>;
  for (const [id, status] of current) applications[status].push(id);
  const counts = {} as Record<MigrationStatus, number>;
  for (const s of migrationStatuses) counts[s] = applications[s].sort().length;
  return { at, counts, applications, changesets, done: counts.migrated + counts.joint, pending: counts.legacy + counts.migrating + counts.planned };
}
