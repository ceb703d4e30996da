/** `verbund plan drop PLAN`: every proposed change set of the plan is cancelled. */
import { setPlanStatus } from '../../service/planReport.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';

export async function run(opts: GlobalOptions, name: string): Promise<void> {
  await withService(opts, async (service) => {
    const ids = (await setPlanStatus(service, name, 'cancelled')).changed;
    if (opts.json) return outJson({ plan: name, cancelled: ids });
    out(`plan ${name}: ${ids.length} change sets cancelled (${ids.join(', ')})`);
  });
}
