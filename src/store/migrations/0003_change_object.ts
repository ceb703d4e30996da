/**
 * Migration 0003: an index of changes by object, for an object's revision (the last change
 * set that touched it), read on every If-Match write and every ETag.
 */
import type { Kysely } from 'kysely';

/** Creates the index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('change_object').on('change').columns(['object_id', 'changeset_seq']).execute();
}

/** Drops the index. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('change_object').execute();
}
