/** `verbund plan accept PLAN [--backdate]`: every proposed change set of the plan becomes scheduled (past ones done, with --backdate). */
import { setPlanStatus } from '../../service/planReport.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';

export async function run(opts: GlobalOptions & { backdate?: boolean }, name: string): Promise<void> {
  await withService(opts, async (service) => {
    // The command line works on the database directly: its user is the operator.
    const r = await setPlanStatus(service, name, 'scheduled', { backdate: opts.backdate, mayBackdate: true });
    if (opts.json) return outJson({ plan: name, scheduled: r.changed, done: r.done });
    out(`plan ${name}: ${r.changed.length} change sets scheduled (${r.changed.join(', ') || '-'})${r.done.length ? `, ${r.done.length} recorded as done (${r.done.join(', ')})` : ''}`);
  });
}
