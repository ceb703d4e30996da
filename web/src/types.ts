/** Shapes of the API's answers that the UI reads (see docs/schemas/*.json). */

/** Any estate object. */
export interface Obj {
  readonly id: string;
  readonly kind: string;
  readonly name?: string;
  readonly tags?: string[];
  readonly notes?: string;
  readonly [field: string]: unknown;
}

export interface Site extends Obj {
  readonly type: string;
  readonly organization?: string;
  readonly location?: { lat: number; lon: number };
}
export interface Device extends Obj {
  readonly site: string;
  readonly role: string;
  readonly risk_groups?: string[];
}
export interface Link extends Obj {
  readonly a: string;
  readonly b: string;
  readonly type: string;
  readonly risk_groups?: string[];
}
export interface Application extends Obj {
  readonly category?: string;
  readonly product?: string;
  readonly operator?: string;
  readonly instances?: string[];
  readonly status?: string;
  readonly target_availability?: number;
  readonly blackouts?: { from: string; to: string; reason?: string }[];
}
export interface Usage extends Obj {
  readonly tenant: string;
  readonly application: string;
  readonly sites?: string[];
  readonly users?: number;
}

export interface Element {
  readonly id: string;
  readonly kind: string;
}
export interface Service {
  readonly usage: string;
  readonly tenant: string;
  readonly application: string;
  readonly site: string;
  readonly users: number;
}
export interface CheckService extends Service {
  readonly up: boolean;
  readonly survives: boolean;
  readonly redundant: boolean;
  readonly georedundant: boolean;
  readonly breakers: Element[];
}
export interface Acceptance {
  readonly id: string;
  readonly reason: string;
  readonly acceptedBy: string;
  readonly acceptedOn: string;
  readonly reviewBy: string;
  readonly expired: boolean;
}
export interface Spof {
  readonly element: string;
  readonly kind: string;
  readonly gap: 'redundancy' | 'georedundancy';
  readonly status: 'open' | 'accepted';
  readonly acceptance: Acceptance | null;
  /** How many services it breaks; `breaks` lists some of them. */
  readonly broken: number;
  readonly breaks: Service[];
  readonly tenants: { tenant: string; services: number; users: number }[];
}
/** `GET /check`: the summary counts every service that passes the filters; the lists are pages. */
export interface Check {
  readonly at: string;
  readonly summary: { services: number; up: number; surviving: number; failing: number; down: number; redundant: number; georedundant: number; open: number; accepted: number };
  readonly services: CheckService[];
  /** Most breaking first (a page of them). */
  readonly spofs: Spof[];
  readonly page: { services: { offset: number; limit: number | null; total: number }; spofs: { offset: number; limit: number | null; total: number } };
  readonly applications: { application: string; datacenters: { sites: string[]; distanceKm: number | null; flag: string } }[];
  readonly warnings: string[];
}
export interface WhatIf {
  readonly failed: string[];
  readonly unresolved: string[];
  readonly down: Service[];
  readonly degraded: (Service & { newBreakers: Element[] })[];
  readonly byTenant: { tenant: string; down: number; degraded: number; users: number }[];
  readonly byApplication: { application: string; down: number; degraded: number; users: number }[];
}
export interface Paths {
  readonly status: string;
  readonly paths: { nodes: string[]; links: string[] }[];
  readonly reason?: { kind: string; message: string; elements?: Element[] } | null;
  /** The plain verdict: paths sharing no device and no link, risk groups ignored. */
  readonly nodeLinkDisjoint?: { status: string; paths: { nodes: string[]; links: string[] }[] };
}
export interface AvailabilityService extends Service {
  readonly availability: number;
  readonly downtimeMinutesPerYear: number;
  readonly target: number | null;
  readonly meetsTarget: boolean | null;
}
export interface Availability {
  readonly summary: { services: number; misses: number };
  readonly services: AvailabilityService[];
}
export interface ChangeSetHeader {
  readonly id: string;
  readonly title: string;
  readonly effective: string;
  readonly effectiveKey: string;
  readonly status: string;
  readonly plan: string | null;
  readonly seq: number;
  /** Scheduled and its date has passed: waiting for an operator to mark it done. */
  readonly overdue?: boolean;
}
export interface TimelineStep {
  readonly at: string;
  readonly changesets: { id: string; title: string; status: string; plan: string | null }[];
  readonly services: number;
  readonly surviving: number;
  readonly failing: number;
  readonly lost: Service[];
  readonly regained: Service[];
  readonly redundant: number;
  readonly lostRedundancy: Service[];
  readonly regainedRedundancy: Service[];
  readonly weakened: Service[];
  readonly strengthened: Service[];
}
export interface TimelineCheck {
  readonly plan: string | null;
  readonly steps: TimelineStep[];
}
export interface Diff {
  readonly changesets: ChangeSetHeader[];
  readonly added: Obj[];
  readonly removed: Obj[];
  readonly changed: { id: string; kind: string; fields: { field: string; from?: unknown; to?: unknown }[] }[];
}
export type StatusCounts = Record<'legacy' | 'migrating' | 'migrated' | 'joint' | 'planned' | 'retired', number>;
export interface ProgressPoint {
  readonly at: string;
  readonly counts: StatusCounts;
}
export interface Progress {
  readonly dates: ProgressPoint[];
  readonly plan: { id: string; dates: ProgressPoint[] } | null;
}
export interface PlanInfo {
  readonly id: string;
  readonly title: string;
  readonly notes?: string;
}
export interface PlanStep {
  readonly changeset: string;
  readonly title: string;
  readonly date: string;
  readonly status: string;
  readonly applications: string[];
  readonly size: { vcpu: number; ram_gb: number; storage_tb: number };
  readonly splits: { from: string; to: string; coupling: string }[];
  /** Per application whose instances the step changes: the devices it leaves and those it gets. */
  readonly placement: { application: string; from: string[]; to: string[] }[];
  readonly verdict: {
    services: number;
    surviving: number;
    failing: number;
    lost: number;
    weakened: number;
    regained: number;
    redundant: number;
    lostRedundancy: number;
    regainedRedundancy: number;
  } | null;
}
export interface PlanReport {
  readonly plan: PlanInfo;
  readonly steps: PlanStep[];
}
export interface JointCandidate {
  readonly product: string;
  readonly applications: { id: string; operator: string | null; users: number; tenants: string[] }[];
  readonly operators: string[];
  readonly users: number;
  readonly keep: string;
  readonly compatible: boolean;
  readonly frees: { applications: string[]; size: { vcpu: number; ram_gb: number; storage_tb: number }; instances: string[] };
  /** Plans that consolidate an application of the candidate already. */
  readonly plans?: string[];
}
/** The answer of POST /joint (also a dry run). */
export interface JointApplied {
  readonly plan: { id: string; title: string };
  readonly changeset: { id: string; title: string; effective: string; changes: number };
  readonly candidate: JointCandidate;
  readonly usages: string[];
  readonly warnings: string[];
  readonly blackouts: { application: string; from: string; to: string; reason: string | null }[];
  readonly written: boolean;
}
export interface History {
  readonly versions: { changeset: string; title: string; status: string; op: string; validFrom: string; validTo: string; recordedBy: string; recordedAt: string; author?: string | null }[];
  readonly proposed: { changeset: ChangeSetHeader; op: string }[];
}
export interface WavePlanResult {
  readonly plan: string;
  readonly solver: 'mip' | 'greedy';
  readonly optimal: boolean;
  readonly stages: { stage: number; status: string; gap: number | null }[];
  readonly objective: { waves: number; end: string | null; splitDays: number } | null;
  readonly greedy: { waves: number; end: string | null; splitDays: number } | null;
  readonly limits: { maxApps: number | null; maxVcpu: number | null };
  readonly warnings: string[];
}
