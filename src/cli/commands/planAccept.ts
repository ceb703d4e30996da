/** `verbund plan accept PLAN`: every proposed change set of the plan becomes scheduled. */
import { setPlanStatus } from '../../service/planReport.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';

export async function run(opts: GlobalOptions, name: string): Promise<void> {
  await withService(opts, async (service) => {
    const ids = await setPlanStatus(service, name, 'scheduled');
    if (opts.json) return outJson({ plan: name, scheduled: ids });
    out(`plan ${name}: ${ids.length} change sets scheduled (${ids.join(', ')})`);
  });
}
