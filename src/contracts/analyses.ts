/**
 * The analyses of docs/analysis.md as the API answers them (`/check`, `/what-if`, `/paths`,
 * `/availability`, `/timeline-check`) and the CLI prints them with `--json`: their queries
 * and results. docs/schemas/*.schema.json publish the same shapes.
 */
import type { DependencyCycle } from '../model/dependencyCycles.js';
import type { Problem } from '../model/errors.js';
import type { ElementRefOut, Instant, PageInfo, ServerText, ServiceRef } from './common.js';
import type { GeoThresholds } from '../model/geoThresholds.js';
import type { RestoreMiss, RestoreObjective, RestorePlanResult } from './planning.js';
import type { AvailabilityQuerystring, CheckQuerystring } from './requests/analyses.js';
import type { Solver } from './requests/shared.js';

export type { DependencyCycle } from '../model/dependencyCycles.js';

// The requests of the analyses are declared with their schemas (src/contracts/requests).
export type { AvailabilityQuerystring, CheckQuery, CheckQuerystring, PathsQuerystring, WhatIfBody } from './requests/analyses.js';

// The georedundancy thresholds are the model's (the engine flags against them, a check request may name others).
export type { GeoThresholds } from '../model/geoThresholds.js';
/**
 * - `none`: no instance in a data-center site; `single`: all in one data center;
 * - `unknown`: two or more data centers, but a location is missing;
 * - `below-minimum` / `below-recommended` / `ok`: the largest distance against the thresholds.
 */
export type GeoFlag = 'none' | 'single' | 'unknown' | 'below-minimum' | 'below-recommended' | 'ok';

/** Where an application's instances run, and how far apart. */
export interface ApplicationDatacenters {
  readonly application: string;
  /** Data-center site ids holding at least one of its instances, in site order. */
  readonly sites: string[];
  /**
   * The largest great-circle distance between two of them in km (one decimal), or null with
   * fewer than two or a missing location. The largest, because one pair far enough apart is
   * what survives the loss of a region.
   */
  readonly distanceKm: number | null;
  readonly flag: GeoFlag;
}

/** The raw network: its size and where a single failure splits it. */
export interface NetworkReport {
  /** Surviving nodes. */
  readonly nodes: number;
  /** Surviving links. */
  readonly links: number;
  /** Number of connected components among surviving nodes (an isolated node is one). */
  readonly components: number;
  /** Node ids (devices, or sites without devices) whose failure disconnects their component. */
  readonly articulationPoints: string[];
  /** Link ids whose failure disconnects their component. */
  readonly bridges: string[];
  /** Blocks as link ids, each sorted; blocks ordered by their first id. */
  readonly biconnectedComponents: string[][];
}

/** An element whose failure takes down every link of a redundancy group. */
export interface SharedElement {
  readonly id: string;
  readonly kind: 'link' | 'device' | 'risk-group';
}

/** The verdict on one redundancy group. */
export interface DeclaredRedundancy {
  readonly group: string;
  readonly links: string[];
  readonly verdict: 'proven' | 'refuted';
  /** Elements whose single failure takes down every link of the group (refuted iff not empty). */
  readonly shared: SharedElement[];
}

/** One application's failover-test state. */
export interface ContinuityApplication {
  readonly application: string;
  readonly criticality: string | null;
  readonly rto_h: number | null;
  /** The latest test; a tenant sees no id and only the failed elements it may see. */
  readonly lastTest: { id: string | null; date: string; mode: string; result: string; failed: string[] } | null;
  readonly nextDue: string | null;
  /** `current`; `overdue` (next due before the date checked); `never` tested; `failed` (the latest test failed). */
  readonly status: 'current' | 'overdue' | 'never' | 'failed';
}

/** The continuity section of the check report (docs/continuity.md). */
export interface ContinuityReport {
  readonly applications: ContinuityApplication[];
  readonly warnings: string[];
  /**
   * Targets the estate cannot deliver (service/recoveryTargets.ts): added by the callers that
   * ask for them (the CLI's check, the API's with `targets=true`); absent otherwise, null for a
   * plan's view (the restore order is planned on the baseline).
   */
  readonly targets?: TargetsReport | null;
}

/** The restore scenario recovery targets are measured against: its failed elements (those the reader may see) and how it was chosen. */
export interface RecoveryScenario {
  fail: string[];
  chosen: 'given' | 'worst-datacenter';
  start: string;
  capacity: RestorePlanResult['capacity'];
}

/** How the restore order of the scenario was solved. */
export interface RecoverySolver {
  name: Solver;
  optimal: boolean;
  objective: RestoreObjective;
  bound: RestoreObjective;
}

