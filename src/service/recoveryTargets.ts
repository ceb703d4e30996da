/**
 * Recovery and availability targets against what the estate can deliver (docs/continuity.md):
 * the restore order of the worst disaster scenario against each application's WAZ/RTO, and
 * the availability its topology reaches against its `target_availability`. One computation
 * for the report (section 6 and 5) and for `check` (`continuity.targets`), so that both say
 * the same.
 */
import type { RecoveryScenario, RecoverySolver, TargetFlag, TargetsReport } from '../contracts/index.js';
import { VerbundError } from '../model/errors.js';
import { compareRestoreObjectives, } from '../planning/RestoreProblem.js';
import type { Estate } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';
import type { AvailabilityResult } from './analyses.js';
import type { EstateService } from './EstateService.js';
import { planRestore, type RestoreMiss, type RestorePlanOptions, type RestorePlanResult } from './restorePlan.js';
import type { Scope } from './tenantScope.js';

/** How the scenario to measure against is chosen and solved. */
export interface RecoveryOptions {
  /** The disaster; default: each data center lost in turn, the worst counting. */
  readonly scenario?: Partial<RestorePlanOptions> | undefined;
  /** Seconds the restore MIP may take per scenario. */
  readonly timeLimit: number;
  /** Optimise the missed deadlines only (what `check` flags), not the hours after them. */
  readonly missedOnly?: boolean | undefined;
  /** Where the restore MIPs run (the API: its analysis pool); this thread without. */
  readonly runner?: RestorePlanOptions['runner'];
  /** Cancels them (the client went away). */
  readonly signal?: AbortSignal | undefined;
}

/** The restore order that the recovery targets are measured against. */
export interface AuditRecovery {
  /** The scenario: its failed elements (those the reader may see) and how it was chosen. */
  readonly scenario: RecoveryScenario | null;
  readonly solver: RecoverySolver | null;
  readonly applications: {
    application: string;
    name: string;
    criticality: string | null;
    mtd_h: number | null;
    rto_h: number | null;
    rpo_h: number | null;
    emergency_level: number | null;
    /** Hours until useful again in the scenario (null: not affected by it). */
    usefulAfterH: number | null;
    meetsRto: boolean | null;
  }[];
  readonly misses: RestoreMiss[];
}

/** One application's availability against its target (its worst service counts). */
export interface AvailabilityAgainstTarget {
  readonly application: string;
  readonly name: string;
  readonly target: number | null;
  readonly worst: number;
  readonly downtimeMinutesPerYear: number;
  readonly meets: boolean | null;
  readonly services: number;
}

// The flags are part of the check's answer: declared in src/contracts.
export type { TargetFlag, TargetsReport };

/** Recovery targets of the visible applications against the restore order of the (worst) scenario. */
export async function recoveryAgainstRestore(service: EstateService, estate: Estate, scope: Scope, at: TimeKey, o: RecoveryOptions): Promise<AuditRecovery> {
  const given = (o.scenario?.fail?.length ?? 0) > 0;
  // Without a scenario: each data center lost in turn, restored one application per hour
  // around the clock (docs/continuity.md); the worst of them counts.
  const candidates: Partial<RestorePlanOptions>[] = given
    ? [o.scenario!]
    : [...estate.ofKind('site')].filter((s) => s.type === 'datacenter').map((s) => ({ fail: [s.id], appsPerSlot: 1, slotHours: 1, shifts: '00-24' }));
  let worst: RestorePlanResult | null = null;
  for (const c of candidates) {
    try {
      const r = await planRestore(service, { ...c, fail: c.fail!, name: 'report', start: c.start ?? at, dryRun: true, solver: 'mip', timeLimit: o.timeLimit, missedOnly: o.missedOnly, runner: o.runner, signal: o.signal });
      if (!worst || compareRestoreObjectives(r.objective, worst.objective) > 0) worst = r;
    } catch (e) {
      // A data center that holds no application takes nothing down: no scenario to weigh.
      if (!(e instanceof VerbundError && e.code === 'PLAN_INFEASIBLE' && !given)) throw e;
    }
  }
  const useful = new Map(worst?.applications.map((a) => [a.id, (Date.parse(a.usefulAt) - Date.parse(worst!.start)) / 3_600_000]) ?? []);
  const applications = [...estate.ofKind('application')]
    .filter((a) => a.status !== 'retired' && scope.visible(a.id) && (a.recovery !== undefined || useful.has(a.id)))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((a) => {
      const h = useful.get(a.id) ?? null;
      const rto = a.recovery?.rto_h ?? null;
      return {
        application: a.id,
        name: a.name,
        criticality: a.recovery?.criticality ?? null,
        mtd_h: a.recovery?.mtd_h ?? null,
        rto_h: rto,
        rpo_h: a.recovery?.rpo_h ?? null,
        emergency_level: a.recovery?.emergency_level ?? null,
        usefulAfterH: h,
        meetsRto: h === null || rto === null ? null : h <= rto,
      };
    });
  const misses = (worst?.misses ?? []).filter((m) => scope.visible(m.application) && (scope.tenant === null || m.tenant === null || m.tenant === scope.tenant));
  return {
    scenario: worst && { fail: worst.fail.filter((id) => scope.visible(id)), chosen: given ? 'given' : 'worst-datacenter', start: worst.start, capacity: worst.capacity },
    solver: worst && { name: worst.solver, optimal: worst.optimal, objective: worst.objective, bound: worst.bound },
    applications,
    misses,
  };
}

