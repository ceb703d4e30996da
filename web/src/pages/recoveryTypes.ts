/**
 * The API answers the recovery page reads (docs/continuity.md): the check's continuity
 * section with its targets, and the restore order of `POST /plans/restore`. Kept here, next
 * to the pages that read them (docs/schemas/check.schema.json, plan-restore.schema.json).
 */

/** Why a target is missed (docs/continuity.md, "Output"). */
export type MissWhy = 'capacity' | 'dependency-chain' | 'no-slot';

/** One application's failover-test state. */
export interface ContinuityApp {
  readonly application: string;
  readonly criticality: string | null;
  readonly rto_h: number | null;
  readonly lastTest: { id: string | null; date: string; mode: string; result: string; failed: string[] } | null;
  readonly nextDue: string | null;
  readonly status: 'current' | 'overdue' | 'never' | 'failed';
}

/** A target the estate cannot deliver. */
export interface TargetFlag {
  readonly application: string;
  readonly name: string;
  readonly target: 'rto' | 'availability';
  readonly wanted: number;
  readonly actual: number;
  readonly why: MissWhy | null;
  readonly tenants: string[];
  readonly detail: string;
}

/** `GET /check?targets=true`, the part the recovery page reads. */
export interface ContinuityCheck {
  readonly continuity: {
    readonly applications: ContinuityApp[];
    readonly targets?: { scenario: { fail: string[]; chosen: 'given' | 'worst-datacenter'; start: string } | null; flags: TargetFlag[] } | null;
  };
}

/** A missed WAZ/RTO or MTA of the restore order. */
export interface RestoreMiss {
  readonly application: string;
  readonly usage: string | null;
  readonly tenant: string | null;
  readonly users: number;
  readonly target: 'rto' | 'mtd';
  readonly deadline: string;
  readonly usefulAt: string;
  readonly why: MissWhy;
  readonly detail: string;
}

/** `POST /plans/restore`. */
export interface RestoreResult {
  readonly plan: string;
  readonly start: string;
  readonly fail: string[];
  readonly solver: 'mip' | 'greedy';
  readonly optimal: boolean;
  readonly objective: { missed: number; hours: number };
  readonly bound: { missed: number; hours: number };
  readonly applications: { id: string; failed: boolean; restoredAt: string | null; usefulAt: string; rto_h: number | null; users: number }[];
  readonly steps: { step: number; at: string; restored: string[]; useful: string[]; served: { usage: string; tenant: string; application: string; users: number }[] }[];
  readonly misses: RestoreMiss[];
  readonly written: boolean;
}
