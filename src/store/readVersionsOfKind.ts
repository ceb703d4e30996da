/**
 * The baseline versions of every object of one kind, across all time: what a series over
 * the whole timeline needs (migration progress reads only applications), without replaying history.
 */
import type { Kysely } from 'kysely';
import type { Kind } from '../model/kinds.js';
import type { TimeKey } from '../timeline/time.js';
import type { Database } from './schema.js';

/** One baseline version of an object; `data` is null for a deletion. */
export interface KindVersion {
  readonly id: string;
  readonly changesetSeq: number;
  readonly op: 'create' | 'update' | 'delete';
  readonly validFrom: TimeKey;
  readonly validTo: TimeKey;
  readonly data: string | null;
}

/**
 * The versions of the objects of `kind`, in timeline order (valid_from, then recording
 * order). Versions replaced at the instant they start (zero length) are left out: they
 * never were the state at any instant.
 */
export async function readVersionsOfKind(db: Kysely<Database>, kind: Kind): Promise<KindVersion[]> {
  const rows = await db
    .selectFrom('object_version')
    .select(['object_id', 'changeset_seq', 'op', 'valid_from', 'valid_to', 'data'])
    .where('kind', '=', kind)
    .whereRef('valid_from', '<', 'valid_to')
    .orderBy('valid_from')
    .orderBy('changeset_seq')
    .execute();
  return rows.map((r) => ({ id: r.object_id, changesetSeq: Number(r.changeset_seq), op: r.op, validFrom: r.valid_from, validTo: r.valid_to, data: r.data }));
}
