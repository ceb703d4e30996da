/**
 * `verbund check`: verdicts per service (redundant, georedundant), the SPOF report with
 * accepted risks, data-center distances; exit 1 on an open SPOF (docs/analysis.md "check").
 * Optionally of some services only (`--tenant`, `--application`, `--site`, `--verdict`),
 * listed up to `--limit` or as a `--summary`.
 */
import { VerbundError } from '../../model/errors.js';
import { AnalysisService } from '../../service/AnalysisService.js';
import type { CheckQuery, CheckQuerystring } from '../../contracts/requests/analyses.js';
import { BSI_GEO_THRESHOLDS, checkFails, type CheckFailOptions, type CheckReport } from '../../service/checkReport.js';
import { targetsOfChecked, type TargetsReport } from '../../service/recoveryTargets.js';
import type { RestorePlanOptions } from '../../service/restorePlan.js';
import type { Snapshot } from '../../service/Snapshot.js';
import { scopeOf } from '../../service/tenantScope.js';
import { displayInstant } from '../../timeline/time.js';
import { readScenario } from './planRestore.js';
import { io, out, outJson, withService, type GlobalOptions, type OptionsOf } from '../context.js';
import { brief, table } from '../table.js';

/**
 * The check's request as options: its filters and thresholds (as over HTTP), one `--limit`
 * for both pages, `--summary` for the API's `form=summary`, `--targets` (as `targets=true`;
 * a `--scenario` file implies it), and what makes the exit code 1.
 */
type CheckOptions = GlobalOptions &
  Pick<CheckQuery, 'tenant' | 'application' | 'site' | 'verdict'> &
  Partial<OptionsOf<Pick<CheckQuerystring, 'geoMinimumKm' | 'geoRecommendedKm' | 'limit' | 'targets'>>> & {
    readonly failOn: NonNullable<CheckFailOptions['failOn']>;
    readonly georedundancy?: boolean;
    readonly summary?: boolean;
    readonly scenario?: string;
  };

