/**
 * Wave planning as use cases: read the move's scope and the target's capacity over time from
 * the timeline, solve, and write the plan as proposed change sets (one per wave) so that
 * every query, diff, export and the timeline check see it; show, accept and drop plans.
 */
import { VerbundError } from '../model/errors.js';
import { ID_RULE, idSchema, type Application } from '../model/objectSchemas.js';
import { buildWaveProblem, type CapacityStep } from '../planning/buildWaveProblem.js';
import { dateOf, dayOf, parseWeekdays } from '../planning/calendar.js';
import { describeStage, type MipProgress, type StageOutcome } from '../planning/mipWaves.js';
import { freeCapacity, moveScope, parseReceivers, type Receivers } from '../planning/moveScope.js';
import { solveWaves } from '../planning/solveWaves.js';
import { listChangeSetHeaders } from '../store/changeSetRepository.js';
import type { ChangeSetInput } from '../timeline/changeSet.js';
import { parseInstant } from '../timeline/time.js';
import type { AnalysisRunner } from './analysisTask.js';
import type { EstateService } from './EstateService.js';
import { walkTimeline } from './walkTimeline.js';

/** Options of {@link planWaves}, as the CLI and API take them. */
export interface WavePlanOptions {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly start: string;
  readonly end?: string | undefined;
  /** Allowed weekdays, e.g. `sat` or `fri,sat`. */
  readonly days?: string | undefined;
  readonly maxApps?: number | undefined;
  readonly maxVcpu?: number | undefined;
  /** `DEVICE` (receives every instance) or `SOURCE=TARGET[+TARGET…]` entries; default by role. */
  readonly targetDevices?: readonly string[] | undefined;
  readonly title?: string | undefined;
  readonly solver?: 'mip' | 'greedy' | undefined;
  /** Seconds for the MIP (default 60). */
  readonly timeLimit?: number | undefined;
  /** Compute, but write nothing. */
  readonly dryRun?: boolean | undefined;
  readonly onProgress?: MipProgress | undefined;
  /**
   * Solve on this runner (the API's analysis pool, so that the server keeps answering and the
   * solve counts against the pool's queue and deadline); default in this thread.
   */
  readonly runner?: AnalysisRunner | undefined;
  /** Cancels a solve on the runner (the client went away). */
  readonly signal?: AbortSignal | undefined;
}

/** One wave of a computed plan. */
export interface PlannedWave {
  readonly wave: number;
  readonly date: string;
  readonly changeset: string;
  readonly applications: string[];
  readonly size: { vcpu: number; ram_gb: number; storage_tb: number };
}

/** The result of {@link planWaves}. */
export interface WavePlanResult {
  readonly plan: string;
  readonly from: string;
  readonly to: string;
  readonly start: string;
  readonly end: string;
  readonly days: string[];
  readonly limits: { maxApps: number | null; maxVcpu: number | null };
  readonly solver: 'mip' | 'greedy';
  readonly optimal: boolean;
  readonly stages: readonly StageOutcome[];
  readonly objective: { waves: number; end: string | null; splitDays: number };
  readonly greedy: { waves: number; end: string | null; splitDays: number } | null;
  readonly groups: number;
  readonly waves: PlannedWave[];
  readonly warnings: string[];
  readonly written: boolean;
}

