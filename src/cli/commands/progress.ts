/** `verbund progress [--from --to] [--plan P]`: applications by status per date, as a table or JSON. */
import { VerbundError } from '../../model/errors.js';
import { migrationProgressReport, migrationStatuses, type MigrationPoint } from '../../service/migrationProgressReport.js';
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

interface ProgressCommandOptions extends GlobalOptions {
  from?: string;
  to?: string;
}

export async function run(opts: ProgressCommandOptions): Promise<void> {
  // --at asks for one date: the state then, as one row.
  if (opts.at !== undefined && (opts.from !== undefined || opts.to !== undefined)) throw new VerbundError('USAGE', 'give --at (one date) or --from/--to, not both');
  const range = opts.at !== undefined ? { from: opts.at, to: opts.at } : { from: opts.from, to: opts.to };
  await withService(opts, async (service) => {
    const r = await migrationProgressReport(service, { plan: opts.plan, ...range });
    if (opts.json) return outJson(r);
    const n = r.plan ? new Set([...r.dates, ...r.plan.dates].map((p) => p.at)).size : r.dates.length;
    out(`applications by status${r.plan ? `, baseline and plan ${r.plan.id} (plan columns marked *)` : ''}: ${n} date${n === 1 ? '' : 's'}`);
    const header = ['date', ...migrationStatuses];
    if (!r.plan) {
      out(table([...header, 'change sets'], r.dates.map((p) => [displayInstant(p.at), ...migrationStatuses.map((s) => p.counts[s]), p.changesets])));
      return;
    }
    // The two series change at different instants: show both at every instant of either.
    const instants = [...new Set([...r.dates, ...r.plan.dates].map((p) => p.at))].sort();
    const base = stepper(r.dates);
    const plan = stepper(r.plan.dates);
    const rows = instants.map((at) => {
      const [b, p] = [base(at), plan(at)];
      return [displayInstant(at), ...migrationStatuses.map((s) => b?.counts[s] ?? ''), ...migrationStatuses.map((s) => p?.counts[s] ?? ''), same(b, p) ? '' : 'differs'];
    });
    out(table([...header, ...migrationStatuses.map((s) => `${s}*`), 'plan'], rows));
  });
}

/** The point in force at each instant, for instants asked in ascending order. */
function stepper(points: readonly MigrationPoint[]): (at: string) => MigrationPoint | undefined {
  let i = -1;
  return (at) => {
    while (i + 1 < points.length && points[i + 1]!.at <= at) i++;
    return points[i];
  };
}

function same(a: MigrationPoint | undefined, b: MigrationPoint | undefined): boolean {
  return migrationStatuses.every((s) => a?.counts[s] === b?.counts[s]);
}
