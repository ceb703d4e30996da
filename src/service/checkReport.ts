/**
 * The `check` report (docs/analysis.md "check"): per service survives, redundant and
 * georedundant; every SPOF as a redundancy or georedundancy gap, open or accepted; per
 * application its data centers and their distance. Shared by the CLI, the API and the
 * tenant view (which recomputes the summary over its own services).
 */
import { datacenterDistances, type ApplicationDatacenters, type GeoThresholds } from '../engine/datacenterDistances.js';

export { BSI_GEO_THRESHOLDS, type GeoThresholds } from '../engine/datacenterDistances.js';
import { datacenterSites, isDatacenterElement, redundancyVerdicts } from '../engine/redundancy.js';
import { declaredRedundancy, type DeclaredRedundancy } from '../engine/declaredRedundancy.js';
import type { FailureElement, Survivability } from '../engine/survivability.js';
import { networkReport, type NetworkReport } from '../engine/networkReport.js';
import { cycleMessage, dependencyCycles, type DependencyCycle } from '../model/dependencyCycles.js';
import type { Problem } from '../model/errors.js';
import type { RiskAcceptance } from '../model/objectSchemas.js';
import type { Estate } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';
import type { ServiceRef, Snapshot } from './AnalysisService.js';

/** An element by id and kind. */
export interface ElementRefOut {
  readonly id: string;
  readonly kind: FailureElement['kind'];
}

/** An accepted risk as `check` reports it. */
export interface AcceptanceOut {
  readonly id: string;
  readonly reason: string;
  readonly acceptedBy: string;
  readonly acceptedOn: string;
  readonly reviewBy: string;
  /** Past its review date at the instant checked: the SPOF counts as open again. */
  readonly expired: boolean;
}

/** What a SPOF costs: redundancy (a network element) or georedundancy (a data-center site). */
export type Gap = 'redundancy' | 'georedundancy';

/** One SPOF of the check report. */
export interface SpofOut {
  readonly element: string;
  readonly kind: FailureElement['kind'];
  readonly gap: Gap;
  /** `accepted` when an acceptance of the element is in force; else `open`. */
  readonly status: 'open' | 'accepted';
  /** The acceptance of the element (also an expired one, which leaves the SPOF open), or null. */
  readonly acceptance: AcceptanceOut | null;
  readonly breaks: ServiceRef[];
  readonly tenants: { tenant: string; services: number; users: number }[];
}

/** One service of the check report. */
export type ServiceOut = ServiceRef & { up: boolean; survives: boolean; redundant: boolean; georedundant: boolean; breakers: ElementRefOut[] };

/** The counts of the check report. */
export interface CheckSummary {
  services: number;
  up: number;
  surviving: number;
  failing: number;
  down: number;
  redundant: number;
  georedundant: number;
  /** SPOFs left open (an expired acceptance included), and accepted ones. */
  open: number;
  accepted: number;
}

/** The result of `check`. */
export interface CheckReport {
  readonly at: TimeKey;
  readonly plan: string | null;
  readonly summary: CheckSummary;
  readonly georedundancy: GeoThresholds;
  readonly services: ServiceOut[];
  readonly spofs: SpofOut[];
  readonly applications: { application: string; datacenters: Omit<ApplicationDatacenters, 'application'> }[];
  readonly network: NetworkReport;
  /** Applications whose `depends_on` form a cycle: legal, but worth a look. */
  readonly dependencyCycles: DependencyCycle[];
  /** Links declared redundant to each other (`redundancy_group`, e.g. NetBox circuit groups): proven or refuted. */
  readonly declared: DeclaredRedundancy[];
  /** Human-readable warnings: acceptances past their review date, dependency cycles. */
  readonly warnings: string[];
  readonly problems: Problem[];
}

/** Which SPOFs make `check` fail (its exit code 1). */
export interface CheckFailOptions {
  /** `open` (default): open SPOFs; `any`: accepted ones too; `never`: report only. */
  readonly failOn?: 'open' | 'any' | 'never' | undefined;
  /** Also fail on georedundancy gaps (data-center sites, data centers below the minimum distance). */
  readonly georedundancy?: boolean | undefined;
}

