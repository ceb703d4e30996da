/** `verbund plan waves`: plan a data-center move in dated waves and write it as a proposed plan. */
import { positiveNumber } from '../positiveNumber.js';
import type { WavePlanRequest } from '../../contracts/requests/plans.js';
import { describeStage, planWaves, type WavePlanResult } from '../../service/PlanningService.js';
import { io, out, outJson, withService, type GlobalOptions, type OptionsOf } from '../context.js';
import { table } from '../table.js';
import { printPlanReport } from './planShow.js';
import { planReport } from '../../service/planReport.js';

/** The wave plan's request as options; `--target-devices` is one comma-separated list. */
type PlanWavesOptions = GlobalOptions & Omit<OptionsOf<WavePlanRequest>, 'targetDevices'> & { readonly targetDevices?: string };

export async function run(opts: PlanWavesOptions): Promise<void> {
  const tty = process.stderr.isTTY && !opts.json;
  // The solver blocks the event loop, so the status line is written from its callback directly.
  const onSolverTick = tty
    ? (stage: 1 | 2, seconds: number, gap: number): void =>
        io.stderr(`\r\x1b[Ksolving stage ${stage}/2 (${stage === 1 ? 'waves and end date' : 'split days'}): ${seconds.toFixed(0)} s${Number.isFinite(gap) ? `, gap ${(gap * 100).toFixed(1)} %` : ''}`)
    : undefined;
  await withService(opts, async (service) => {
    const r = await planWaves(service, {
      name: opts.name,
      from: opts.from,
      to: opts.to,
      start: opts.start,
      end: opts.end,
      days: opts.days,
      maxApps: positiveNumber(opts.maxApps, '--max-apps'),
      maxVcpu: positiveNumber(opts.maxVcpu, '--max-vcpu'),
      targetDevices: opts.targetDevices?.split(',').map((s) => s.trim()).filter(Boolean),
      title: opts.title,
      solver: opts.solver,
      timeLimit: positiveNumber(opts.timeLimit, '--time-limit'),
      dryRun: opts.dryRun,
      onSolverTick,
    });
    if (tty) io.stderr('\r\x1b[K');
    if (opts.json) return outJson(r);
    printSolution(r);
    if (r.written) {
      out('');
      printPlanReport(await planReport(service, r.plan));
      out('');
      out(`next: verbund timeline check --plan ${r.plan}   |   verbund plan accept ${r.plan}   |   verbund plan drop ${r.plan}`);
    }
  });
}

function printSolution(r: WavePlanResult): void {
  const how =
    r.solver === 'greedy'
      ? 'greedy (no optimality guarantee)'
      : r.optimal
        ? 'MIP, optimal'
        : `MIP, time limit reached: ${r.stages.map(describeStage).join(', ')}`;
  out(`plan ${r.plan}: move ${r.from} → ${r.to}, ${r.groups} move groups in ${r.objective.waves} waves from ${r.waves[0]?.date ?? '-'} to ${r.objective.end ?? '-'} (${how})`);
  out(`split dependencies: ${r.objective.splitDays} application-days${r.greedy ? `; greedy: ${r.greedy.waves} waves to ${r.greedy.end}, ${r.greedy.splitDays} application-days` : ''}`);
  for (const w of r.warnings) io.stderr(`verbund: warning: ${w}\n`);
  if (!r.written) {
    out('');
    out(table(['wave', 'date', 'applications', 'vCPU', 'RAM GB', 'storage TB'], r.waves.map((w) => [w.wave, w.date, w.applications.join(', '), w.size.vcpu, w.size.ram_gb, w.size.storage_tb])));
    out('');
    out('dry run: nothing written');
  }
}
