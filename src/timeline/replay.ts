/**
 * Replays ordered change sets over an estate, validating after each one.
 */
import type { Problem } from '../model/errors.js';
import { applyChangeSet, type VersionEvent } from './applyChangeSet.js';
import { inView, timelineOrder, type ChangeSet } from './changeSet.js';
import { Estate } from './Estate.js';
import type { TimeKey } from './time.js';
import { append } from '../util/append.js';

/** Called after each change set with the versions it produced and the estate after it (to read, not to change). */
export type VersionSink = (cs: ChangeSet, versions: readonly VersionEvent[], estate: Estate) => void;

/** Applies change sets in timeline order (they must already be sorted); collects every problem. */
export function replay(estate: Estate, ordered: readonly ChangeSet[], sink?: VersionSink, onApplied?: (done: number) => void): Problem[] {
  const problems: Problem[] = [];
  let done = 0;
  for (const cs of ordered) {
    const r = applyChangeSet(estate, cs, onApplied && ((n) => onApplied(done + n)));
    append(problems, r.problems);
    sink?.(cs, r.versions, estate);
    done += cs.changes.length;
    onApplied?.(done);
  }
  return problems;
}


/**
 * The estate at `at` from a full list of change sets, computed by replay from nothing. The
 * store answers the same question through its version index; this pure form is the
 * reference the tests compare it with, and it serves plan overlays.
 */
export function estateAt(changeSets: readonly ChangeSet[], at: TimeKey, plan?: string): { estate: Estate; problems: Problem[] } {
  const included = timelineOrder(changeSets.filter((cs) => inView(cs, plan) && cs.effectiveKey <= at));
  const estate = new Estate();
  const problems = replay(estate, included);
  return { estate, problems };
}