/** Plans the move of `from`'s applications to `to` in waves and (unless dry) writes the plan. */
export async function planWaves(service: EstateService, o: WavePlanOptions): Promise<WavePlanResult> {
  const start = parseInstant(o.start, 'start').slice(0, 10);
  const end = o.end !== undefined ? parseInstant(o.end, 'end').slice(0, 10) : dateOf(dayOf(start) + 730);
  if (end < start) throw new VerbundError('USAGE', `--end ${end} is before --start ${start}`);
  const weekdays = parseWeekdays(o.days ?? 'sat');
  for (const [name, v] of [['--max-apps', o.maxApps], ['--max-vcpu', o.maxVcpu]] as const) {
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new VerbundError('USAGE', `${name} must be a positive number`);
  }
  // Checked before solving (the write would refuse it, after a minute of MIP): the wave ids append `-wave-N`.
  if (!idSchema.safeParse(o.name).success || o.name.length > 56) throw new VerbundError('INVALID_INPUT', `--name: "${o.name}" is no valid plan id: ${ID_RULE.replace('64', '56')} (its waves add "-wave-N")`);
  if (!o.dryRun && (await service.plans()).some((p) => p.id === o.name)) throw new VerbundError('CONFLICT', `a plan "${o.name}" exists already; choose another --name or drop it`);
  const { estate } = await service.estate({ at: start });
  for (const site of [o.from, o.to]) {
    if (estate.get(site)?.kind !== 'site') throw new VerbundError('NOT_FOUND', `no site "${site}" at ${start}`);
  }
  const receivers = parseReceivers(o.to, o.targetDevices);
  const scope = moveScope(estate, o.from, receivers);
  if (!scope.moving.length) throw new VerbundError('PLAN_INFEASIBLE', `no application runs on ${o.from} at ${start}: nothing to move`);
  const movingIds = new Set(scope.moving.map((a) => a.id));
  const capacity = await capacityOverTime(service, receivers, scope.roles, movingIds, start, end);
  const built = buildWaveProblem({ start, end, weekdays, moving: scope.moving, atTarget: scope.atTarget, dependencies: scope.dependencies, maxApps: o.maxApps, maxVcpu: o.maxVcpu, capacity });
  const p = built.problem;
  const context = { couplings: built.couplings, blackouts: new Map(scope.moving.map((a) => [a.id, a.blackouts])) };
  const options = { solver: o.solver ?? 'mip', timeLimit: o.timeLimit ?? 60 } as const;
  const solution = o.runner
    ? await o.runner.waves({ op: 'solveWaves', problem: p, context, options }, o.signal)
    : await solveWaves(p, context, { ...options, ...(o.onProgress && { onProgress: o.onProgress }) });

  const byDay = new Map<number, number[]>();
  solution.assignment.forEach((k, g) => byDay.set(k, [...(byDay.get(k) ?? []), g]));
  const waves: PlannedWave[] = [...byDay.keys()].sort((a, b) => a - b).map((k, i) => {
    const apps = byDay.get(k)!.flatMap((g) => p.groups[g]!.apps).sort();
    const size = { vcpu: 0, ram_gb: 0, storage_tb: 0 };
    for (const g of byDay.get(k)!) for (const d of ['vcpu', 'ram_gb', 'storage_tb'] as const) size[d] += p.groups[g]!.size[d];
    return { wave: i + 1, date: dateOf(p.days[k]!), changeset: `${o.name}-wave-${i + 1}`, applications: apps, size };
  });
  const changesets = waveChangeSets(o, waves, scope.instancesAfter, estate.ofKind('application'));
  const fmt = (x: { waves: number; endDay: number; splitDays: number } | null) => x && { waves: x.waves, end: x.endDay >= 0 ? dateOf(x.endDay) : null, splitDays: x.splitDays };
  const notes = `Planned by verbund plan waves (${solution.solver}${solution.optimal ? ', optimal' : solution.stages.length ? `, ${solution.stages.map(describeStage).join(', ')}` : ''}): ${o.from} → ${o.to}, ${waves.length} waves, ${solution.objective.splitDays} split application-days.`;
  if (!o.dryRun) await service.addChangeSets({ plans: [{ id: o.name, title: o.title ?? `Move ${o.from} → ${o.to}`, notes }], changesets });
  return {
    plan: o.name,
    from: o.from,
    to: o.to,
    start,
    end,
    days: weekdays.map((d) => ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][d]!),
    limits: { maxApps: o.maxApps ?? null, maxVcpu: o.maxVcpu ?? null },
    solver: solution.solver,
    optimal: solution.optimal,
    stages: solution.stages,
    objective: fmt(solution.objective)!,
    greedy: fmt(solution.greedy),
    groups: p.groups.length,
    waves,
    warnings: built.tightToTarget.map((d) => `${d.from} is tightly coupled to ${d.to}, which is at ${o.to} already: split until ${d.from} moves`),
    written: !o.dryRun,
  };
}

/**
 * One proposed change set per wave: its applications get their instances on the target and
 * status `migrated`; the first wave also marks every later application `migrating` (its move
 * is under way). Applications in joint operation keep that status.
 */
function waveChangeSets(o: WavePlanOptions, waves: readonly PlannedWave[], instancesAfter: ReadonlyMap<string, string[]>, apps: Iterable<Application>): ChangeSetInput[] {
  const status = new Map([...apps].map((a) => [a.id, a.status]));
  const movable = (id: string): boolean => status.get(id) !== 'joint';
  return waves.map((w, i) => ({
    id: w.changeset,
    title: `Wave ${w.wave} of ${waves.length} to ${o.to}: ${w.applications.join(', ')}`,
    effective: w.date,
    status: 'proposed',
    plan: o.name,
    changes: [
      ...w.applications.map((id) => ({ op: 'update' as const, id, fields: { instances: instancesAfter.get(id)!, ...(movable(id) && { status: 'migrated' }) } })),
      ...(i === 0 ? waves.slice(1).flatMap((later) => later.applications.filter(movable).map((id) => ({ op: 'update' as const, id, fields: { status: 'migrating' } }))) : []),
    ],
  }));
}

/** Free capacity of the receiving pool at the start and at every baseline change up to the end. */
async function capacityOverTime(service: EstateService, receivers: Receivers, roles: ReadonlySet<string>, moving: ReadonlySet<string>, start: string, end: string): Promise<CapacityStep[]> {
  const steps: CapacityStep[] = [];
  const startDay = dayOf(start);
  const endDay = dayOf(end);
  const headers = await listChangeSetHeaders(service.store.db);
  let before: CapacityStep | undefined;
  for await (const step of walkTimeline(service.store.db, headers)) {
    const day = dayOf(step.at);
    if (day > endDay) break;
    const free = freeCapacity(step.estate, receivers, roles, moving);
    if (day <= startDay) before = { day: startDay, free };
    else steps.push({ day, free });
  }
  return before ? [before, ...steps] : steps;
}
