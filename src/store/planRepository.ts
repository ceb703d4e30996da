/**
 * Plans: named groups of proposed change sets.
 */
import type { Kysely } from 'kysely';
import type { Plan } from '../timeline/plan.js';
import type { Database } from './schema.js';

/** The timeline's type of what this repository lists (declared in the timeline so that files and api share it without the store). */
export type { Plan };

/** Every plan, by id. */
export async function listPlans(db: Kysely<Database>): Promise<Plan[]> {
  const rows = await db.selectFrom('plan').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    ...(r.notes !== null && { notes: r.notes }),
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** Adds plans. */
export async function insertPlans(db: Kysely<Database>, plans: readonly { id: string; title?: string; notes?: string }[], by: string, at: string): Promise<void> {
  if (!plans.length) return;
  await db
    .insertInto('plan')
    .values(plans.map((p) => ({ id: p.id, title: p.title ?? p.id, notes: p.notes ?? null, created_by: by, created_at: at })))
    .execute();
}
