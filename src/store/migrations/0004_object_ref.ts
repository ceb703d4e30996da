/**
 * Migration 0004: the reverse reference index `object_ref` (who references an object, of
 * which kind, per stored version), filled from the versions already stored, and an index of versions by
 * change set. With both, a write reads only what its changes concern (docs/design.md,
 * "Writes").
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { StoredObject } from '../../timeline/Estate.js';
import { objectRefRows } from '../objectRefRepository.js';
import type { Database } from '../schema.js';

/** Creates the index tables and fills `object_ref` from `object_version`. */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Database>;
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('object_ref')
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('changeset_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('object_ref_pk', ['target', 'kind', 'object_id', 'changeset_seq'])
    // The rows are their key: in SQLite, no second copy of them in a rowid table.
    .$call((b) => (sqlite ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await db.schema.createIndex('object_version_changeset').on('object_version').column('changeset_seq').execute();
  // SQLite's migrations run outside a transaction; PostgreSQL's inside one (transactional DDL).
  await (db.isTransaction ? fill(db) : db.transaction().execute(fill));
}

/** Reads the stored versions page by page (in key order) and writes their index rows. */
async function fill(db: Kysely<Database>): Promise<void> {
  let after: { id: string; seq: number } | undefined;
  for (;;) {
    const page = await db
      .selectFrom('object_version')
      .select(['object_id', 'changeset_seq', 'data'])
      .where('data', 'is not', null)
      .$if(after !== undefined, (q) => q.where((eb) => eb.or([eb('object_id', '>', after!.id), eb.and([eb('object_id', '=', after!.id), eb('changeset_seq', '>', after!.seq)])])))
      .orderBy('object_id')
      .orderBy('changeset_seq')
      .limit(5000)
      .execute();
    if (!page.length) return;
    const rows = objectRefRows(page.map((r) => ({ object_id: r.object_id, changeset_seq: Number(r.changeset_seq), object: JSON.parse(r.data!) as StoredObject })));
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('object_ref').values(rows.slice(i, i + 1000)).execute();
    const last = page[page.length - 1]!;
    after = { id: last.object_id, seq: Number(last.changeset_seq) };
  }
}

/** Drops what 0004 created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('object_version_changeset').execute();
  await db.schema.dropTable('object_ref').execute();
}
