/** `verbund check`: verdict per service and the SPOF report; exit 1 when a service fails. */
import { AnalysisService, type CheckReport } from '../../service/AnalysisService.js';
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

export async function run(opts: GlobalOptions): Promise<number> {
  return withService(opts, async (service) => {
    const r = await new AnalysisService(service).check({ at: opts.at, plan: opts.plan });
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
      warnings(r.warnings);
      return 0;
    }
    const s = r.summary;
    out(`services: ${s.services}; ${s.surviving} survive every single failure, ${s.failing} do not${s.down ? `, ${s.down} are down already` : ''}`);
    const failing = r.services.filter((x) => !x.survives);
    if (failing.length) {
      out('');
      out('services that do not survive every single failure:');
      out(
        table(
          ['usage', 'site', 'tenant', 'application', 'broken by'],
          failing.map((x) => [x.usage, x.site, x.tenant, x.application, x.up ? brief(x.breakers.map((b) => b.id)) : 'down already']),
        ),
      );
    }
    if (r.spofs.length) {
      out('');
      out(`single points of failure (${r.spofs.length}):`);
      const rows = [...r.spofs].sort((a, b) => b.breaks.length - a.breaks.length || (a.element < b.element ? -1 : 1));
      out(table(['element', 'kind', 'services', 'users', 'tenants'], rows.map((x) => [x.element, x.kind, x.breaks.length, x.tenants.reduce((k, t) => k + t.users, 0), brief(x.tenants.map((t) => t.tenant))])));
    }
    warnings(r.warnings);
    return s.failing > 0 ? 1 : 0;
  });
}

/** Findings that are no verdict: listed last, they never change the exit code. */
function warnings(list: CheckReport['warnings']): void {
  if (!list.length) return;
  out('');
  out(`warnings (${list.length}):`);
  for (const w of list) out(`  ${w.message}`);
}

function brief(list: readonly string[]): string {
  return list.length > 4 ? `${list.slice(0, 4).join(', ')} (+${list.length - 4})` : list.join(', ');
}
