/**
 * The estate over the timeline as the API answers it: change-set headers, an object's
 * history, the diff between two dates, list queries, and the answer of a write.
 */
import type { Kind } from '../model/kinds.js';
import type { ChangeSetListQuerystring, ChangeSetStatusBody, ChangeSetsBody, TimelineQuerystring } from './requests/changesets.js';
import type { ChangeSetMeta, DiffQuerystring, ObjectCreateBody, ObjectListQuerystring, ObjectPatchBody } from './requests/objects.js';
import type { Instant, ObjectOut, ServerText, ViewQuery } from './common.js';
import type { ChangeSetStatus } from './statuses.js';

/** A change set without its changes, as the API lists it. */
export interface ChangeSetHeaderOut {
  readonly id: string;
  readonly title: string;
  /** As written: a date or a date-time with offset. */
  readonly effective: string;
  /** The UTC instant the timeline orders by. */
  readonly effectiveKey: Instant;
  readonly status: ChangeSetStatus;
  readonly plan: string | null;
  /** Recording order: increases with every change set recorded. */
  readonly seq: number;
  readonly revision: number;
  /** Who made the change in the world (free text). */
  readonly author?: string;
  readonly notes?: string;
  readonly recordedBy?: string;
  readonly recordedAt?: string;
  /** Scheduled and its date has passed: waiting for an operator to mark it done. */
  readonly overdue: boolean;
  /** The title as a code with parameters when the server wrote it. */
  readonly text: ServerText | null;  /** The notes as a code with parameters when the server wrote them (`plan joint`); absent without notes. */
  readonly notesText?: ServerText | null;
}

/** The query of a list of objects (`GET /sites`, …): the view, a search, an order, a page and filters by field. */
export interface ObjectListQuery extends ViewQuery {
  readonly tag?: string | undefined;
  /** Search in id and name (case-insensitive). */
  readonly q?: string | undefined;
  /** A field to order by; `-field` descending. */
  readonly sort?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** Objects whose field is (or contains) this value; several values comma-separated. */
  readonly [field: string]: string | number | undefined;
}

/** The query of `GET /changesets`. */
export interface ChangeSetListQuery {
  readonly status?: ChangeSetStatus | undefined;
  readonly plan?: string | undefined;
  /** Only those that take effect at this instant. */
  readonly effective?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** The dates where a view changes (`GET /timeline`), in time order, with how many of its change sets take effect at each. */
export interface TimelineDates {
  readonly plan: string | null;
  readonly dates: { readonly at: Instant; readonly changesets: number }[];
}

/** One baseline version of an object. */
export interface VersionOut {
  readonly changesetSeq: number;
  readonly changeset: string;
  readonly title: string;
  readonly status: string;
  readonly author: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly op: 'create' | 'update' | 'delete';
  readonly validFrom: Instant;
  readonly validTo: Instant;
}

/** An object's history (`GET /objects/{id}/history`): its baseline versions and the plans' proposed changes of it. */
export interface History {
  readonly id: string;
  /** Each with its change set's title as a code with parameters, when the server wrote it. */
  readonly versions: (VersionOut & { readonly text: ServerText | null })[];
  readonly proposed: { changeset: ChangeSetHeaderOut; op: string }[];
}

/** One field that differs between two dates. */
export interface FieldDiff {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** What changed between two instants: the change sets between them and the objects they added, removed and changed. */
export interface EstateDiff<Header = ChangeSetHeaderOut> {
  readonly from: Instant;
  readonly to: Instant;
  readonly changesets: Header[];
  readonly added: ObjectOut[];
  readonly removed: ObjectOut[];
  readonly changed: { id: string; kind: Kind; fields: FieldDiff[] }[];
}

/** The query of `GET /diff`. */
export interface DiffQuery {
  readonly from: string;
  readonly to?: string | undefined;
  readonly plan?: string | undefined;
}

/** The change set one write goes into (`POST /objects`, `PATCH` and `DELETE /objects/{id}`): declared with its schema. Defaults: done, now. */
export type WriteMeta = ChangeSetMeta;
export type { ChangeSetListQuerystring, TimelineQuerystring, ChangeSetMeta, ChangeSetStatusBody, ChangeSetsBody, DiffQuerystring, ObjectCreateBody, ObjectListQuerystring, ObjectPatchBody };

/** The answer of a write: the change set, the object's new revision and (unless deleted) the object then. */
export interface WriteAnswer {
  readonly changeset: ChangeSetHeaderOut;
  readonly revision: number;
  readonly object?: ObjectOut;
}

/** The answer of `POST /import`: the change sets written, the objects by kind, and warnings. */
export interface ImportAnswer {
  readonly changesets: string[];
  readonly objects: Record<string, number>;
  readonly warnings: { message: string; [key: string]: unknown }[];
}

/** The answer of `POST /changesets`. */
export interface ChangeSetsAdded {
  readonly changesets: ChangeSetHeaderOut[];
  readonly plans: string[];
}
