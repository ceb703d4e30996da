/**
 * `plan restore` as a use case (docs/continuity.md): read the estate at the disaster, find
 * what the scenario takes down, solve the restore order, and (unless dry) write it as a plan
 * of proposed change sets: at the start the failed applications lose their instances, and
 * each restore step brings back those restored in it, so that `plan show` and `timeline
 * check --plan` show the services coming back step by step.
 */
import { VerbundError } from '../model/errors.js';
import { ID_RULE, idSchema } from '../model/objectSchemas.js';
import { buildRestoreProblem, earliestSlot, closureOf, type RestoreProblem } from '../planning/RestoreProblem.js';
import { restoreScope } from '../planning/restoreScope.js';
import { offsetMinutes, parseShifts, restoreSlots } from '../planning/restoreSlots.js';
import { solveRestore, type RestoreSolution, type RestoreSolveOptions } from '../planning/solveRestore.js';
import type { ChangeSetInput } from '../timeline/changeSet.js';
import { nowKey, parseInstant } from '../timeline/time.js';
import type { EstateService } from './EstateService.js';
import { english, textOf } from './serverTexts.js';
import type { RestorePlanRequest } from '../contracts/requests/plans.js';
// The results are the API's contract: declared in src/contracts.
import type { RestoreMiss, RestorePlanResult, RestoreStep } from '../contracts/index.js';
export type { RestoreMiss, RestorePlanResult, RestoreStep };

/**
 * Where a restore solve runs: the API's analysis pool (an AnalysisRunner, whose `restore`
 * this is). Declared here rather than imported: the runner's module reaches back to this one
 * (the check's continuity section holds the recovery targets, measured with this plan).
 */
export interface RestoreRunner {
  restore(task: { readonly op: 'solveRestore'; readonly problem: RestoreProblem; readonly options: RestoreSolveOptions }, signal?: AbortSignal): Promise<RestoreSolution>;
}

/**
 * Options of {@link planRestore}: the request as the CLI, the API and a scenario file give it,
 * for `check` (recoveryTargets.ts) whether the missed deadlines alone will do, and where the
 * solve runs.
 */
export type RestorePlanOptions = RestorePlanRequest & {
  /** Optimise the missed deadlines only (stage 1), as `check` needs; default both stages. */
  readonly missedOnly?: boolean | undefined;
  /** Where the solve runs (the API: its analysis pool); this thread without. */
  readonly runner?: RestoreRunner | undefined;
  /** Cancels the solve (the client went away). */
  readonly signal?: AbortSignal | undefined;
};

const positive = (v: number | undefined, name: string): number | undefined => {
  if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new VerbundError('USAGE', `${name} must be a positive number`);
  return v;
};

