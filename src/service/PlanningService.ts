/**
 * Wave planning as use cases: read the move's scope and the target's capacity over time from
 * the timeline, solve, and write the plan as proposed change sets (one per wave) so that
 * every query, diff, export and the timeline check see it; show, accept and drop plans.
 */
import type { WavePlanRequest } from '../contracts/requests/plans.js';
import type { Solver } from '../contracts/requests/shared.js';
import { VerbundError } from '../model/errors.js';
import { ID_RULE, idSchema, type Application } from '../model/objectSchemas.js';
import { buildWaveProblem } from '../planning/buildWaveProblem.js';
import { dateOf, dayOf, parseWeekdays } from '../planning/calendar.js';
import { describeStage, type SolverTick, type StageOutcome } from '../planning/mipWaves.js';
import { moveScope, parseReceivers, type MoveScope } from '../planning/moveScope.js';
import { Placement } from '../planning/Placement.js';
import { solveWaves } from '../planning/solveWaves.js';
import { poolCapacity, TargetTimeline, type TargetDevice } from '../planning/targetDevices.js';
import type { WaveProblem } from '../planning/WaveProblem.js';
import type { Problem } from '../model/errors.js';
import { listChangeSetHeaders, loadChanges } from '../store/changeSetRepository.js';
import type { ChangeSetInput } from '../timeline/changeSet.js';
import { formatInstant, parseInstant } from '../timeline/time.js';
import type { AnalysisRunner } from './analysisTask.js';
import type { EstateService } from './EstateService.js';
import { walkTimeline } from './walkTimeline.js';
import { english, notice } from './serverTexts.js';

/** How a MIP stage ended, in words (the CLI's summary, the plan's notes). */
export { describeStage } from '../planning/mipWaves.js';

/**
 * Options of {@link planWaves}: the request as the CLI and the API take it (defaults here:
 * days `sat`, solver `mip`, 60 seconds), and how this run reports and where it solves.
 */
export type WavePlanOptions = Readonly<WavePlanRequest> & WavePlanRun;

/** How one wave planning runs: its solver ticks, the thread it solves on, its cancellation. */
export interface WavePlanRun {
  readonly onSolverTick?: SolverTick | undefined;
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
  /** Per application, the source devices its instances leave and the target devices that receive them (in that order). */
  readonly placement: { application: string; from: string[]; to: string[] }[];
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
  readonly solver: Solver;
  readonly optimal: boolean;
  readonly stages: readonly StageOutcome[];
  readonly objective: { waves: number; end: string | null; splitDays: number };
  readonly greedy: { waves: number; end: string | null; splitDays: number } | null;
  readonly groups: number;
  readonly waves: PlannedWave[];
  /** The notices' English messages (kept for clients that read only these). */
  readonly warnings: string[];
  /** The warnings as codes with parameters, for clients that show them in their user's language. */
  readonly notices: ReturnType<typeof notice>[];
  readonly written: boolean;
}

