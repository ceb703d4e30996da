/**
 * Walks a view of the timeline date by date: one replay from the first change set, handing
 * out the estate after every instant where it changes, with the change sets of that instant.
 * The timeline check analyses each step; it never re-reads the estate per date.
 */
import type { Kysely } from 'kysely';
import type { Problem } from '../model/errors.js';
import { loadChanges, type ChangeSetHeader } from '../store/changeSetRepository.js';
import type { Database } from '../store/schema.js';
import { applyChangeSet } from '../timeline/applyChangeSet.js';
import { inView, timelineOrder, type ChangeSet } from '../timeline/changeSet.js';
import { Estate } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';

/** The estate right after the change sets of one instant. */
export interface TimelineStep {
  readonly at: TimeKey;
  readonly changesets: readonly ChangeSetHeader[];
  /** Shared and mutated by the next step: read it before asking for the next. */
  readonly estate: Estate;
  readonly problems: readonly Problem[];
}

/** A change set as the walk needs it: header and changes. */
export type WalkChangeSet = ChangeSetHeader & Pick<ChangeSet, 'changes'>;

/** Yields one step per instant at which the view (baseline, or baseline + plan) changes. */
export async function* walkTimeline(db: Kysely<Database>, headers: readonly ChangeSetHeader[], plan?: string): AsyncGenerator<TimelineStep> {
  const included = timelineOrder(headers.filter((h) => inView(h, plan)));
  const changes = await loadChanges(db, included.map((h) => h.seq));
  yield* walkChangeSets(included.map((h) => ({ ...h, changes: changes.get(h.seq) ?? [] })));
}

/**
 * The same walk over change sets already read (what a worker thread gets): they must be the
 * view's change sets, in timeline order. `beforeApply` sees each change set and the estate
 * just before it is applied (the timeline check notes what it touches).
 */
export function* walkChangeSets(included: readonly WalkChangeSet[], beforeApply?: (cs: WalkChangeSet, estate: Estate) => void): Generator<TimelineStep> {
  const estate = new Estate();
  for (let i = 0; i < included.length; ) {
    const at = included[i]!.effectiveKey;
    const step: ChangeSetHeader[] = [];
    const problems: Problem[] = [];
    for (; i < included.length && included[i]!.effectiveKey === at; i++) {
      const { changes, ...h } = included[i]!;
      beforeApply?.(included[i]!, estate);
      step.push(h);
      for (const p of applyChangeSet(estate, { ...h, changes }).problems) problems.push(p);
    }
    yield { at, changesets: step, estate, problems };
  }
}
