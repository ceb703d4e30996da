/**
 * Migration and restore planning as the API answers it (`/plans`, `/plans/waves`, `/joint`,
 * `/progress`) and the CLI prints it (`plan show|waves|joint|restore`, `progress`): requests
 * and results. docs/schemas/plan-*.schema.json and progress.schema.json publish the same shapes.
 */
import type { Instant, ServerNotice, ServerText } from './common.js';
import type { JointApplyBody, JointQuerystring, PlanAcceptBody, ProgressQuerystring } from './requests/plans.js';
import type { ChangeSetStatus, MigrationStatus } from './statuses.js';

/** A plan (a what-if scenario that groups proposed change sets) as stored and listed. */
export interface PlanInfo {
  readonly id: string;
  readonly title: string;
  readonly notes?: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A plan as the API answers it: with its title as a code with parameters when the server wrote it. */
export type PlanOut = PlanInfo & { readonly text: ServerText | null; readonly notesText?: ServerText | null };

/** vCPU, RAM and storage, zero where not given. */
export interface Size {
  readonly vcpu: number;
  readonly ram_gb: number;
  readonly storage_tb: number;
}

/** The counts of a verdict after one step of a plan. */
export interface StepVerdict {
  services: number;
  surviving: number;
  failing: number;
  lost: number;
  weakened: number;
  regained: number;
  /** Redundant after this step (the headline verdict), and how many stop / start being redundant. */
  redundant: number;
  lostRedundancy: number;
  regainedRedundancy: number;
}

/** One change set of a plan, with what it does. */
export interface PlanStep {
  readonly changeset: string;
  readonly title: string;
  /** The title as a code with parameters when the server wrote it. */
  readonly text: ServerText | null;
  readonly date: string;
  readonly status: ChangeSetStatus;
  readonly applications: string[];
  readonly size: Size;
  /** Per application whose instances this step changes: the devices it leaves and those it gets. */
  readonly placement: { application: string; from: string[]; to: string[] }[];
  /** Dependencies of the plan's applications whose two ends share no site after this step. */
  readonly splits: { from: string; to: string; coupling: 'tight' | 'loose' }[];
  /** Survivability after this step (null for a cancelled change set). */
  readonly verdict: StepVerdict | null;
}

/** The result of `plan show` (`GET /plans/{id}`). */
export interface PlanReport {
  readonly plan: PlanOut;
  readonly steps: PlanStep[];
  readonly problems: readonly unknown[];
}

/** The request of `POST /plans/{id}/accept` (its schema allows no body too). */
export type AcceptBody = NonNullable<PlanAcceptBody>;

/** The answer of `POST /plans/{id}/accept`. */
export interface AcceptAnswer {
  readonly plan: string;
  readonly scheduled: string[];
  readonly done: string[];
}

/** The answer of `POST /plans/{id}/drop`. */
export interface DropAnswer {
  readonly plan: string;
  readonly cancelled: string[];
}

// The planning requests are declared with their schemas (src/contracts/requests).
export type { JointApplyBody, JointQuerystring, PlanAcceptBody, ProgressQuerystring, RestorePlanRequest, WavePlanRequest } from './requests/plans.js';

/** How one stage of a MIP ended. */
export interface StageOutcome {
  readonly stage: 1 | 2;
  /** `bound`: proven optimal because the schedule meets the combinatorial lower bound. */
  readonly status: 'optimal' | 'bound' | 'time-limit' | 'infeasible';
  /** Relative gap between the schedule and the best proven bound (0 when optimal). */
  readonly gap: number;
  readonly seconds: number;
  /** The combinatorial lower bound of the stage and what it rests on (docs/planning.md, "Bounds"). */
  readonly bound?: string;
}

/** One wave of a computed plan. */
export interface PlannedWave {
  readonly wave: number;
  readonly date: string;
  readonly changeset: string;
  readonly applications: string[];
  readonly size: Size;
  /** Per application, the source devices its instances leave and the target devices that receive them (in that order). */
  readonly placement: { application: string; from: string[]; to: string[] }[];
}

/** A wave schedule's figures: the waves, its last date, and the days dependencies spend split. */
export interface WaveObjectiveOut {
  readonly waves: number;
  readonly end: string | null;
  readonly splitDays: number;
}

/** The result of `plan waves`. */
export interface WavePlanResult {
  readonly plan: string;
  readonly from: string;
  readonly to: string;
  readonly start: string;
  readonly end: string;
  readonly days: string[];
  readonly limits: { maxApps: number | null; maxVcpu: number | null };
  readonly solver: 'mip' | 'greedy';
  readonly optimal: boolean;
  readonly stages: readonly StageOutcome[];
  readonly objective: WaveObjectiveOut;
  readonly greedy: WaveObjectiveOut | null;
  readonly groups: number;
  readonly waves: PlannedWave[];
  readonly warnings: string[];
  /** The warnings as codes with parameters, for clients that show them in their user's language. */
  readonly notices: ServerNotice[];
  readonly written: boolean;
}

/** One application of a joint-operation candidate group, with who uses it. */
export interface JointApplication {
  readonly id: string;
  readonly name: string;
  readonly operator: string | null;
  readonly version: string | null;
  readonly status: string | null;
  /** Tenants of its usages, sorted. */
  readonly tenants: string[];
  /** Sum of the users of its usages. */
  readonly users: number;
  readonly usages: number;
  readonly instances: string[];
  readonly size: Size;
}

/** A product run more than once for different providers' customers, and one way to consolidate it. */
export interface JointCandidate {
  /** The product as the keeper writes it. */
  readonly product: string;
  /** Sorted by id. */
  readonly applications: JointApplication[];
  /** Distinct operators of the applications (sorted; applications without one are left out). */
  readonly operators: string[];
  /** Every tenant of every application, sorted. */
  readonly tenants: string[];
  readonly users: number;
  /** Distinct versions as written (sorted); applications without a version are left out. */
  readonly versions: string[];
  /** True unless two applications give different versions. */
  readonly compatible: boolean;
  /** Why the candidate is flagged, e.g. `versions differ: 2016 vs 2023`. */
  readonly note: string | null;
  /** The application that stays and serves everyone. */
  readonly keep: string;
  /**
   * The organization that operates the joint application: the one organization every
   * operator of the group is `member_of` (an association such as OWL-IT), else the keeper's
   * operator.
   */
  readonly operator: string | null;
  /** The keeper's size afterwards: the sum of all sizes (it carries every user and all data). */
  readonly keeperSize: Size;
  /** What consolidation releases. */
  readonly frees: {
    /** The applications that are retired. */
    readonly applications: string[];
    /** Their sizes, summed: the allocation they give back. */
    readonly size: Size;
    /** Their instances that no other application that is not retired uses afterwards. */
    readonly instances: string[];
  };
}

/** The request of `GET /joint`: the view, and optionally one product. */
export type JointQuery = JointQuerystring;

/** The candidates of one view (`plan joint`, `GET /joint`). */
export interface JointCandidatesReport {
  readonly at: Instant;
  readonly plan: string | null;
  /** `plans`: the plans that consolidate an application of the candidate already. */
  readonly candidates: (JointCandidate & { readonly plans: string[] })[];
}

/**
 * What to consolidate, and where to write it (`plan joint --apply`, `POST /joint`): the
 * request, and the plan's title (default `Joint operation: PRODUCT`), which no caller sets yet.
 */
export type ApplyJointOptions = Readonly<JointApplyBody> & { readonly title?: string | undefined };

/** What a consolidation wrote (or, on a dry run, would write). */
export interface ApplyJointResult {
  /** The plan, its title and notes also as codes with parameters (docs/api.md, "Texts the server writes"). */
  readonly plan: { readonly id: string; readonly title: string; readonly text: ServerText | null; readonly notes: string; readonly notesText: ServerText | null };
  /** The change set, its title and notes (what moves, what it frees) also as codes with parameters. */
  readonly changeset: { readonly id: string; readonly title: string; readonly text: ServerText | null; readonly effective: string; readonly changes: number; readonly notes: string; readonly notesText: ServerText | null };
  readonly candidate: JointCandidate;
  readonly usages: string[];
  readonly dependents: string[];
  /** The date falls in a blackout of one of the applications (each named with the blackout). */
  readonly warnings: string[];
  /** The same blackouts as data (for a UI in the user's language). */
  readonly blackouts: { application: string; from: string; to: string; reason: string | null }[];
  /** The warnings as codes with parameters (`joint.blackout`, `joint.blackoutReason`). */
  readonly notices: ServerNotice[];
  readonly written: boolean;
}

/** Options of a progress report (`progress`, `GET /progress`): the request. */
export type MigrationProgressOptions = ProgressQuerystring;

/** The applications by status from one instant until the next point. */
export interface MigrationPoint {
  readonly at: Instant;
  readonly counts: Record<MigrationStatus, number>;
  /** Application ids per status, sorted. */
  readonly applications: Record<MigrationStatus, string[]>;
  /** Change sets of this instant that changed a status (none for a point that only opens `from`). */
  readonly changesets: string[];
  /** The burn-up: done = migrated + joint; pending = legacy + migrating + planned (retired counts in neither). */
  readonly done: number;
  readonly pending: number;
}

/** Progress of the baseline, and of a plan beside it. */
export interface MigrationProgressReport {
  readonly from: Instant | null;
  readonly to: Instant | null;
  /** The baseline: one point per instant at which an application's status changes. */
  readonly dates: MigrationPoint[];
  /** The same series with the plan overlaid; equal to `dates` before the plan's first change set. */
  readonly plan: { readonly id: string; readonly dates: MigrationPoint[] } | null;
}


/** A restore order's figures: what misses its RTO, and how long the wait is. */
export interface RestoreObjective {
  /** Weight of the demands that miss their RTO. */
  readonly missed: number;
  /** Σ weight × hours until useful. */
  readonly hours: number;
}

/** One restore step: the end of a slot in which something came back. */
export interface RestoreStep {
  readonly step: number;
  readonly at: string;
  readonly changeset: string;
  /** Applications restored in this slot. */
  readonly restored: string[];
  /** Applications useful again (their whole dependency closure is back), restored or waiting. */
  readonly useful: string[];
  /** Usages served again, with their tenants and users. */
  readonly served: { usage: string; tenant: string; application: string; users: number }[];
}

/** An RTO (or MTA) the order cannot meet, and why. */
export interface RestoreMiss {
  readonly application: string;
  readonly usage: string | null;
  readonly tenant: string | null;
  readonly users: number;
  readonly target: 'rto' | 'mtd';
  readonly deadline: string;
  readonly usefulAt: string;
  /** `capacity`: the slots before the deadline went to other applications; `dependency-chain`: its closure alone needs longer; `no-slot`: no slot ends before the deadline. */
  readonly why: 'capacity' | 'dependency-chain' | 'no-slot';
  readonly detail: string;
}

/** The result of `plan restore`. */
export interface RestorePlanResult {
  readonly plan: string;
  /** The plan's title (written, or to be written on a dry run). */
  readonly title: string;
  /** The title as a code with parameters when the server wrote it (null for `--title`'s own). */
  readonly text: ServerText | null;
  readonly start: string;
  readonly fail: string[];
  readonly capacity: { slotHours: number; shifts: string; appsPerSlot: number | null; vcpuPerSlot: number | null };
  readonly solver: 'mip' | 'greedy';
  readonly optimal: boolean;
  readonly stages: readonly StageOutcome[];
  readonly objective: RestoreObjective;
  readonly bound: RestoreObjective;
  readonly greedy: RestoreObjective;
  readonly note: string | null;
  readonly applications: { id: string; failed: boolean; restoredAt: string | null; usefulAt: string; rto_h: number | null; users: number }[];
  readonly steps: RestoreStep[];
  readonly misses: RestoreMiss[];
  readonly written: boolean;
}
