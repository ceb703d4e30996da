/**
 * The version index of the baseline: each object's versions with [valid_from, valid_to).
 * Reading the estate at T is one indexed range query, never a replay of history.
 */
import { sql, type Kysely } from 'kysely';
import type { VersionOut } from '../contracts/estate.js';
import type { VersionEvent } from '../timeline/applyChangeSet.js';
import type { ChangeSet } from '../timeline/changeSet.js';
import type { StoredObject } from '../timeline/Estate.js';
import { END_OF_TIME, type TimeKey } from '../timeline/time.js';
import type { BulkInsert } from './insertChunked.js';
import { deleteObjectRefs, insertObjectRefs, type IndexedVersion } from './objectRefRepository.js';
import type { Database, ObjectVersionTable } from './schema.js';

/** Objects alive at `at`, in id order. */
export async function readObjectsAt(db: Kysely<Database>, at: TimeKey): Promise<StoredObject[]> {
  const q = db
    .selectFrom('object_version')
    .select('data')
    .where('valid_to', '>', at)
    .where('valid_from', '<=', at)
    .where('op', '<>', 'delete');
  const rows = await q.orderBy('object_id').execute();
  return rows.map((r) => JSON.parse(r.data!) as StoredObject);
}

/** How many object versions the index holds (all dates): a cheap measure of the estate's size. */
export async function countVersions(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('object_version').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Objects alive just before `at`: the state a replay from `at` starts from. */
export async function readObjectsBefore(db: Kysely<Database>, at: TimeKey): Promise<StoredObject[]> {
  const rows = await db
    .selectFrom('object_version')
    .select('data')
    .where('valid_to', '>=', at)
    .where('valid_from', '<', at)
    .where('op', '<>', 'delete')
    .execute();
  return rows.map((r) => JSON.parse(r.data!) as StoredObject);
}

/**
 * The objects whose baseline changes between two instants (a version of theirs starts after
 * the earlier and at or before the later), each as it is at `from` and at `to` (undefined:
 * not there then). Reads only those objects' versions: the diff of one date of the timeline
 * costs what that date changed, not two whole estates.
 */
export async function readChangedBetween(db: Kysely<Database>, from: TimeKey, to: TimeKey): Promise<{ id: string; before?: StoredObject; after?: StoredObject }[]> {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  // A version starting after `lo` ends after it too: the condition on valid_to lets the
  // (valid_to, valid_from) index find them.
  const changed = db.selectFrom('object_version').select('object_id').where('valid_to', '>', lo).where('valid_from', '>', lo).where('valid_from', '<=', hi);
  const rows = await db
    .selectFrom('object_version')
    .select(['object_id', 'op', 'valid_from', 'valid_to', 'data'])
    .where('object_id', 'in', changed)
    .where((eb) => eb.or([eb.and([eb('valid_from', '<=', from), eb('valid_to', '>', from)]), eb.and([eb('valid_from', '<=', to), eb('valid_to', '>', to)])]))
    .execute();
  const out = new Map<string, { id: string; before?: StoredObject; after?: StoredObject }>();
  for (const r of rows) {
    const entry = out.get(r.object_id) ?? out.set(r.object_id, { id: r.object_id }).get(r.object_id)!;
    if (r.op === 'delete') continue;
    const object = JSON.parse(r.data!) as StoredObject;
    if (r.valid_from <= from && r.valid_to > from) entry.before = object;
    if (r.valid_from <= to && r.valid_to > to) entry.after = object;
  }
  return [...out.values()];
}

/** The objects among `ids` alive at `at` (in no particular order): a few indexed rows, no estate read. */
export async function readObjectsByIdAt(db: Kysely<Database>, ids: readonly string[], at: TimeKey): Promise<StoredObject[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('object_version').select('data').where('object_id', 'in', [...ids]).where('valid_from', '<=', at).where('valid_to', '>', at).where('op', '<>', 'delete').execute();
  return rows.map((r) => JSON.parse(r.data!) as StoredObject);
}

/** One object at `at`, or undefined. */
export async function readObjectAt(db: Kysely<Database>, id: string, at: TimeKey): Promise<StoredObject | undefined> {
  const r = await db
    .selectFrom('object_version')
    .select(['data', 'op'])
    .where('object_id', '=', id)
    .where('valid_from', '<=', at)
    .where('valid_to', '>', at)
    .executeTakeFirst();
  return r && r.op !== 'delete' ? (JSON.parse(r.data!) as StoredObject) : undefined;
}

/** One row of an object's history, joined with its change set: the version the API answers, and the object then. */
export interface VersionRow extends VersionOut {
  readonly object?: StoredObject;
}

/** Every baseline version of an object, oldest first. */
export async function readHistory(db: Kysely<Database>, id: string): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('object_version as v')
    .innerJoin('changeset as c', 'c.seq', 'v.changeset_seq')
    .select(['v.changeset_seq', 'c.id', 'c.title', 'c.status', 'c.author', 'c.recorded_by', 'c.recorded_at', 'v.op', 'v.valid_from', 'v.valid_to', 'v.data'])
    .where('v.object_id', '=', id)
    .orderBy('v.valid_from')
    .orderBy('v.changeset_seq')
    .execute();
  return rows.map((r) => ({
    changesetSeq: Number(r.changeset_seq),
    changeset: r.id,
    title: r.title,
    status: r.status,
    author: r.author,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    op: r.op,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    ...(r.data !== null && { object: JSON.parse(r.data) as StoredObject }),
  }));
}

