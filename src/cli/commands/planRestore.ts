/** `verbund plan restore`: the restore order after a disaster, written as a proposed plan. */
import { VerbundError } from '../../model/errors.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { positiveNumber } from '../positiveNumber.js';
import { planReport } from '../../service/planReport.js';
import type { RestorePlanRequest } from '../../contracts/requests/plans.js';
import { planRestore, type RestorePlanResult } from '../../service/restorePlan.js';
import { describeStage } from '../../service/PlanningService.js';
import { out, outJson, withService, type GlobalOptions, type OptionsOf } from '../context.js';
import { brief, table } from '../table.js';
import { printPlanReport } from './planShow.js';
import { scenarioOptions } from '../../service/restoreScenario.js';

/** The restore plan's request as options (`--fail` optional: a scenario file may name them), and the scenario file. */
type PlanRestoreOptions = GlobalOptions & Omit<OptionsOf<RestorePlanRequest>, 'fail'> & { readonly fail?: string[]; readonly scenario?: string };

export async function run(opts: PlanRestoreOptions): Promise<void> {
  const file: Partial<RestorePlanRequest> = opts.scenario === undefined ? {} : readScenario(opts.scenario);
  await withService(opts, async (service) => {
    const r = await planRestore(service, {
      ...file,
      name: opts.name,
      fail: opts.fail ? opts.fail.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean) : (file.fail ?? []),
      ...(opts.start !== undefined && { start: opts.start }),
      ...(opts.start === undefined && file.start === undefined && opts.at !== undefined && { start: opts.at }),
      ...(opts.slotHours !== undefined && { slotHours: positiveNumber(opts.slotHours, '--slot-hours') }),
      ...(opts.shifts !== undefined && { shifts: opts.shifts }),
      ...(opts.appsPerSlot !== undefined && { appsPerSlot: positiveNumber(opts.appsPerSlot, '--apps-per-slot') }),
      ...(opts.vcpuPerSlot !== undefined && { vcpuPerSlot: positiveNumber(opts.vcpuPerSlot, '--vcpu-per-slot') }),
      ...(opts.title !== undefined && { title: opts.title }),
      solver: opts.solver,
      timeLimit: positiveNumber(opts.timeLimit, '--time-limit'),
      dryRun: opts.dryRun,
    });
    if (opts.json) return outJson(r);
    printRestore(r);
    if (r.written) {
      out('');
      printPlanReport(await planReport(service, r.plan));
      out('');
      out(`next: verbund timeline check --plan ${r.plan}   |   verbund plan drop ${r.plan}`);
    }
  });
}

/** The planning options of a scenario file (shared with `report`). */
export function readScenario(path: string): Partial<RestorePlanRequest> & { fail: string[] } {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new VerbundError('INVALID_INPUT', `--scenario ${path}: ${(e as Error).message}`);
  }
  return scenarioOptions(doc, path);
}

function printRestore(r: RestorePlanResult): void {
  const how =
    r.solver === 'greedy'
      ? `greedy${r.optimal ? ', meets the lower bound (optimal)' : `, lower bound ${r.bound.missed} missed / ${r.bound.hours} weighted hours`}${r.note ? `: ${r.note}` : ''}`
      : r.optimal
        ? 'MIP, optimal'
        : `MIP, time limit reached: ${r.stages.map(describeStage).join(', ')}`;
  const failed = r.applications.filter((a) => a.failed).length;
  out(`plan ${r.plan}: restore after ${r.fail.join(', ')} failed at ${r.start}: ${failed} applications to restore, ${r.applications.length - failed} waiting for them, in ${r.steps.length} steps until ${r.steps[r.steps.length - 1]?.at ?? '-'} (${how})`);
  out(`objective: ${r.objective.missed} weight of RTO misses, ${r.objective.hours} user-weighted hours (greedy: ${r.greedy.missed}, ${r.greedy.hours})`);
  out('');
  out(table(['step', 'at', 'restored', 'useful again', 'tenants served again', 'users'], r.steps.map((s) => [s.step, s.at, s.restored.join(', '), s.useful.filter((u) => !s.restored.includes(u)).join(', '), brief([...new Set(s.served.map((x) => x.tenant))]), s.served.reduce((n, x) => n + x.users, 0)])));
  if (r.misses.length) {
    out('');
    out(`targets missed (${r.misses.length}):`);
    out(table(['application', 'tenant', 'target', 'deadline', 'useful at', 'why'], r.misses.map((m) => [m.application, m.tenant ?? '-', m.target === 'rto' ? 'WAZ/RTO' : 'MTA', m.deadline, m.usefulAt, `${m.why}: ${m.detail}`])));
  }
  if (!r.written) {
    out('');
    out('dry run: nothing written');
  }
}
