/** `verbund plan show PLAN`: the waves of a plan with size, split dependencies and verdicts. */
import { planReport, type PlanReport } from '../../service/planReport.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

export async function run(opts: GlobalOptions, name: string): Promise<void> {
  await withService(opts, async (service) => {
    const r = await planReport(service, name);
    if (opts.json) return outJson(r);
    printPlanReport(r);
  });
}

/** Prints a plan report as a table (shared with `plan waves`). */
export function printPlanReport(r: PlanReport): void {
  out(`${r.plan.id}: ${r.plan.title}`);
  if (r.plan.notes) out(r.plan.notes);
  out('');
  out(
    table(
      ['date', 'change set', 'status', 'applications', 'vCPU', 'split deps', 'redundant', 'gained', 'lost', 'weakened'],
      r.steps.map((s) => [
        s.date,
        s.changeset,
        s.status,
        s.applications.join(', '),
        s.size.vcpu,
        s.splits.length,
        s.verdict ? `${s.verdict.redundant}/${s.verdict.services}` : '-',
        s.verdict ? s.verdict.regainedRedundancy || '' : '-',
        s.verdict ? s.verdict.lostRedundancy || '' : '-',
        s.verdict?.weakened ?? '-',
      ]),
    ),
  );
  const moves = r.steps.flatMap((s) => s.placement.map((p) => [s.date, p.application, p.from.join(', ') || '-', p.to.join(', ') || '-']));
  if (moves.length) {
    out('');
    out('placement (instances leave → are placed on):');
    out(table(['date', 'application', 'leaves', 'placed on'], moves));
  }
}