/** A target the estate cannot deliver, as `check` flags it. */
export interface TargetFlag {
  readonly application: string;
  readonly name: string;
  /** `rto`: the restore order misses a WAZ/RTO; `availability`: the topology stays below the target. */
  readonly target: 'rto' | 'availability';
  /** The target: hours (the tightest RTO missed) or the availability asked for. */
  readonly wanted: number;
  /** What is delivered: hours until useful again, or the availability of the worst service. */
  readonly actual: number;
  /** Of an RTO miss: why (capacity, dependency chain, no slot); null for availability. */
  readonly why: RestoreMiss['why'] | null;
  /** The municipalities whose usages miss it (an RTO miss; empty for an application nobody uses). */
  readonly tenants: string[];
  readonly detail: string;
}

/** The `targets` part of the check's continuity section. */
export interface TargetsReport {
  readonly scenario: RecoveryScenario | null;
  readonly solver: RecoverySolver | null;
  readonly flags: TargetFlag[];
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
  readonly kind: ElementRefOut['kind'];
  readonly gap: Gap;
  /** `accepted` when an acceptance of the element is in force; else `open`. */
  readonly status: 'open' | 'accepted';
  /** The acceptance of the element (also an expired one, which leaves the SPOF open), or null. */
  readonly acceptance: AcceptanceOut | null;
  /** How many of the (filtered) services it breaks; `breaks` lists them up to the breaks limit. */
  readonly broken: number;
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
  /** The same SPOFs by gap: what the exit code is decided on, however the lists are paged. */
  gaps: Record<Gap, { open: number; accepted: number }>;
}

/** The result of `check` (`GET /check`). */
export interface CheckReport {
  readonly at: Instant;
  readonly plan: string | null;
  readonly summary: CheckSummary;
  readonly georedundancy: GeoThresholds;
  readonly services: ServiceOut[];
  /** Sorted by the number of services each breaks (most first), then by id. */
  readonly spofs: SpofOut[];
  readonly page: { readonly services: PageInfo; readonly spofs: PageInfo };
  readonly applications: { application: string; datacenters: Omit<ApplicationDatacenters, 'application'> }[];
  readonly network: NetworkReport;
  /** Applications whose `depends_on` form a cycle: legal, but worth a look. */
  readonly dependencyCycles: DependencyCycle[];
  /** Links declared redundant to each other (`redundancy_group`, e.g. NetBox circuit groups): proven or refuted. */
  readonly declared: DeclaredRedundancy[];
  /** Human-readable warnings: acceptances past their review date, dependency cycles. */
  readonly warnings: string[];
  /** Failover tests per application with recovery targets (docs/continuity.md). */
  readonly continuity: ContinuityReport;
  readonly problems: Problem[];
}

/** The result of `what-if`. */
export interface WhatIfReport {
  readonly at: Instant;
  readonly plan: string | null;
  readonly failed: string[];
  /** Ids that exist but fail nothing: retired devices and the links that end at them. */
  readonly unresolved: string[];
  readonly down: ServiceRef[];
  readonly degraded: (ServiceRef & { newBreakers: ElementRefOut[] })[];
  readonly byTenant: { tenant: string; down: number; degraded: number; users: number }[];
  readonly byApplication: { application: string; down: number; degraded: number; users: number }[];
  readonly components: string[][];
}

/** An element of a paths answer, by id. */
export interface ElementJson {
  readonly kind: ElementRefOut['kind'];
  readonly id: string;
}

/** One path by id. */
export interface PathJson {
  readonly from: string;
  readonly to: string;
  /** Node ids in order (devices, or sites without devices). */
  readonly nodes: string[];
  /** Link ids in order, one fewer than nodes. */
  readonly links: string[];
}

/** The `paths --json` shape: a verdict, its two paths, or why there are none. */
export interface PathsJson {
  readonly status: 'found' | 'none' | 'unknown';
  /** Two paths when `found`, else empty. */
  readonly paths: PathJson[];
  /** Null when `found`; `limit` when `unknown`. */
  readonly reason: null | {
    readonly kind: 'disconnected' | 'no-instances' | 'cut' | 'shared' | 'limit';
    readonly elements: ElementJson[];
    /** Only for `shared`: the list is inclusion-minimal. */
    readonly minimal?: boolean;
    /** Only for `cut`: one path (every path crosses the elements), so the one way there is can be shown. */
    readonly path?: PathJson;
    readonly message: string;
  };
}

/** One end of a paths query. */
export interface PathEnd {
  readonly id: string;
  readonly kind: 'device' | 'site' | 'application';
  /** The graph nodes it stands for: the device, the site's attach points, the instances. */
  readonly nodes: string[];
}

/**
 * The result of `paths`: the independent-paths verdict, and the plain one (no shared device
 * or link) beside it. `mode` says which definition applies (docs/analysis.md "paths"):
 * `service` between a site and an application, `nodes` otherwise.
 */
