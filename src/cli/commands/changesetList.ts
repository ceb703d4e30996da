/** `verbund changeset list`: every change set in timeline order. */
import { compareChangeSets } from '../../timeline/changeSet.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

export async function run(opts: GlobalOptions): Promise<void> {
  await withService(opts, async (service) => {
    const list = (await service.changeSets()).sort(compareChangeSets);
    if (opts.json) return outJson(list);
    out(table(['effective', 'id', 'status', 'plan', 'title', 'recorded by'], list.map((c) => [c.effective, c.id, c.status, c.plan ?? '', c.title, c.recordedBy])));
  });
}
