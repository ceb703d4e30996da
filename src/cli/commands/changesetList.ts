/** `verbund changeset list`: every change set in timeline order. */
import { compareChangeSets, isOverdue } from '../../timeline/changeSet.js';
import { nowKey } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

export async function run(opts: GlobalOptions): Promise<void> {
  await withService(opts, async (service) => {
    const now = nowKey();
    const list = (await service.changeSets()).sort(compareChangeSets).map((c) => ({ ...c, overdue: isOverdue(c, now) }));
    if (opts.json) return outJson(list);
    out(table(['effective', 'id', 'status', 'plan', 'title', 'recorded by'], list.map((c) => [c.effective, c.id, c.overdue ? 'scheduled (overdue)' : c.status, c.plan ?? '', c.title, c.recordedBy])));
  });
}
