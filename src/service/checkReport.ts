/**
 * The `check` report (docs/analysis.md "check"): per service survives, redundant and
 * georedundant; every SPOF as a redundancy or georedundancy gap, open or accepted; per
 * application its data centers and their distance. Filtered (tenant, application, site,
 * verdict) and paged (docs/api.md "Check: summary, filters, pages"): the summary counts every
 * service that passes, the lists are pages. Shared by the CLI, the API's worker threads and
 * the tenant view.
 */
import { datacenterDistances, type GeoThresholds } from '../engine/datacenterDistances.js';

export { BSI_GEO_THRESHOLDS, type GeoThresholds } from '../engine/datacenterDistances.js';
import { datacenterSites, isDatacenterElement, redundancyVerdicts } from '../engine/redundancy.js';
import { declaredRedundancy } from '../engine/declaredRedundancy.js';
import type { Survivability } from '../engine/survivability.js';
import { networkReport } from '../engine/networkReport.js';
import { cycleMessage, dependencyCycles, type DependencyCycle } from '../model/dependencyCycles.js';
import type { RiskAcceptance } from '../model/objectSchemas.js';
import type { Estate } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';
import { elementOut, serviceRef } from './analyses.js';
import type { Snapshot } from './Snapshot.js';
import { continuityReport } from './continuityReport.js';
// The results are the API's contract: declared in src/contracts; the check's request (filters
// and pages) is defined once, with the API's query string: docs/api.md, "Check".
import type { AcceptanceOut, CheckQuery, CheckReport, CheckSummary, Gap, PageInfo, ServiceOut, SpofOut } from '../contracts/index.js';
export type { AcceptanceOut, CheckQuery, CheckReport, CheckSummary, Gap, PageInfo, ServiceOut, SpofOut };
export { checkVerdicts } from '../contracts/statuses.js';

/** Which SPOFs make `check` fail (its exit code 1). */
export interface CheckFailOptions {
  /** `open` (default): open SPOFs; `any`: accepted ones too; `never`: report only. */
  readonly failOn?: 'open' | 'any' | 'never' | undefined;
  /** Also fail on georedundancy gaps (data-center sites, data centers below the minimum distance). */
  readonly georedundancy?: boolean | undefined;
}

/**
 * The check report of a snapshot and the survivability of (at least) the services the query
 * picks, filtered and paged by the query.
 */
export function buildCheckReport(snap: Snapshot, surv: Survivability, thresholds: GeoThresholds, q: CheckQuery = {}, all: readonly number[] = pickAll(snap)): CheckReport {
  const p = snap.projection;
  const m = snap.services;
  const dc = datacenterSites(p, snap.estate);
  const verdicts = redundancyVerdicts(surv, dc);
  const passes = verdictFilter(q.verdict, surv, verdicts);
  const picked = q.verdict ? all.filter(passes) : all;
  // Every service picked (no filter): the SPOFs' lists stand as they are.
  const everything = picked.length === m.count;
  const inPick = new Uint8Array(m.count);
  for (const s of picked) inPick[s] = 1;
  const services = slice(picked, q.offset, q.limit).map((s) => {
    const v = surv.services[s]!;
    return { ...serviceRef(snap, s), up: v.upAtBaseline, survives: v.survives, ...verdicts[s]!, breakers: v.breakers.map(elementOut) };
  });
  const acceptances = acceptancesAt(snap.estate, snap.at);
  // Each SPOF with the picked services it breaks, most breaking first.
  const spofsAll = surv.spofs
    .map((sp) => {
      const acceptance = acceptances.get(sp.element.id) ?? null;
      return {
        sp,
        breaks: everything ? sp.breaks : sp.breaks.filter((s) => inPick[s] === 1),
        gap: (isDatacenterElement(sp.element, dc) ? 'georedundancy' : 'redundancy') as Gap,
        status: (acceptance && !acceptance.expired ? 'accepted' : 'open') as SpofOut['status'],
        acceptance,
      };
    })
    .filter((x) => x.breaks.length > 0)
    .sort((a, b) => b.breaks.length - a.breaks.length || (a.sp.element.id < b.sp.element.id ? -1 : a.sp.element.id > b.sp.element.id ? 1 : 0));
  const spofs = slice(spofsAll, q.spofOffset, q.spofLimit).map(({ sp, breaks, gap, status, acceptance }): SpofOut => {
    // Tallied by index: a data center may break tens of thousands of services.
    const tenants = new Map<string, { services: number; users: number }>();
    for (const s of breaks) {
      const row = tenants.get(m.tenant[s]!) ?? { services: 0, users: 0 };
      row.services++;
      row.users += m.users[s]!;
      tenants.set(m.tenant[s]!, row);
    }
    return {
      element: sp.element.id,
      kind: sp.element.kind,
      gap,
      status,
      acceptance,
      broken: breaks.length,
      breaks: (q.breaksLimit === undefined ? breaks : breaks.slice(0, q.breaksLimit)).map((s) => serviceRef(snap, s)),
      tenants: [...tenants].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([tenant, v]) => ({ tenant, ...v })),
    };
  });
  // The applications of the services checked (all of them unless filtered).
  const used = everything ? null : new Set(picked.map((s) => m.application[s]!));
  const applications = datacenterDistances(p, m, snap.estate, thresholds)
    .filter((a) => used === null || used.has(a.application))
    .map(({ application, ...datacenters }) => ({ application, datacenters }));
  // The blocks of the survivability's structures when they are built already (the same graph, nothing failed).
  const network = (snap.memo.network ??= networkReport(p, { decomposition: snap.memo.structures?.bcc }));
  const count = (f: (s: number) => boolean): number => picked.reduce((n, s) => n + (f(s) ? 1 : 0), 0);
  const up = count((s) => surv.services[s]!.upAtBaseline);
  const surviving = count((s) => surv.services[s]!.survives);
  const gaps = { redundancy: { open: 0, accepted: 0 }, georedundancy: { open: 0, accepted: 0 } };
  for (const x of spofsAll) gaps[x.gap][x.status]++;
  const cycles = dependencyCycles(snap.estate.ofKind('application'));
  // A filtered check reports the failover tests of the applications it checked (and reads only theirs).
  const continuity = continuityReport(snap.estate, snap.at, used ?? undefined);
  return {
    at: snap.at,
    plan: snap.plan,
    summary: {
      services: picked.length,
      up,
      surviving,
      failing: picked.length - surviving,
      down: picked.length - up,
      redundant: count((s) => verdicts[s]!.redundant),
      georedundant: count((s) => verdicts[s]!.georedundant),
      open: gaps.redundancy.open + gaps.georedundancy.open,
      accepted: gaps.redundancy.accepted + gaps.georedundancy.accepted,
      gaps,
    },
    georedundancy: thresholds,
    services,
    spofs,
    page: { services: pageInfo(picked.length, q.offset, q.limit), spofs: pageInfo(spofsAll.length, q.spofOffset, q.spofLimit) },
    applications,
    network: q.networkCounts ? { ...network, articulationPoints: [], bridges: [], biconnectedComponents: [] } : network,
    dependencyCycles: cycles,
    declared: declaredRedundancy(snap.estate.values(), (id) => snap.estate.get(id)),
    warnings: checkWarnings(spofsAll.map((x) => ({ element: x.sp.element.id, gap: x.gap, acceptance: x.acceptance })), cycles),
    continuity,
    problems: snap.problems,
  };
}