/** Plans the move of `from`'s applications to `to` in waves and (unless dry) writes the plan. */
export async function planWaves(service: EstateService, o: WavePlanOptions): Promise<WavePlanResult> {
  const start = parseInstant(o.start, 'start').slice(0, 10);
  const end = o.end !== undefined ? parseInstant(o.end, 'end').slice(0, 10) : dateOf(dayOf(start) + 730);
  if (end < start) throw new VerbundError('USAGE', `--end ${end} is before --start ${start}`);
  if (o.from === o.to) throw new VerbundError('USAGE', `--from and --to are both "${o.from}": a move needs two sites`);
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
  const devices = await targetOverTime(service, o.to);
  const horizon = dayOf(end) + 1;
  const scope = moveScope(estate, o.from, receivers, devices);
  if (!scope.moving.length) throw new VerbundError('PLAN_INFEASIBLE', `no application runs on ${o.from} at ${start}: nothing to move`);
  // Each application may move only on a day on which its instances find devices of their own (alone).
  const alone = new Placement(devices, horizon);
  const moving = scope.moving.map((a) => ({ ...a, placeable: (day: number) => alone.choose(scope.demands.get(a.id)!, day) !== null }));
  const capacity = poolCapacity(devices, scope.pool, dayOf(start), horizon);
  const built = buildWaveProblem({ start, end, weekdays, moving, atTarget: scope.atTarget, dependencies: scope.dependencies, maxApps: o.maxApps, maxVcpu: o.maxVcpu, capacity });
  const p = built.problem;
  refuseUnplaceable(p, moving, scope, devices, o.to);
  // The solver sees the target's capacity in total; placement checks it device by device. A
  // group whose instances do not fit on its wave's day is kept off that day and the plan is
  // solved again (a lazy constraint), a bounded number of times.
  const context = { couplings: built.couplings, blackouts: new Map(scope.moving.map((a) => [a.id, a.blackouts])) };
  const began = Date.now();
  const timeLimit = o.timeLimit ?? 60;
  let retries = 0;
  let solution: Awaited<ReturnType<typeof solveWaves>>;
  let placed: ReturnType<typeof placeWaves>;
  for (;;) {
    const options = { solver: o.solver ?? 'mip', timeLimit: Math.max(1, timeLimit - (Date.now() - began) / 1000) } as const;
    solution = o.runner
      ? await o.runner.waves({ op: 'solveWaves', problem: p, context, options }, o.signal)
      : await solveWaves(p, context, { ...options, ...(o.onSolverTick && { onSolverTick: o.onSolverTick }) });
    placed = placeWaves(p, solution.assignment, scope, devices, horizon, o.name);
    if (!placed.failed.length) break;
    if (retries++ >= MAX_PLACEMENT_RETRIES) {
      const unplaced: Problem[] = placed.failed.map(({ app, k }) => {
        const m = scope.demands.get(app)!;
        return { code: 'PLAN_INFEASIBLE', id: app, field: 'instances', message: `${app} (${describeShare(m.share)} per instance) finds no ${m.slots.length} distinct devices at ${o.to} with that much free from ${dateOf(p.days[k]!)} to ${end} beside the other applications of its wave` };
      });
      throw new VerbundError('PLAN_INFEASIBLE', `the waves fit the target's free capacity in total, but not device by device after ${retries} attempts (${unplaced.length} application${unplaced.length > 1 ? 's' : ''}); add capacity, name --target-devices or lower --max-vcpu`, unplaced);
    }
    for (const f of placed.failed) p.groups[f.group]!.allowed[f.k] = 0;
  }
  const { waves, instancesAfter, placement } = placed;
  const scheduledWarnings = await alreadyScheduled(service, new Set(scope.moving.map((a) => a.id)));
  // After a retry the solver proved optimality for a problem with days taken away, not for the move.
  const optimal = solution.optimal && retries === 0;
  const retryWarnings = retries ? [notice('waves.resolved', { count: retries })] : [];
  const lateWarnings = placement.lateOverruns().map((r) => notice('waves.lateOverrun', { device: r.device, free: round(r.free), dimension: r.dimension, date: dateOf(Math.floor(r.day)), end, placed: round(r.placed), applications: r.applications.join(', ') }));
  const notices = [...built.tightToTarget.map((d) => notice('waves.tightToTarget', { from: d.from, to: d.to, site: o.to })), ...scheduledWarnings, ...retryWarnings, ...lateWarnings];
  const changesets = waveChangeSets(o, waves, instancesAfter, estate.ofKind('application'));
  const fmt = (x: { waves: number; endDay: number; splitDays: number } | null) => x && { waves: x.waves, end: x.endDay >= 0 ? dateOf(x.endDay) : null, splitDays: x.splitDays };
  const notes = `Planned by verbund plan waves (${solution.solver}${optimal ? ', optimal' : solution.stages.length ? `, ${solution.stages.map(describeStage).join(', ')}` : ''}): ${o.from} → ${o.to}, ${waves.length} waves, ${solution.objective.splitDays} split application-days.`;
  if (!o.dryRun) await service.addChangeSets({ plans: [{ id: o.name, title: o.title ?? english('plan.move', { from: o.from, to: o.to }), notes }], changesets });
  return {
    plan: o.name,
    from: o.from,
    to: o.to,
    start,
    end,
    days: weekdays.map((d) => ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][d]!),
    limits: { maxApps: o.maxApps ?? null, maxVcpu: o.maxVcpu ?? null },
    solver: solution.solver,
    optimal,
    stages: solution.stages,
    objective: fmt(solution.objective)!,
    greedy: fmt(solution.greedy),
    groups: p.groups.length,
    waves,
    warnings: notices.map((n) => n.message),
    notices,
    written: !o.dryRun,
  };
}

const MAX_PLACEMENT_RETRIES = 25;

/** Warnings naming the moving applications that scheduled change sets of accepted plans change already. */
async function alreadyScheduled(service: EstateService, moving: ReadonlySet<string>): Promise<ReturnType<typeof notice>[]> {
  const accepted = (await listChangeSetHeaders(service.store.db)).filter((h) => h.status === 'scheduled' && h.plan);
  if (!accepted.length) return [];
  const changes = await loadChanges(service.store.db, accepted.map((h) => h.seq));
  const byPlan = new Map<string, { apps: Set<string>; sets: string[]; dates: string[] }>();
  for (const h of accepted) {
    const apps = (changes.get(h.seq) ?? []).map((c) => c.id).filter((id) => moving.has(id));
    if (!apps.length) continue;
    const entry = byPlan.get(h.plan!) ?? { apps: new Set<string>(), sets: [], dates: [] };
    for (const a of apps) entry.apps.add(a);
    entry.sets.push(h.id);
    entry.dates.push(formatInstant(h.effectiveKey));
    byPlan.set(h.plan!, entry);
  }
  return [...byPlan].map(([plan, e]) => notice('waves.alreadyScheduled', { applications: [...e.apps].sort().join(', '), count: e.apps.size, plan, changesets: e.sets.join(', '), dates: e.dates.join(', ') }));
}

