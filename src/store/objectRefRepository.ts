/**
 * The reverse reference index (`object_ref`): for every stored version, the ids it
 * references. It answers "who may reference X" for a write that reads only the objects its
 * changes concern (service/StoreView), and is kept beside `object_version` by every write.
 */
import type { Kysely } from 'kysely';
import type { Kind } from '../model/kinds.js';
import { referencedIds } from '../model/references.js';
import type { StoredObject } from '../timeline/Estate.js';
import type { BulkInsert } from './insertChunked.js';
import type { Database, ObjectRefTable } from './schema.js';

/** A version row as far as the index cares: its key and its object (none for a tombstone). */
export interface IndexedVersion {
  readonly object_id: string;
  readonly changeset_seq: number;
  readonly object: StoredObject | null;
}

/** The index rows of some versions. */
export function objectRefRows(versions: Iterable<IndexedVersion>): ObjectRefTable[] {
  const out: ObjectRefTable[] = [];
  for (const v of versions) if (v.object) for (const target of referencedIds(v.object)) out.push({ target, kind: v.object.kind, object_id: v.object_id, changeset_seq: v.changeset_seq });
  return out;
}

/** Adds the index rows of versions just inserted. */
export async function insertObjectRefs(db: Kysely<Database>, versions: Iterable<IndexedVersion>, insert: BulkInsert): Promise<void> {
  const rows = objectRefRows(versions);
  // In key order, the index grows at its end instead of splitting pages everywhere.
  const text = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  rows.sort((a, b) => text(a.target, b.target) || text(a.kind, b.kind) || text(a.object_id, b.object_id) || a.changeset_seq - b.changeset_seq);
  await insert(db, 'object_ref', rows);
}

/** Removes the index rows of versions about to be deleted (by their exact keys: the index has no other way in). */
export async function deleteObjectRefs(db: Kysely<Database>, versions: Iterable<IndexedVersion>): Promise<void> {
  const rows = objectRefRows(versions);
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    await db
      .deleteFrom('object_ref')
      .where((eb) => eb.or(chunk.map((r) => eb.and([eb('target', '=', r.target), eb('kind', '=', r.kind), eb('object_id', '=', r.object_id), eb('changeset_seq', '=', r.changeset_seq)]))))
      .execute();
  }
}

/**
 * Every object (of one kind, if given) that references one of `targets` in some stored
 * version, at any date: a superset of the referrers at any one date, which the caller
 * narrows with the versions.
 */
export async function readReferrerCandidates(db: Kysely<Database>, targets: readonly string[], kind?: Kind): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(targets.map((t) => [t, new Set()]));
  for (let i = 0; i < targets.length; i += 500) {
    const rows = await db
      .selectFrom('object_ref')
      .select(['target', 'object_id'])
      .distinct()
      .where('target', 'in', targets.slice(i, i + 500))
      .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
      .execute();
    for (const r of rows) out.get(r.target)!.add(r.object_id);
  }
  return out;
}