function pickAll(snap: Snapshot): number[] {
  return Array.from({ length: snap.services.count }, (_, s) => s);
}

function verdictFilter(verdict: CheckQuery['verdict'], surv: Survivability, verdicts: readonly { redundant: boolean; georedundant: boolean }[]): (s: number) => boolean {
  switch (verdict) {
    case 'surviving':
      return (s) => surv.services[s]!.survives;
    case 'failing':
      return (s) => !surv.services[s]!.survives;
    case 'up':
      return (s) => surv.services[s]!.upAtBaseline;
    case 'down':
      return (s) => !surv.services[s]!.upAtBaseline;
    case 'redundant':
      return (s) => verdicts[s]!.redundant;
    case 'not-redundant':
      return (s) => !verdicts[s]!.redundant;
    case 'georedundant':
      return (s) => verdicts[s]!.georedundant;
    case 'not-georedundant':
      return (s) => !verdicts[s]!.georedundant;
    default:
      return () => true;
  }
}

function slice<T>(list: readonly T[], offset = 0, limit?: number): T[] {
  return list.slice(offset, limit === undefined ? undefined : offset + limit);
}

function pageInfo(total: number, offset = 0, limit?: number): PageInfo {
  return { offset, limit: limit ?? null, total };
}

/**
 * Whether a check report fails (exit code 1): a service down already, or a SPOF that
 * counts — an open redundancy gap, also an accepted one with `failOn: 'any'`; a
 * georedundancy gap, and a data-center pair below the minimum distance, only with
 * `georedundancy`.
 */
export function checkFails(r: CheckReport, options: CheckFailOptions = {}): boolean {
  const failOn = options.failOn ?? 'open';
  if (failOn === 'never') return false;
  if (r.summary.down > 0) return true;
  // From the summary's counts, not the (possibly paged) list.
  for (const gap of ['redundancy', 'georedundancy'] as const) {
    if (gap === 'georedundancy' && options.georedundancy !== true) continue;
    const g = r.summary.gaps[gap];
    if (g.open > 0 || (failOn === 'any' && g.accepted > 0)) return true;
  }
  return options.georedundancy === true && r.applications.some((a) => a.datacenters.flag === 'below-minimum');
}

/** The warnings of a report: one per SPOF whose acceptance is past its review date, one per dependency cycle. */
export function checkWarnings(spofs: readonly Pick<SpofOut, 'element' | 'gap' | 'acceptance'>[], cycles: readonly DependencyCycle[]): string[] {
  return [
    ...spofs
      .filter((sp) => sp.acceptance?.expired)
      .map((sp) => `the acceptance ${sp.acceptance!.id} of ${sp.element} was due for review by ${sp.acceptance!.reviewBy}: the ${sp.gap} gap counts as open`),
    ...cycles.map(cycleMessage),
  ];
}

/** The acceptances of an estate by element: per element the one reviewed last. */
function acceptancesAt(estate: Estate, at: TimeKey): Map<string, AcceptanceOut> {
  const day = at.slice(0, 10);
  const out = new Map<string, AcceptanceOut>();
  for (const a of estate.ofKind('risk-acceptance') as Iterable<RiskAcceptance>) {
    const had = out.get(a.element);
    if (had && had.reviewBy >= a.review_by) continue;
    out.set(a.element, { id: a.id, reason: a.reason, acceptedBy: a.accepted_by, acceptedOn: a.accepted_on, reviewBy: a.review_by, expired: day > a.review_by });
  }
  return out;
}
