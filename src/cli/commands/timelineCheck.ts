/** `verbund timeline check [--plan P]`: the verdicts at every date where the estate changes. */
import { AnalysisService } from '../../service/AnalysisService.js';
import { displayInstant } from '../../timeline/time.js';
import { io, out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

export async function run(opts: GlobalOptions): Promise<number> {
  return withService(opts, async (service) => {
    const r = await new AnalysisService(service).timelineCheck(opts.plan);
    for (const p of r.problems) io.stderr(`verbund: warning: ${p.changeset ? `change set ${p.changeset}: ` : ''}${p.id ? `${p.id}: ` : ''}${p.message}\n`);
    const lost = r.steps.some((s) => s.lost.length > 0);
    if (opts.json) {
      outJson(r);
      return lost ? 1 : 0;
    }
    out(`timeline check${r.plan ? ` with plan ${r.plan}` : ' of the baseline'}: ${r.steps.length} dates`);
    out(
      table(
        ['date', 'change sets', 'services', 'surviving', 'lost', 'regained'],
        r.steps.map((s) => [displayInstant(s.at), s.changesets.map((c) => (c.status === 'proposed' ? `${c.id} (proposed)` : c.id)).join(', '), s.services, s.surviving, s.lost.length || '', s.regained.length || '']),
      ),
    );
    for (const s of r.steps.filter((x) => x.lost.length)) {
      out('');
      out(`${displayInstant(s.at)}: ${s.changesets.map((c) => c.id).join(', ')} cost ${s.lost.length} service${s.lost.length === 1 ? '' : 's'} their redundancy:`);
      out(table(['usage', 'site', 'tenant', 'broken by'], s.lost.slice(0, 20).map((x) => [x.usage, x.site, x.tenant, x.breakers.slice(0, 4).map((b) => b.id).join(', ')])));
      if (s.lost.length > 20) out(`… and ${s.lost.length - 20} more (--json for all)`);
    }
    return lost ? 1 : 0;
  });
}
