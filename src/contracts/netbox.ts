/**
 * The NetBox sync as the API answers it (`POST /import/netbox`) and `netbox sync --json`
 * prints it (docs/netbox.md): what was read, what became of it, what changed.
 */
import type { Kind } from '../model/kinds.js';
import type { ObjectOut } from './common.js';

// The request is declared with its schema (src/contracts/requests).
export type { NetboxImportBody } from './requests/estateFiles.js';

/** What the objects of one endpoint became. */
export interface EndpointCount {
  readonly endpoint: string;
  readonly seen: number;
  /** Outcome → number of objects, e.g. `{"link": 26, "skipped": 2}`. */
  readonly outcomes: Record<string, number>;
}

/** One object that was not imported, and why. */
export interface SkippedObject {
  readonly endpoint: string;
  readonly id: number | string;
  readonly display: string;
  readonly reason: string;
}

/** Something imported but incomplete, for the operator to fix in NetBox. */
export interface ImportFlag {
  readonly id: string;
  readonly message: string;
}

/** The report of one mapping: per endpoint what each object became, what was skipped, what is incomplete. */
export interface ImportReport {
  readonly counts: EndpointCount[];
  readonly skipped: SkippedObject[];
  readonly flags: ImportFlag[];
}

/** One field a sync changes. */
export interface SyncFieldDiff {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** The objects a sync adds, removes and changes. */
export interface SyncObjectsDiff {
  readonly added: ObjectOut[];
  readonly removed: ObjectOut[];
  readonly changed: { id: string; kind: Kind; fields: SyncFieldDiff[] }[];
}

/** What a sync did (or, on a dry run, would do). */
export interface NetboxSyncResult {
  readonly url: string;
  readonly version: string;
  readonly pulledAt: string;
  /** Id of the change set written; absent on a dry run or when nothing changed. */
  readonly changeset?: string;
  readonly dryRun: boolean;
  /** The difference, with the number of changes it makes. */
  readonly diff: SyncObjectsDiff & { readonly changes: number };
  readonly objects: Record<string, number>;
  readonly report: ImportReport;
}