export async function run(opts: CheckOptions): Promise<number> {
  const minimumKm = kilometres(opts.geoMinimumKm, '--geo-minimum-km', BSI_GEO_THRESHOLDS.minimumKm);
  const recommendedKm = kilometres(opts.geoRecommendedKm, '--geo-recommended-km', BSI_GEO_THRESHOLDS.recommendedKm);
  if (recommendedKm < minimumKm) throw new VerbundError('USAGE', `--geo-recommended-km (${recommendedKm}) is below --geo-minimum-km (${minimumKm})`);
  const fail: CheckFailOptions = { failOn: opts.failOn, georedundancy: opts.georedundancy === true };
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
  const scenario = opts.scenario === undefined ? undefined : readScenario(opts.scenario);
  // Opt-in as over HTTP: the restore MIP per data center and the availability analysis cost
  // far more than the check itself on a large estate.
  const judgeTargets = opts.targets === true || scenario !== undefined;
  return withService(opts, async (service) => {
    // One question per process: nothing to keep for a second one.
    const analysis = new AnalysisService(service, { resultBytes: 0 });
    const snapshot = await analysis.snapshot({ at: opts.at, plan: opts.plan });
    const checked = await analysis.check({ snapshot, georedundancy: { minimumKm, recommendedKm } }, query);
    const r = judgeTargets ? { ...checked, continuity: { ...checked.continuity, targets: await checkTargets(analysis, snapshot, checked, opts, scenario) } } : checked;
    const code = checkFails(r, fail) ? 1 : 0;
    for (const w of [...r.warnings, ...r.continuity.warnings, ...targetWarnings(r.continuity.targets)]) io.stderr(`warning: ${w}\n`);
    if (opts.json) {
      outJson(r);
      return code;
    }
    const n = r.network;
    out(`check at ${displayInstant(r.at)}${r.plan ? ` (plan ${r.plan})` : ''}`);
    out(`network: ${n.nodes} nodes, ${n.links} links, ${n.components} component${n.components === 1 ? '' : 's'}, ${n.articulationPoints.length} articulation points, ${n.bridges.length} bridges, ${n.biconnectedComponents.length} blocks`);
    if (r.declared.length) {
      out('declared redundant (links of one redundancy group, e.g. a NetBox circuit group):');
      out(table(['group', 'links', 'verdict'], r.declared.map((d) => [d.group, brief(d.links), d.verdict === 'proven' ? 'declared redundant, proven' : `declared redundant, refuted (shared ${brief(d.shared.map((x) => x.id))})`])));
    }
    if (r.summary.services === 0) {
      out('no services (no usages): the raw network report above is the whole check');
      if (n.articulationPoints.length) out(`articulation points: ${n.articulationPoints.join(', ')}`);
      if (n.bridges.length) out(`bridges: ${n.bridges.join(', ')}`);
      return 0;
    }
    const s = r.summary;
    out(`services: ${s.services}${s.down ? ` (${s.down} down already)` : ''}`);
    out(`  redundant (no single failure but a data center breaks them): ${s.redundant} of ${s.services}`);
    out(`  georedundant (no data-center site breaks them):              ${s.georedundant} of ${s.services}`);
    out(`  survive every single failure:                                ${s.surviving} of ${s.services}`);
    const notRedundant = r.services.filter((x) => !x.redundant);
    if (notRedundant.length) {
      const datacenters = new Set(r.spofs.filter((sp) => sp.gap === 'georedundancy').map((sp) => sp.element));
      out('');
      out(`services that are not redundant${r.page.services.total > r.services.length ? ` (of the first ${r.services.length} listed)` : ''}:`);
      out(
        table(
          ['usage', 'site', 'tenant', 'application', 'broken by (besides data centers)'],
          notRedundant.map((x) => [x.usage, x.site, x.tenant, x.application, x.up ? brief(x.breakers.filter((b) => !datacenters.has(b.id)).map((b) => b.id)) : 'down already']),
        ),
      );
    }
    if (r.spofs.length) {
      out('');
      const total = s.open + s.accepted;
      out(`single points of failure (${total}: ${s.open} open, ${s.accepted} accepted${total > r.spofs.length ? `; the ${r.spofs.length} that break the most` : ''}):`);
      const rows = r.spofs;
      out(
        table(
          ['element', 'kind', 'gap', 'status', 'services', 'users', 'tenants'],
          rows.map((x) => [x.element, x.kind, x.gap, status(x.status, x.acceptance), x.broken, x.tenants.reduce((k, t) => k + t.users, 0), brief(x.tenants.map((t) => t.tenant))]),
        ),
      );
      for (const x of rows) {
        const a = x.acceptance;
        if (a) out(`  ${x.element}: accepted by ${a.acceptedBy} on ${a.acceptedOn}, review by ${a.reviewBy}${a.expired ? ' (overdue: open again)' : ''} — ${a.reason}`);
      }
    }
    const geo = r.applications.filter((a) => a.datacenters.sites.length > 0);
    if (geo.length) {
      out('');
      out(`data centers per application (georedundancy: at least ${minimumKm} km, ${recommendedKm} km recommended):`);
      out(table(['application', 'data centers', 'distance km', 'flag'], geo.map((a) => [a.application, a.datacenters.sites.join(', '), a.datacenters.distanceKm ?? '', a.datacenters.flag])));
    }
    const tests = r.continuity.applications;
    if (tests.length) {
      out('');
      out(`failover tests (applications with recovery targets; ${tests.filter((t) => t.status !== 'current').length} need attention):`);
      out(table(['application', 'criticality', 'RTO h', 'last test', 'result', 'next due', 'status'], tests.map((t) => [t.application, t.criticality ?? '', t.rto_h ?? '', t.lastTest ? `${t.lastTest.date} ${t.lastTest.id ?? ''}`.trim() : '-', t.lastTest?.result ?? '', t.nextDue ?? '', t.status])));
    }
    const flags = r.continuity.targets?.flags ?? [];
    if (r.continuity.targets) {
      out('');
      const sc = r.continuity.targets.scenario;
      out(`targets the estate cannot deliver (${flags.length}; restore order of ${sc ? `${sc.chosen === 'given' ? 'the scenario' : 'the worst data-center loss'}: ${sc.fail.join(', ')}` : 'no scenario: nothing fails'}):`);
      if (flags.length) out(table(['application', 'target', 'wanted', 'delivered', 'why', 'tenants'], flags.map((f) => [f.application, f.target, f.target === 'rto' ? `${f.wanted} h` : f.wanted, f.target === 'rto' ? `${f.actual} h` : f.actual, f.why ?? '', brief(f.tenants)])));
    }
    if (!judgeTargets) {
      out('');
      out('recovery targets: not judged (verbund check --targets, or --scenario FILE for a disaster of your own)');
    }
    return code;
  });
}

/** The check's targets, as the --tenant may see them, of the applications the filters checked. */
async function checkTargets(analysis: AnalysisService, snapshot: Snapshot, r: CheckReport, opts: CheckOptions, scenario: Partial<RestorePlanOptions> | undefined): Promise<TargetsReport | null> {
  const principal = { name: 'cli', role: opts.tenant === undefined ? ('admin' as const) : ('tenant' as const), tenant: opts.tenant ?? null };
  const targets = await analysis.targets({ snapshot }, scopeOf(principal, snapshot.estate), { scenario });
  return targetsOfChecked(targets, r, opts.application !== undefined || opts.site !== undefined || opts.verdict !== undefined);
}

/** One warning per flagged target. */
function targetWarnings(t: TargetsReport | null | undefined): string[] {
  return (t?.flags ?? []).map((f) => (f.target === 'rto' ? `${f.application}: WAZ/RTO ${f.wanted} h missed in the restore order (useful again after ${f.actual} h, ${f.why}): ${f.detail}` : `${f.application}: availability target not reached: ${f.detail}`));
}

function status(s: 'open' | 'accepted', a: { expired: boolean } | null): string {
  return s === 'open' && a?.expired ? 'open (review overdue)' : s;
}

function kilometres(value: string | undefined, option: string, otherwise: number): number {
  if (value === undefined) return otherwise;
  const km = Number(value);
  if (!(km >= 0) || value.trim() === '') throw new VerbundError('USAGE', `${option} takes a distance in km, got "${value}"`);
  return km;
}