/** Plans the restore order of a scenario and (unless dry) writes it as a plan. */
export async function planRestore(service: EstateService, o: RestorePlanOptions): Promise<RestorePlanResult> {
  const written = o.start ?? nowKey();
  const start = parseInstant(written, 'start');
  const slotHours = positive(o.slotHours, '--slot-hours') ?? 1;
  const appsPerSlot = positive(o.appsPerSlot, '--apps-per-slot');
  const vcpuPerSlot = positive(o.vcpuPerSlot, '--vcpu-per-slot');
  if (appsPerSlot === undefined && vcpuPerSlot === undefined) throw new VerbundError('USAGE', 'give the restore capacity: --apps-per-slot and/or --vcpu-per-slot');
  const shiftSpec = o.shifts ?? '00-24';
  const shifts = parseShifts(shiftSpec);
  if (!o.fail.length) throw new VerbundError('USAGE', '--fail: name the failed elements (applications, devices, sites, risk groups)');
  // The step ids append `-step-N`, the incident `-incident`.
  if (!idSchema.safeParse(o.name).success || o.name.length > 52) throw new VerbundError('INVALID_INPUT', `--name: "${o.name}" is no valid plan id: ${ID_RULE.replace('64', '52')} (its change sets add "-step-N")`);
  if (!o.dryRun && (await service.plans()).some((p) => p.id === o.name)) throw new VerbundError('CONFLICT', `a plan "${o.name}" exists already; choose another --name or drop it`);

  const { estate } = await service.estate({ at: start });
  const scope = restoreScope(estate, o.fail);
  const startMs = Date.parse(start);
  const slots = restoreSlots(startMs, offsetMinutes(written), slotHours, shifts, scope.apps.length);
  const input = { apps: scope.apps, usages: scope.usages, slots: slots.hours, maxApps: appsPerSlot ?? Infinity, maxVcpu: vcpuPerSlot ?? Infinity };
  const p = buildRestoreProblem(input);
  const options = { solver: o.solver ?? 'mip', timeLimit: o.timeLimit ?? 30, missedOnly: o.missedOnly } as const;
  const solution = o.runner ? await o.runner.restore({ op: 'solveRestore', problem: p, options }, o.signal) : await solveRestore(p, options);
  const slotOfApp = (i: number): number => solution.assignment[p.groupOf[i]!]!;
  const at = (hours: number): string => new Date(startMs + hours * 3_600_000).toISOString();

  const used = [...new Set(scope.apps.map((_, i) => slotOfApp(i)))].sort((a, b) => a - b);
  const steps: RestoreStep[] = used.map((k, n) => {
    const here = scope.apps.map((a, i) => [a, i] as const).filter(([, i]) => slotOfApp(i) === k);
    const useful = new Set(here.map(([a]) => a.id));
    return {
      step: n + 1,
      at: slots.ends[k]!,
      changeset: `${o.name}-step-${n + 1}`,
      restored: here.filter(([a]) => a.failed).map(([a]) => a.id),
      useful: [...useful],
      served: scope.usages.filter((u) => useful.has(u.application)).map((u) => ({ usage: u.id, tenant: u.tenant, application: u.application, users: u.users })),
    };
  });
  const misses: RestoreMiss[] = [];
  for (const d of p.demands) {
    const app = scope.apps[d.app]!;
    const t = slots.hours[slotOfApp(d.app)]!;
    for (const [target, limit] of [['rto', d.deadline], ['mtd', d.mtd]] as const) {
      if (!(t > limit)) continue;
      const earliest = slots.hours[Math.min(earliestSlot(p, d.app), slots.hours.length - 1)]!;
      const closure = [...closureOf(input, d.app)].filter((i) => scope.apps[i]!.failed).map((i) => scope.apps[i]!.id);
      const why = earliest <= limit ? 'capacity' : closure.length > 1 ? 'dependency-chain' : 'no-slot';
      const detail =
        why === 'capacity'
          ? `the restore slots before ${at(limit)} go to ${brief(steps.filter((s) => Date.parse(s.at) <= startMs + limit * 3_600_000).flatMap((s) => s.restored))}, whose users weigh more or whose deadlines come first`
          : why === 'dependency-chain'
            ? `${closure.length} applications must be restored before it is useful (${closure.join(', ')}); the earliest is ${at(earliest)}`
            : `no restore slot ends before ${at(limit)} (slot length and shifts); the first ends ${slots.ends[0]}`;
      misses.push({ application: app.id, usage: d.usage, tenant: d.tenant, users: d.users, target, deadline: at(limit), usefulAt: at(t), why, detail });
    }
  }
  const usersOf = new Map<string, number>();
  for (const u of scope.usages) usersOf.set(u.application, (usersOf.get(u.application) ?? 0) + u.users);
  const applications = scope.apps.map((a, i) => ({
    id: a.id,
    failed: a.failed,
    restoredAt: a.failed ? slots.ends[slotOfApp(i)]! : null,
    usefulAt: slots.ends[slotOfApp(i)]!,
    rto_h: a.rto_h ?? null,
    users: usersOf.get(a.id) ?? 0,
  }));

  const title = o.title ?? english('plan.restore', { fail: o.fail.join(', ') });
  if (!o.dryRun) {
    const how = solution.solver === 'greedy' ? `greedy${solution.optimal ? ', meets the lower bound' : ''}` : solution.optimal ? 'MIP, optimal' : 'MIP, time limit reached';
    const notes = `Planned by verbund plan restore (${how}): scenario ${o.fail.join(', ')} at ${start}; ${steps.length} restore steps, ${misses.filter((m) => m.target === 'rto').length} RTO misses.`;
    await service.addChangeSets({ plans: [{ id: o.name, title, notes }], changesets: restoreChangeSets(o.name, start, o.fail, steps, scope.instances) });
  }
  return {
    plan: o.name,
    title,
    text: textOf(title),
    start,
    fail: [...o.fail],
    capacity: { slotHours, shifts: shiftSpec, appsPerSlot: appsPerSlot ?? null, vcpuPerSlot: vcpuPerSlot ?? null },
    solver: solution.solver,
    optimal: solution.optimal,
    stages: solution.stages,
    objective: solution.objective,
    bound: solution.bound,
    greedy: solution.greedy,
    note: solution.note,
    applications,
    steps,
    misses,
    written: !o.dryRun,
  };
}

/** A list of ids, the first five and how many more. */
function brief(ids: readonly string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ') || 'other applications';
}

/** A step's title: what it restores (or that it brings dependencies back) and how many tenants it serves again. */
function stepTitle(s: RestoreStep, steps: number): string {
  const tenants = new Set(s.served.map((x) => x.tenant)).size;
  const at = { step: s.step, steps, ...(tenants > 0 && { tenants }) };
  if (s.restored.length === 0) return english(tenants ? 'restore.dependenciesServed' : 'restore.dependencies', at);
  return english(tenants ? 'restore.stepServed' : 'restore.step', { ...at, applications: s.restored.join(', ') });
}

/** The incident (failed applications lose their instances) and one change set per step. */
function restoreChangeSets(name: string, start: string, fail: readonly string[], steps: readonly RestoreStep[], instances: ReadonlyMap<string, readonly string[]>): ChangeSetInput[] {
  const down = [...instances.keys()].filter((id) => instances.get(id)!.length > 0);
  return [
    {
      id: `${name}-incident`,
      title: english('restore.incident', { fail: fail.join(', '), count: instances.size }),
      effective: start,
      status: 'proposed',
      plan: name,
      changes: down.map((id) => ({ op: 'update' as const, id, fields: { instances: [] } })),
    },
    ...steps.map((s) => ({
      id: s.changeset,
      title: stepTitle(s, steps.length),
      effective: s.at,
      status: 'proposed' as const,
      plan: name,
      changes: s.restored.filter((id) => instances.get(id)!.length > 0).map((id) => ({ op: 'update' as const, id, fields: { instances: [...instances.get(id)!] } })),
    })),
  ];
}