/** The check report of a snapshot and its survivability. */
export function buildCheckReport(snap: Snapshot, surv: Survivability, thresholds: GeoThresholds): CheckReport {
  const p = snap.projection;
  const dc = datacenterSites(p, snap.estate);
  const verdicts = redundancyVerdicts(surv, dc);
  const services = surv.services.map((v, s) => ({
    ...serviceRef(snap, s),
    up: v.upAtBaseline,
    survives: v.survives,
    ...verdicts[s]!,
    breakers: v.breakers.map(elementOut),
  }));
  const acceptances = acceptancesAt(snap.estate, snap.at);
  const spofs = surv.spofs.map((sp): SpofOut => {
    const breaks = sp.breaks.map((s) => serviceRef(snap, s));
    const acceptance = acceptances.get(sp.element.id) ?? null;
    return {
      element: sp.element.id,
      kind: sp.element.kind,
      gap: isDatacenterElement(sp.element, dc) ? 'georedundancy' : 'redundancy',
      status: acceptance && !acceptance.expired ? 'accepted' : 'open',
      acceptance,
      breaks,
      tenants: groupBy(breaks, (b) => b.tenant).map(([tenant, list]) => ({ tenant, services: list.length, users: list.reduce((n, x) => n + x.users, 0) })),
    };
  });
  const applications = datacenterDistances(p, snap.services, snap.estate, thresholds).map(({ application, ...datacenters }) => ({ application, datacenters }));
  const cycles = dependencyCycles(snap.estate.ofKind('application'));
  return {
    at: snap.at,
    plan: snap.plan,
    summary: summarize(services, spofs),
    georedundancy: thresholds,
    services,
    spofs,
    applications,
    network: networkReport(p),
    dependencyCycles: cycles,
    declared: declaredRedundancy(snap.estate.values(), (id) => snap.estate.get(id)),
    warnings: checkWarnings(spofs, cycles),
    problems: snap.problems,
  };
}

/** The counts over some services and SPOFs (all of them, or one tenant's). */
export function summarize(services: readonly ServiceOut[], spofs: readonly SpofOut[]): CheckSummary {
  const count = (f: (s: ServiceOut) => boolean): number => services.reduce((n, s) => n + (f(s) ? 1 : 0), 0);
  const up = count((s) => s.up);
  const surviving = count((s) => s.survives);
  const accepted = spofs.filter((sp) => sp.status === 'accepted').length;
  return {
    services: services.length,
    up,
    surviving,
    failing: services.length - surviving,
    down: services.length - up,
    redundant: count((s) => s.redundant),
    georedundant: count((s) => s.georedundant),
    open: spofs.length - accepted,
    accepted,
  };
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
  const counts = (sp: SpofOut): boolean => (sp.gap === 'redundancy' || options.georedundancy === true) && (failOn === 'any' || sp.status === 'open');
  if (r.spofs.some(counts)) return true;
  return options.georedundancy === true && r.applications.some((a) => a.datacenters.flag === 'below-minimum');
}

/** The warnings of a report: one per SPOF whose acceptance is past its review date, one per dependency cycle. */
export function checkWarnings(spofs: readonly SpofOut[], cycles: readonly DependencyCycle[]): string[] {
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

/** A service of a snapshot by id. */
export function serviceRef(snap: Pick<Snapshot, 'projection' | 'services'>, s: number): ServiceRef {
  const m = snap.services;
  return { usage: m.usage[s]!, tenant: m.tenant[s]!, application: m.application[s]!, site: snap.projection.siteIds[m.site[s]!] ?? '', users: m.users[s]! };
}

/** An element by id and kind. */
export function elementOut(e: FailureElement): ElementRefOut {
  return { id: e.id, kind: e.kind };
}

/** Groups by key, sorted by key. */
export function groupBy<T>(list: readonly T[], key: (x: T) => string): [string, T[]][] {
  const out = new Map<string, T[]>();
  for (const x of list) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return [...out].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
