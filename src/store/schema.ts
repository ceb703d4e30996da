/**
 * The database schema as Kysely types. Tables are append-only except `changeset.status`
 * (whose every transition is logged in `changeset_event`) and `object_version`, the
 * materialised index of the baseline that is rebuilt from the change log when the timeline
 * changes.
 */
import type { ChangeSetStatus } from '../timeline/changeSet.js';

/** A named what-if scenario: a group of proposed change sets. */
export interface PlanTable {
  id: string;
  title: string;
  notes: string | null;
  created_by: string;
  created_at: string;
}

/** One change set; `seq` is the recording order. */
export interface ChangeSetTable {
  seq: number;
  id: string;
  title: string;
  effective: string;
  effective_key: string;
  status: ChangeSetStatus;
  plan: string | null;
  author: string | null;
  notes: string | null;
  recorded_by: string;
  recorded_at: string;
  revision: number;
}

/** Audit of status transitions (append-only). */
export interface ChangeSetEventTable {
  changeset_seq: number;
  at: string;
  by: string;
  from_status: string | null;
  to_status: string;
}

/** One change as written (append-only). `data` is the JSON of the fields (null for delete). */
export interface ChangeTable {
  changeset_seq: number;
  idx: number;
  op: 'create' | 'update' | 'delete';
  object_id: string;
  data: string | null;
}

/**
 * A version of an object in the baseline, valid over [valid_from, valid_to). A delete is a
 * tombstone row (op = 'delete', data null) so that history shows it.
 */
export interface ObjectVersionTable {
  object_id: string;
  changeset_seq: number;
  kind: string;
  op: 'create' | 'update' | 'delete';
  valid_from: string;
  valid_to: string;
  data: string | null;
}

/**
 * The reverse reference index of `object_version`: one row per version and object it
 * references (docs/design.md, "Writes"). A write asks it who references an object at the
 * dates it looks at, instead of loading the whole estate.
 */
export interface ObjectRefTable {
  target: string;
  /** The referring object's kind: a write asks for the links at a site, not its thousands of devices. */
  kind: string;
  object_id: string;
  changeset_seq: number;
}

/** Key/value facts about the database. */
export interface MetaTable {
  key: string;
  value: string;
}

/** Every table. */
export interface Database {
  plan: PlanTable;
  changeset: ChangeSetTable;
  changeset_event: ChangeSetEventTable;
  change: ChangeTable;
  object_version: ObjectVersionTable;
  object_ref: ObjectRefTable;
  meta: MetaTable;
}