/**
 * Collects version events of a replay into rows, chaining each object's valid_to to the
 * next version's valid_from.
 */
export class VersionRowBuilder {
  readonly rows: ObjectVersionTable[] = [];
  /** The same versions with their objects, for the reverse reference index. */
  readonly indexed: IndexedVersion[] = [];
  private readonly last = new Map<string, ObjectVersionTable>();

  add(cs: Pick<ChangeSet, 'seq' | 'effectiveKey'>, versions: readonly VersionEvent[]): void {
    for (const v of versions) {
      const row = versionRow(cs, v);
      const prev = this.last.get(v.id);
      if (prev) prev.valid_to = cs.effectiveKey;
      this.last.set(v.id, row);
      this.rows.push(row);
      this.indexed.push({ object_id: v.id, changeset_seq: cs.seq, object: v.object ?? null });
    }
  }
}

/** The row of one version event, open to the end of time. */
function versionRow(cs: Pick<ChangeSet, 'seq' | 'effectiveKey'>, v: VersionEvent): ObjectVersionTable {
  return { object_id: v.id, changeset_seq: cs.seq, kind: v.kind, op: v.op, valid_from: cs.effectiveKey, valid_to: END_OF_TIME, data: v.object ? JSON.stringify(v.object) : null };
}

/** Sorts rows into primary-key order: the index grows at its end instead of splitting pages everywhere. */
function inKeyOrder(rows: readonly ObjectVersionTable[]): ObjectVersionTable[] {
  return [...rows].sort((a, b) => (a.object_id < b.object_id ? -1 : a.object_id > b.object_id ? 1 : a.changeset_seq - b.changeset_seq));
}

/** The stored versions of some change sets, with their objects (for the reverse index). */
async function readIndexedVersions(db: Kysely<Database>, seqs: readonly number[]): Promise<IndexedVersion[]> {
  const out: IndexedVersion[] = [];
  for (let i = 0; i < seqs.length; i += 500) {
    const rows = await db
      .selectFrom('object_version')
      .select(['object_id', 'changeset_seq', 'data'])
      .where('changeset_seq', 'in', seqs.slice(i, i + 500))
      .execute();
    for (const r of rows) out.push({ object_id: r.object_id, changeset_seq: Number(r.changeset_seq), object: r.data === null ? null : (JSON.parse(r.data) as StoredObject) });
  }
  return out;
}

/**
 * Replaces the index from `from` on: drops versions starting at or after `from`, reopens the
 * versions alive just before it, inserts the new rows, then closes each reopened version at
 * its object's first new version (one statement, not one per object).
 */
export async function rebuildVersionsFrom(db: Kysely<Database>, from: TimeKey, built: VersionRowBuilder, insert: BulkInsert): Promise<void> {
  // A version's valid_from is its change set's instant: the dropped ones are those of the change sets from `from` on.
  const dropped = (await db.selectFrom('changeset').select('seq').where('effective_key', '>=', from).execute()).map((r) => Number(r.seq));
  await deleteObjectRefs(db, await readIndexedVersions(db, dropped));
  await db.deleteFrom('object_version').where('valid_from', '>=', from).execute();
  await db.updateTable('object_version').set({ valid_to: END_OF_TIME }).where('valid_to', '>=', from).execute();
  await insert(db, 'object_version', inKeyOrder(built.rows));
  await insertObjectRefs(db, built.indexed, insert);
  await sql`
    update object_version set valid_to = (
      select min(n.valid_from) from object_version n
      where n.object_id = object_version.object_id and n.valid_from >= ${from})
    where valid_from < ${from} and valid_to = ${END_OF_TIME}
      and exists (select 1 from object_version n where n.object_id = object_version.object_id and n.valid_from >= ${from})`.execute(db);
}