/** Places every wave's instances in date order; `failed` lists the applications (with group and day) that found no devices. */
function placeWaves(p: WaveProblem, assignment: Int32Array, scope: MoveScope, devices: readonly TargetDevice[], horizon: number, name: string) {
  const byDay = new Map<number, number[]>();
  assignment.forEach((k, g) => byDay.set(k, [...(byDay.get(k) ?? []), g]));
  const placement = new Placement(devices, horizon);
  const instancesAfter = new Map<string, string[]>();
  const failed: { app: string; group: number; k: number }[] = [];
  const waves: PlannedWave[] = [...byDay.keys()].sort((a, b) => a - b).map((k, i) => {
    const groups = byDay.get(k)!;
    const apps = groups.flatMap((g) => p.groups[g]!.apps).sort();
    const size = { vcpu: 0, ram_gb: 0, storage_tb: 0 };
    for (const g of groups) for (const d of ['vcpu', 'ram_gb', 'storage_tb'] as const) size[d] += p.groups[g]!.size[d];
    // The largest instances first: they have the fewest devices to choose from.
    const order = apps.map((id) => scope.demands.get(id)!).sort((a, b) => b.share.vcpu - a.share.vcpu || b.share.ram_gb - a.share.ram_gb || (a.id < b.id ? -1 : 1));
    const placed: PlannedWave['placement'] = [];
    for (const m of order) {
      const to = placement.choose(m, p.days[k]!);
      if (!to) {
        failed.push({ app: m.id, group: groups.find((g) => p.groups[g]!.apps.includes(m.id))!, k });
        continue;
      }
      placement.commit(m, p.days[k]!, to);
      instancesAfter.set(m.id, [...m.keep, ...to]);
      placed.push({ application: m.id, from: [...m.leaves], to });
    }
    placed.sort((a, b) => (a.application < b.application ? -1 : 1));
    return { wave: i + 1, date: dateOf(p.days[k]!), changeset: `${name}-wave-${i + 1}`, applications: apps, size, placement: placed };
  });
  return { waves, instancesAfter, placement, failed };
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
    title: english('plan.wave', { wave: w.wave, waves: waves.length, to: o.to, applications: w.applications.join(', ') }),
    effective: w.date,
    status: 'proposed',
    plan: o.name,
    changes: [
      ...w.applications.map((id) => ({ op: 'update' as const, id, fields: { instances: instancesAfter.get(id)!, ...(movable(id) && { status: 'migrated' }) } })),
      ...(i === 0 ? waves.slice(1).flatMap((later) => later.applications.filter(movable).map((id) => ({ op: 'update' as const, id, fields: { status: 'migrating' } }))) : []),
    ],
  }));
}

/** The target site's devices over the whole baseline (past --end too: a device retired later must not receive an instance). */
async function targetOverTime(service: EstateService, site: string): Promise<TargetDevice[]> {
  const timeline = new TargetTimeline(site);
  const headers = await listChangeSetHeaders(service.store.db);
  for await (const step of walkTimeline(service.store.db, headers)) timeline.record(step.at, step.estate);
  return timeline.devices();
}

/** Refuses, naming them, the applications whose instances fit on the target's devices on no candidate day. */
function refuseUnplaceable(p: WaveProblem, moving: readonly { id: string; placeable: (day: number) => boolean }[], scope: MoveScope, devices: readonly TargetDevice[], target: string): void {
  const problems: Problem[] = [];
  for (const a of moving) {
    if (p.days.some((d) => a.placeable(d))) continue;
    const m = scope.demands.get(a.id)!;
    const candidates = new Set(m.slots.flatMap((s) => s.candidates));
    const roomiest = devices.filter((d) => candidates.has(d.id)).map((d) => `${d.id}: ${describeShare(d.states[d.states.length - 1]!.free)}${d.states[d.states.length - 1]!.alive ? '' : ' (gone)'}`);
    problems.push({
      code: 'PLAN_INFEASIBLE',
      id: a.id,
      field: 'instances',
      message: `${a.id} needs ${m.slots.length} distinct device${m.slots.length > 1 ? 's' : ''} at ${target} with ${describeShare(m.share)} free each, existing from its wave to the end of the baseline; on no cut-over day between ${dateOf(p.days[0]!)} and ${dateOf(p.days[p.days.length - 1]!)} are there enough (candidates, free at the end: ${roomiest.join('; ') || 'none'})`,
    });
  }
  if (problems.length) throw new VerbundError('PLAN_INFEASIBLE', `the instances of ${problems.length} application${problems.length > 1 ? 's' : ''} fit on no device of ${target}`, problems);
}

function describeShare(s: { vcpu: number; ram_gb: number; storage_tb: number }): string {
  const parts = (['vcpu', 'ram_gb', 'storage_tb'] as const).filter((d) => Number.isFinite(s[d]) && s[d] !== 0).map((d) => `${round(s[d])} ${d}`);
  return parts.join(', ') || 'no size';
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
