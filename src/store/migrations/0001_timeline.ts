/**
 * Migration 0001: the timeline tables.
 */
import { type Kysely, sql } from 'kysely';

/** Creates plans, change sets, changes, their audit and the version index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('changeset')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('effective', 'text', (c) => c.notNull())
    .addColumn('effective_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.references('plan.id'))
    .addColumn('author', 'text')
    .addColumn('notes', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('changeset_effective').on('changeset').columns(['effective_key', 'seq']).execute();
  await db.schema
    .createTable('changeset_event')
    .addColumn('changeset_seq', 'integer', (c) => c.notNull().references('changeset.seq'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('change')
    .addColumn('changeset_seq', 'integer', (c) => c.notNull().references('changeset.seq'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addPrimaryKeyConstraint('change_pk', ['changeset_seq', 'idx'])
    .execute();
  await db.schema
    .createTable('object_version')
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('changeset_seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addPrimaryKeyConstraint('object_version_pk', ['object_id', 'changeset_seq'])
    .execute();
  // Reading the estate at T: valid_to > T selects the live rows cheaply for recent T.
  await db.schema.createIndex('object_version_at').on('object_version').columns(['valid_to', 'valid_from']).execute();
  await sql`insert into meta (key, value) values ('lock', '0')`.execute(db);
}

/** Drops everything 0001 created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['object_version', 'change', 'changeset_event', 'changeset', 'plan', 'meta']) await db.schema.dropTable(t).execute();
}
