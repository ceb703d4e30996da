/** `verbund timeline check [--plan P]`: the verdicts at every date where the estate changes. */
import { availableParallelism, loadavg } from 'node:os';
import { AnalysisService } from '../../service/AnalysisService.js';
import { displayInstant } from '../../timeline/time.js';
import { io, out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

/** Threads at most: each replays the timeline and analyses one date whole, and holds its own estate (about 1 GB at state scale). */
const MAX_THREADS = 4;

/**
 * Threads for the runs of dates: one a core that other work leaves free (cores less the
 * load average, rounded), at least this one. A run more costs a replay and a whole analysis
 * (on the `state` preset a quarter more CPU): on cores busy with other work it only competes
 * with that work and ends later (measured: 26.1 s against 23.0 s wall on average at load 3–6).
 */
function timelineThreads(): number {
  const cores = availableParallelism();
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.round(cores - (loadavg()[0] ?? 0))));
}

export async function run(opts: GlobalOptions): Promise<number> {
  return withService(opts, async (service) => {
    // Runs of dates side by side on the free cores (a large view only): each thread more holds an estate more.
    const r = await new AnalysisService(service, { timelineThreads: timelineThreads() }).timelineCheck(opts.plan);
    for (const p of r.problems) io.stderr(`verbund: warning: ${p.changeset ? `change set ${p.changeset}: ` : ''}${p.id ? `${p.id}: ` : ''}${p.message}\n`);
    // A date that costs any service redundancy (a new single point of failure) fails the check.
    const lost = r.steps.some((s) => s.lost.length > 0 || s.weakened.length > 0);
    if (opts.json) {
      outJson(r);
      return lost ? 1 : 0;
    }
    out(`timeline check${r.plan ? ` with plan ${r.plan}` : ' of the baseline'}: ${r.steps.length} dates`);
    out(
      table(
        ['date', 'change sets', 'services', 'redundant', 'lost', 'regained', 'surviving', 'weakened', 'strengthened'],
        r.steps.map((s) => [
          displayInstant(s.at),
          s.changesets.map((c) => (c.status === 'proposed' ? `${c.id} (proposed)` : c.id)).join(', '),
          s.services,
          s.redundant,
          s.lostRedundancy.length || '',
          s.regainedRedundancy.length || '',
          s.surviving,
          s.weakened.length || '',
          s.strengthened.length || '',
        ]),
      ),
    );
    out('');
    out('redundant: no single failure but a data center breaks them; lost/regained: services that stop/start being redundant; surviving: not even a data center breaks them; weakened/strengthened: services that an element now breaks / no longer breaks.');
    for (const s of r.steps.filter((x) => x.lost.length || x.weakened.length)) {
      out('');
      out(`${displayInstant(s.at)}: ${s.changesets.map((c) => c.id).join(', ')} weakens ${s.weakened.length} service${s.weakened.length === 1 ? '' : 's'}:`);
      out(table(['usage', 'site', 'tenant', 'now also broken by'], s.weakened.slice(0, 20).map((x) => [x.usage, x.site, x.tenant, x.newBreakers.slice(0, 4).map((b) => b.id).join(', ')])));
      if (s.weakened.length > 20) out(`… and ${s.weakened.length - 20} more (--json for all)`);
    }
    return lost ? 1 : 0;
  });
}