/** The new versions of one change set applied anew by an incremental write. */
export interface ChangeSetVersions {
  readonly cs: Pick<ChangeSet, 'seq' | 'effectiveKey'>;
  readonly versions: readonly VersionEvent[];
}

/**
 * The incremental form of {@link rebuildVersionsFrom}: drops the versions of the change
 * sets `replaced` (applied anew, or no longer in the baseline), inserts the new versions of
 * `written`, and chains valid_to again for exactly the objects whose versions changed. Gives
 * the same index as a rebuild from the earliest of them, in proportion to what changed.
 */
export async function replaceVersions(db: Kysely<Database>, replaced: readonly number[], written: readonly ChangeSetVersions[], insert: BulkInsert): Promise<void> {
  const old = await readIndexedVersions(db, replaced);
  await deleteObjectRefs(db, old);
  for (let i = 0; i < replaced.length; i += 500) await db.deleteFrom('object_version').where('changeset_seq', 'in', replaced.slice(i, i + 500)).execute();
  const rows = written.flatMap((w) => w.versions.map((v) => versionRow(w.cs, v)));
  await insert(db, 'object_version', inKeyOrder(rows));
  await insertObjectRefs(db, written.flatMap((w) => w.versions.map((v) => ({ object_id: v.id, changeset_seq: w.cs.seq, object: v.object ?? null }))), insert);
  await chainVersions(db, [...new Set([...old.map((v) => v.object_id), ...rows.map((r) => r.object_id)])]);
}

/** Sets each version's valid_to to the valid_from of its object's next version (timeline order), the last one's to the end of time. */
async function chainVersions(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  const rows = await readVersionRows(db, ids);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const next = rows[k + 1];
    const to = next && next.object_id === r.object_id ? next.valid_from : END_OF_TIME;
    if (r.valid_to !== to) await db.updateTable('object_version').set({ valid_to: to }).where('object_id', '=', r.object_id).where('changeset_seq', '=', r.changeset_seq).execute();
  }
}

/** Every stored version of some objects, by object, each object's in timeline order (valid_from, then recording order). */
async function readVersionRows(db: Kysely<Database>, ids: readonly string[]): Promise<Pick<ObjectVersionTable, 'object_id' | 'changeset_seq' | 'valid_from' | 'valid_to' | 'data'>[]> {
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('object_version')
      .select(['object_id', 'changeset_seq', 'valid_from', 'valid_to', 'data'])
      .where('object_id', 'in', ids.slice(i, i + 500))
      .orderBy('object_id')
      .orderBy('valid_from')
      .orderBy('changeset_seq')
      .execute();
    for (const r of rows) out.push({ ...r, changeset_seq: Number(r.changeset_seq) });
  }
  return out;
}

/** One stored version of an object, as a replay over the store reads it. */
export interface StoredVersion {
  readonly seq: number;
  readonly validFrom: TimeKey;
  /** The object from this version on (null: deleted). */
  readonly object: StoredObject | null;
}

/** Every stored version of some objects, each object's in timeline order (valid_from, then recording order). */
export async function readVersionHistories(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, StoredVersion[]>> {
  const out = new Map<string, StoredVersion[]>(ids.map((id) => [id, []]));
  for (const r of await readVersionRows(db, ids)) out.get(r.object_id)!.push({ seq: r.changeset_seq, validFrom: r.valid_from, object: r.data === null ? null : (JSON.parse(r.data) as StoredObject) });
  return out;
}

/** The ids of the objects a stored change set wrote a version of. */
export async function readVersionIdsOf(db: Kysely<Database>, seq: number): Promise<string[]> {
  return (await db.selectFrom('object_version').select('object_id').where('changeset_seq', '=', seq).execute()).map((r) => r.object_id);
}

/**
 * True if a stored change set touched one of `ids` — changed it, wrote a version of it, or
 * wrote a version that references it (three indexed look-ups, however big the change set).
 */
export async function changeSetTouches(db: Kysely<Database>, seq: number, ids: readonly string[]): Promise<boolean> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (await db.selectFrom('object_version').select('object_id').where('changeset_seq', '=', seq).where('object_id', 'in', chunk).limit(1).executeTakeFirst()) return true;
    if (await db.selectFrom('object_ref').select('object_id').where('changeset_seq', '=', seq).where('target', 'in', chunk).limit(1).executeTakeFirst()) return true;
    if (await db.selectFrom('change').select('object_id').where('changeset_seq', '=', seq).where('object_id', 'in', chunk).limit(1).executeTakeFirst()) return true;
  }
  return false;
}

/** How many objects are alive at the end of the baseline (its last versions that are not deletions). */
export async function countObjectsAtEnd(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('object_version')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('valid_to', '=', END_OF_TIME)
    .where('op', '<>', 'delete')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
