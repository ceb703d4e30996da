/**
 * Reading and writing change sets, their changes and their status audit.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Change, ChangeSet, ChangeSetStatus } from '../timeline/changeSet.js';
import type { BulkInsert } from './insertChunked.js';
import type { ChangeSetTable, ChangeTable, Database } from './schema.js';

/** A change set header with its audit fields, without its changes. */
export type ChangeSetHeader = Omit<ChangeSet, 'changes'> & { readonly revision: number };

/** Every change set header, in recording order. */
export async function listChangeSetHeaders(db: Kysely<Database>): Promise<ChangeSetHeader[]> {
  const rows = await db.selectFrom('changeset').selectAll().orderBy('seq').execute();
  return rows.map(toHeader);
}

/** Maps a row to a header. */
export function toHeader(r: Selectable<ChangeSetTable>): ChangeSetHeader {
  return {
    seq: Number(r.seq),
    id: r.id,
    title: r.title,
    effective: r.effective,
    effectiveKey: r.effective_key,
    status: r.status,
    ...(r.plan !== null && { plan: r.plan }),
    ...(r.author !== null && { author: r.author }),
    ...(r.notes !== null && { notes: r.notes }),
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    revision: Number(r.revision),
  };
}

/** The changes of the given change sets, by change set seq, in order. */
export async function loadChanges(db: Kysely<Database>, seqs: readonly number[]): Promise<Map<number, Change[]>> {
  const out = new Map<number, Change[]>(seqs.map((s) => [s, []]));
  for (let i = 0; i < seqs.length; i += 500) {
    const rows = await db
      .selectFrom('change')
      .selectAll()
      .where('changeset_seq', 'in', seqs.slice(i, i + 500))
      .orderBy('changeset_seq')
      .orderBy('idx')
      .execute();
    for (const r of rows) out.get(Number(r.changeset_seq))!.push(toChange(r));
  }
  return out;
}

function toChange(r: Selectable<ChangeTable>): Change {
  if (r.op === 'delete') return { op: 'delete', id: r.object_id };
  return { op: r.op, id: r.object_id, fields: JSON.parse(r.data ?? '{}') as Record<string, unknown> };
}

/** Appends change sets (with their seq already assigned) and their changes. */
export async function insertChangeSets(db: Kysely<Database>, sets: readonly ChangeSet[], by: string, at: string, insert: BulkInsert): Promise<void> {
  await insert(
    db,
    'changeset',
    sets.map((cs) => ({
      seq: cs.seq,
      id: cs.id,
      title: cs.title,
      effective: cs.effective,
      effective_key: cs.effectiveKey,
      status: cs.status,
      plan: cs.plan ?? null,
      author: cs.author ?? null,
      notes: cs.notes ?? null,
      recorded_by: by,
      recorded_at: at,
      revision: 1,
    })),
  );
  await insert(
    db,
    'changeset_event',
    sets.map((cs) => ({ changeset_seq: cs.seq, at, by, from_status: null, to_status: cs.status })),
  );
  const changes = sets.flatMap((cs) =>
    cs.changes.map((c, idx) => ({
      changeset_seq: cs.seq,
      idx,
      op: c.op,
      object_id: c.id,
      data: c.op === 'delete' ? null : JSON.stringify(c.fields),
    })),
  );
  await insert(db, 'change', changes);
}

/** Records a status transition (the header row changes; the event log only grows). */
export async function updateStatus(db: Kysely<Database>, seq: number, from: ChangeSetStatus, to: ChangeSetStatus, by: string, at: string): Promise<void> {
  await db
    .updateTable('changeset')
    .set((eb) => ({ status: to, revision: eb('revision', '+', 1) }))
    .where('seq', '=', seq)
    .execute();
  await db.insertInto('changeset_event').values({ changeset_seq: seq, at, by, from_status: from, to_status: to }).execute();
}

/** The next free recording sequence number. */
export async function nextSeq(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('changeset')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/**
 * A value that changes with every write of the timeline: the last recording number, the
 * number of status transitions and of plans (all three only grow). Equal tokens mean the
 * same change sets, statuses and plans, so a validation done at one is still valid at the
 * other.
 */
export async function timelineToken(db: Kysely<Database>): Promise<string> {
  const [seq, events, plans] = await Promise.all([
    db.selectFrom('changeset').select((eb) => eb.fn.max('seq').as('n')).executeTakeFirst(),
    db.selectFrom('changeset_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    db.selectFrom('plan').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return `${Number(seq?.n ?? 0)}.${Number(events?.n ?? 0)}.${Number(plans?.n ?? 0)}`;
}
