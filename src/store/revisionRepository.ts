/**
 * Revisions of objects: the recording number (seq) of the last change set that touched an
 * object, whatever its status or date. Any new change of the object raises it, which is
 * what If-Match needs to refuse a write based on a stale read.
 */
import type { Kysely } from 'kysely';
import type { StoredObject } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';
import type { Database } from './schema.js';

/** The revision of an object; 0 if no change set ever touched it. */
export async function objectRevision(db: Kysely<Database>, id: string): Promise<number> {
  const r = await db
    .selectFrom('change')
    .select((eb) => eb.fn.max('changeset_seq').as('m'))
    .where('object_id', '=', id)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** One object alive at `at` with its revision, in one query (the API's most frequent read). */
export async function readObjectWithRevision(db: Kysely<Database>, id: string, at: TimeKey): Promise<{ object: StoredObject; revision: number } | undefined> {
  const r = await db
    .selectFrom('object_version as v')
    .select(['v.data', 'v.op'])
    .select((eb) => eb.selectFrom('change as c').select((c) => c.fn.max('c.changeset_seq').as('m')).whereRef('c.object_id', '=', 'v.object_id').as('revision'))
    .where('v.object_id', '=', id)
    .where('v.valid_from', '<=', at)
    .where('v.valid_to', '>', at)
    .executeTakeFirst();
  return r && r.op !== 'delete' ? { object: JSON.parse(r.data!) as StoredObject, revision: Number(r.revision ?? 0) } : undefined;
}
