/**
 * Change sets: the only way the estate changes (docs/file-format.md, "Change sets").
 */
import type { ChangeSetStatus } from '../model/changeSetStatuses.js';
import type { TimeKey } from './time.js';

// The statuses and the views they make are the model's (the web reads them too); re-exported for the timeline's users.
export { changeSetStatuses, inView, isBaseline, type ChangeSetStatus } from '../model/changeSetStatuses.js';

/** Where a piece of input came from, so that problems can point at file, line and row. */
export interface Origin {
  readonly file?: string;
  /** Path inside the parsed document (YAML/JSON), e.g. `['changesets', 2, 'changes', 0, 'update']`. */
  readonly path?: readonly (string | number)[];
  /** 1-based data row of a CSV file. */
  readonly row?: number;
}

/** Creates an object (all fields). */
export interface CreateChange {
  readonly op: 'create';
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly origin?: Origin;
}

/** Updates some fields of an object (JSON merge patch: null removes a field, arrays are replaced). */
export interface UpdateChange {
  readonly op: 'update';
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly origin?: Origin;
}

/** Deletes an object. */
export interface DeleteChange {
  readonly op: 'delete';
  readonly id: string;
  readonly origin?: Origin;
}

/** One change of a change set. */
export type Change = CreateChange | UpdateChange | DeleteChange;

/** A change set as written by a user. */
export interface ChangeSetInput {
  readonly id: string;
  readonly title: string;
  /** As written: a date or a date-time with offset. */
  readonly effective: string;
  readonly status: ChangeSetStatus;
  readonly plan?: string;
  /** Who made the change in the world (free text); who recorded it is audit, kept apart. */
  readonly author?: string;
  readonly notes?: string;
  readonly changes: readonly Change[];
  readonly origin?: Origin;
}

/** A change set as the timeline orders it. */
export interface ChangeSet extends ChangeSetInput {
  /** Recording order: increases with every change set recorded. */
  readonly seq: number;
  readonly effectiveKey: TimeKey;
  readonly recordedBy?: string;
  readonly recordedAt?: string;
}

/** A change set header with its audit fields, without its changes (as the store lists them). */
export type ChangeSetHeader = Omit<ChangeSet, 'changes'> & { readonly revision: number };


/**
 * True for a scheduled change set whose date has passed: it stays in the baseline (the
 * commitment holds) but is not history until an operator marks it done (or cancels it);
 * lists show it as overdue (docs/api.md, "Present and past").
 */
export function isOverdue(cs: { readonly status: string; readonly effectiveKey: string }, now: TimeKey): boolean {
  return cs.status === 'scheduled' && cs.effectiveKey <= now;
}

/** Orders change sets as the timeline applies them: by effective instant, then recording order. */
export function compareChangeSets(a: Pick<ChangeSet, 'effectiveKey' | 'seq'>, b: Pick<ChangeSet, 'effectiveKey' | 'seq'>): number {
  return a.effectiveKey < b.effectiveKey ? -1 : a.effectiveKey > b.effectiveKey ? 1 : a.seq - b.seq;
}


/** Sorts change sets into timeline order (effective, then recording order). */
export function timelineOrder<T extends Pick<ChangeSet, 'effectiveKey' | 'seq'>>(changeSets: readonly T[]): T[] {
  return [...changeSets].sort(compareChangeSets);
}
