/**
 * Small builders for tests: change sets from terse literals.
 */
import type { Change, ChangeSet, ChangeSetStatus } from '../../src/timeline/changeSet.js';
import { parseInstant } from '../../src/timeline/time.js';

let seq = 0;

/** A change set with the next recording seq. */
export function cs(id: string, effective: string, changes: Change[], status: ChangeSetStatus = 'done', plan?: string): ChangeSet {
  return { id, title: id, effective, effectiveKey: parseInstant(effective), status, ...(plan && { plan }), changes, seq: ++seq };
}

/** A create change. */
export function create(fields: Record<string, unknown> & { id: string }): Change {
  return { op: 'create', id: fields.id, fields };
}

/** An update change. */
export function update(id: string, fields: Record<string, unknown>): Change {
  return { op: 'update', id, fields: { id, ...fields } };
}

/** A delete change. */
export function del(id: string): Change {
  return { op: 'delete', id };
}
