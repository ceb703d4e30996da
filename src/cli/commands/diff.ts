/** `verbund diff --from A --to B`: change sets between two dates and what they changed. */
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';
import { diffTable } from '../diffTable.js';

interface DiffOptions extends GlobalOptions {
  from: string;
  to?: string;
}

export async function run(opts: DiffOptions): Promise<void> {
  await withService(opts, async (service) => {
    const d = await service.diff(opts.from, opts.to ?? new Date().toISOString(), opts.plan);
    if (opts.json) return outJson(d);
    out(`from ${displayInstant(d.from)} to ${displayInstant(d.to)}${opts.plan ? ` (plan ${opts.plan})` : ''}: ${d.changesets.length} change sets, ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`);
    if (d.changesets.length) {
      out('');
      out(table(['effective', 'change set', 'status', 'title'], d.changesets.map((c) => [c.effective, c.id, c.status, c.title])));
    }
    const rows = diffTable(d);
    if (rows) {
      out('');
      out(rows);
    }
  });
}
