/**
 * A disaster scenario as a file (docs/continuity.md): what fails, when, and the restore
 * capacity, so that a scenario is kept, reviewed and re-planned like any other document.
 */
import { z } from 'zod';
import { VerbundError } from '../model/errors.js';
import { idSchema } from '../model/objectSchemas.js';
import type { RestorePlanRequest } from '../contracts/requests/plans.js';

const scenarioSchema = z.strictObject({
  title: z.string().min(1).optional(),
  start: z.union([z.string(), z.date()]).optional(),
  fail: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(idSchema).min(1, 'name at least one failed element')),
  slot_hours: z.number().positive().optional(),
  shifts: z.string().optional(),
  apps_per_slot: z.number().positive().optional(),
  vcpu_per_slot: z.number().positive().optional(),
  notes: z.string().optional(),
});

/** The planning options a scenario document gives; INVALID_INPUT naming the file and field. */
export function scenarioOptions(doc: unknown, file: string): Partial<RestorePlanRequest> & { fail: string[] } {
  const r = scenarioSchema.safeParse(doc);
  if (!r.success) {
    const problems = r.error.issues.map((i) => ({ code: 'INVALID_INPUT' as const, file, field: i.path.join('.') || undefined, message: i.message }));
    throw new VerbundError('INVALID_INPUT', `${file}: not a restore scenario (${problems.length} problem${problems.length > 1 ? 's' : ''})`, problems);
  }
  const s = r.data;
  return {
    fail: s.fail,
    ...(s.title !== undefined && { title: s.title }),
    // YAML reads an unquoted date as a Date; the planner wants the text.
    ...(s.start !== undefined && { start: s.start instanceof Date ? s.start.toISOString() : s.start }),
    ...(s.slot_hours !== undefined && { slotHours: s.slot_hours }),
    ...(s.shifts !== undefined && { shifts: s.shifts }),
    ...(s.apps_per_slot !== undefined && { appsPerSlot: s.apps_per_slot }),
    ...(s.vcpu_per_slot !== undefined && { vcpuPerSlot: s.vcpu_per_slot }),
  };
}