export type PathsReport = PathsJson & {
  readonly at: Instant;
  readonly plan: string | null;
  readonly mode: 'service' | 'nodes';
  /** The sites both paths may share: for a service its own site and the data-center sites; else none. */
  readonly shareable: string[];
  readonly from: PathEnd;
  readonly to: PathEnd;
  readonly nodeLinkDisjoint: PathsJson;
};

/** Which services the availability analysis covers, and how: the request without the view. */
export type AvailabilityQuery = Readonly<Omit<AvailabilityQuerystring, 'at' | 'plan'>> & {
  /** Which elements `sources` counts (see the engine's `AvailabilityOptions.sourcesOf`). */
  readonly sourcesOf?: 'estate' | 'services' | undefined;
};

/** A minimal cut set: elements whose joint failure takes a service down. */
export interface CutSet {
  readonly order: number;
  /** Element ids (devices, links, risk groups), sorted. */
  readonly elements: readonly string[];
  /** Probability that all its elements are down: the product of their unavailabilities. */
  readonly probability: number;
}

/** The Monte Carlo cross-check of one service's unavailability. */
export interface MonteCarloResult {
  readonly method: 'plain' | 'importance';
  readonly samples: number;
  /** Samples in which the service was down. */
  readonly down: number;
  /** Estimated unavailability. */
  readonly estimate: number;
  /** 95 % confidence interval of the unavailability (Wilson for plain, normal for importance). */
  readonly low: number;
  readonly high: number;
  /** True if the interval contains the rare-event estimate. */
  readonly containsEstimate: boolean;
  /** Set when the samples cannot support a conclusion (no or few failures seen). */
  readonly warning?: string;
}

/** The availability figures of one service. */
export interface AvailabilityFigures {
  readonly usage: string;
  readonly tenant: string;
  readonly application: string;
  /** Site id of the service ('' if the site is unknown). */
  readonly site: string;
  /** 1 − unavailability. */
  readonly availability: number;
  /** Rare-event estimate: Σ over the minimal cut sets found of their probabilities (at most 1). */
  readonly unavailability: number;
  /** unavailability × 525 600. */
  readonly downtimeMinutesPerYear: number;
  /** The application's `target_availability`, if it has one. */
  readonly target?: number;
  /** availability ≥ target (when there is a target). */
  readonly meetsTarget?: boolean;
  /** True if the service is down with nothing failed (no attach point, instance or path). */
  readonly downWithoutFailures: boolean;
  /** The `top` most probable minimal cut sets, most probable first. */
  readonly cutSets: readonly CutSet[];
  /** Number of minimal cut sets of order 1, 2, … up to `maxOrder`. */
  readonly cutSetCounts: readonly number[];
  /** True if `limit` stopped the enumeration (figures are then lower bounds). */
  readonly truncated: boolean;
  readonly monteCarlo?: MonteCarloResult;
}

/** One service of the availability result. */
export type AvailabilityServiceOut = AvailabilityFigures & { readonly users: number };

/** The result of `availability`. */
export interface AvailabilityResult {
  readonly at: Instant;
  readonly plan: string | null;
  readonly maxOrder: number;
  readonly sources: Readonly<Record<string, number>>;
  readonly summary: { services: number; misses: number };
  readonly services: AvailabilityServiceOut[];
}

/** One date of the timeline check. */
export interface TimelineCheckStep {
  readonly at: Instant;
  readonly changesets: { id: string; title: string; text: ServerText | null; status: string; plan: string | null }[];
  readonly services: number;
  readonly surviving: number;
  readonly failing: number;
  readonly lost: (ServiceRef & { breakers: ElementRefOut[] })[];
  readonly regained: ServiceRef[];
  /** Services redundant (no breaker other than a data-center site) at this date. */
  readonly redundant: number;
  /** Services that stop being redundant, with what now breaks them (data-center sites left out). */
  readonly lostRedundancy: (ServiceRef & { breakers: ElementRefOut[] })[];
  /** Services that become redundant. */
  readonly regainedRedundancy: ServiceRef[];
  /** Services that some element now breaks that did not before (whether or not they survived). */
  readonly weakened: (ServiceRef & { newBreakers: ElementRefOut[] })[];
  /** Services that elements no longer break. */
  readonly strengthened: (ServiceRef & { clearedBreakers: ElementRefOut[] })[];
  readonly added: number;
  readonly removed: number;
}

/** The result of `timeline check`. */
export interface TimelineCheckReport {
  readonly plan: string | null;
  readonly steps: TimelineCheckStep[];
  /** Problems of an invalid plan overlay, if any. */
  readonly problems: Problem[];
}

/** What a client sends to `GET /check` besides the view: {@link CheckQuerystring}, each field optional (the server fills in the defaults). */
export type CheckParams = Partial<Omit<CheckQuerystring, 'at' | 'plan'>>;

/** What a client sends to `GET /availability` besides the view. */
export type AvailabilityParams = Partial<Omit<AvailabilityQuerystring, 'at' | 'plan'>>;
