/**
 * `verbund check`: verdict per service and the SPOF report, optionally of some services only
 * (`--tenant`, `--application`, `--site`, `--verdict`), listed up to `--limit` or as a
 * `--summary`; exit 1 when a (selected) service fails.
 */
import { VerbundError } from '../../model/errors.js';
import { AnalysisService, type CheckQuery } from '../../service/AnalysisService.js';
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

interface CheckOptions extends GlobalOptions {
  readonly tenant?: string;
  readonly application?: string;
  readonly site?: string;
  readonly verdict?: CheckQuery['verdict'];
  readonly limit?: string;
  readonly summary?: boolean;
}

export async function run(opts: CheckOptions): Promise<number> {
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new VerbundError('USAGE', `--limit is a whole number, not "${opts.limit}"`);
  const query: CheckQuery = {
    tenant: opts.tenant,
    application: opts.application,
    site: opts.site,
    verdict: opts.verdict,
    ...(limit !== undefined && { limit, spofLimit: limit }),
    ...(opts.summary && { limit: 0, breaksLimit: 0 }),
  };
  return withService(opts, async (service) => {
    const r = await new AnalysisService(service).check({ at: opts.at, plan: opts.plan }, query);
    if (opts.json) {
      outJson(r);
      return r.summary.failing > 0 ? 1 : 0;
    }
    const n = r.network;
    out(`check at ${displayInstant(r.at)}${r.plan ? ` (plan ${r.plan})` : ''}`);
    out(`network: ${n.nodes} nodes, ${n.links} links, ${n.components} component${n.components === 1 ? '' : 's'}, ${n.articulationPoints.length} articulation points, ${n.bridges.length} bridges, ${n.biconnectedComponents.length} blocks`);
    if (r.summary.services === 0) {
      out('no services (no usages): the raw network report above is the whole check');
      if (n.articulationPoints.length) out(`articulation points: ${n.articulationPoints.join(', ')}`);
      if (n.bridges.length) out(`bridges: ${n.bridges.join(', ')}`);
      return 0;
    }
    const s = r.summary;
    out(`services: ${s.services}; ${s.surviving} survive every single failure, ${s.failing} do not${s.down ? `, ${s.down} are down already` : ''}`);
    const failing = r.services.filter((x) => !x.survives);
    if (failing.length) {
      out('');
      out(`services that do not survive every single failure${r.page.services.total > r.services.length ? ` (of the first ${r.services.length} listed)` : ''}:`);
      out(
        table(
          ['usage', 'site', 'tenant', 'application', 'broken by'],
          failing.map((x) => [x.usage, x.site, x.tenant, x.application, x.up ? brief(x.breakers.map((b) => b.id)) : 'down already']),
        ),
      );
    }
    if (r.spofs.length) {
      out('');
      out(`single points of failure (${s.spofs}${s.spofs > r.spofs.length ? `, the ${r.spofs.length} that break the most` : ''}):`);
      out(table(['element', 'kind', 'services', 'users', 'tenants'], r.spofs.map((x) => [x.element, x.kind, x.broken, x.tenants.reduce((k, t) => k + t.users, 0), brief(x.tenants.map((t) => t.tenant))])));
    }
    return s.failing > 0 ? 1 : 0;
  });
}

function brief(list: readonly string[]): string {
  return list.length > 4 ? `${list.slice(0, 4).join(', ')} (+${list.length - 4})` : list.join(', ');
}