/** Per application of the visible services: its target and its worst service's availability. */
export function availabilityAgainstTargets(availability: AvailabilityResult, scope: Scope, nameOf: (id: string) => string): AvailabilityAgainstTarget[] {
  const perApp = new Map<string, { target: number | null; worst: number; downtime: number; meets: boolean | null; services: number }>();
  for (const s of availability.services) {
    if (!scope.visible(s.usage)) continue;
    const row = perApp.get(s.application) ?? { target: s.target ?? null, worst: 1, downtime: 0, meets: s.target === undefined ? null : true, services: 0 };
    row.worst = Math.min(row.worst, s.availability);
    row.downtime = Math.max(row.downtime, s.downtimeMinutesPerYear);
    if (s.meetsTarget === false) row.meets = false;
    row.services++;
    perApp.set(s.application, row);
  }
  return [...perApp]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([application, r]) => ({ application, name: nameOf(application), target: r.target, worst: r.worst, downtimeMinutesPerYear: r.downtime, meets: r.meets, services: r.services }));
}

/**
 * The flags of `check`: per application the RTO misses of the restore order (the tightest
 * deadline missed, its why and the municipalities concerned) and an availability below target.
 */
export function targetFlags(recovery: AuditRecovery, availability: readonly AvailabilityAgainstTarget[], nameOf: (id: string) => string): TargetsReport {
  const flags: TargetFlag[] = [];
  const start = recovery.scenario ? Date.parse(recovery.scenario.start) : 0;
  const hours = (iso: string): number => (Date.parse(iso) - start) / 3_600_000;
  const byApp = new Map<string, RestoreMiss[]>();
  for (const m of recovery.misses) if (m.target === 'rto') byApp.set(m.application, [...(byApp.get(m.application) ?? []), m]);
  for (const [application, misses] of byApp) {
    const tightest = misses.reduce((a, b) => (b.deadline < a.deadline ? b : a));
    flags.push({
      application,
      name: nameOf(application),
      target: 'rto',
      wanted: hours(tightest.deadline),
      actual: hours(tightest.usefulAt),
      why: tightest.why,
      tenants: [...new Set(misses.flatMap((m) => (m.tenant === null ? [] : [m.tenant])))].sort(),
      detail: tightest.detail,
    });
  }
  for (const a of availability) {
    if (a.meets !== false) continue;
    flags.push({
      application: a.application,
      name: a.name,
      target: 'availability',
      wanted: a.target!,
      actual: a.worst,
      why: null,
      tenants: [],
      detail: `its worst service reaches ${percent(a.worst)} (${Math.round(a.downtimeMinutesPerYear)} min downtime a year) against a target of ${percent(a.target!)}`,
    });
  }
  flags.sort((x, y) => (x.application < y.application ? -1 : x.application > y.application ? 1 : x.target < y.target ? 1 : -1));
  return { scenario: recovery.scenario, solver: recovery.solver, flags };
}

/** The targets of the applications a filtered check checked (its `applications`); all of them unfiltered. */
export function targetsOfChecked(t: TargetsReport | null, checked: { readonly applications: readonly { application: string }[] }, filtered: boolean): TargetsReport | null {
  if (!t || !filtered) return t;
  const apps = new Set(checked.applications.map((a) => a.application));
  return { ...t, flags: t.flags.filter((f) => apps.has(f.application)) };
}

/** An availability as a percentage with the precision availabilities are spoken of (99.95 %). */
function percent(p: number): string {
  return `${Number((p * 100).toFixed(3))} %`;
}
