/**
 * Reading the estate of a view (the baseline, or the baseline overlaid with a plan) at an
 * instant. The baseline comes straight from the version index; a plan replays its proposed
 * change sets, interleaved with the baseline's, from its earliest one.
 */
import type { Kysely } from 'kysely';
import { VerbundError, type Problem } from '../model/errors.js';
import { loadChanges, type ChangeSetHeader } from '../store/changeSetRepository.js';
import type { Database } from '../store/schema.js';
import { readObjectsAt, readObjectsBefore } from '../store/versionRepository.js';
import { isBaseline, timelineOrder, type ChangeSet } from '../timeline/changeSet.js';
import { Estate } from '../timeline/Estate.js';
import type { VersionSink } from '../timeline/replay.js';
import type { TimeKey } from '../timeline/time.js';

/** An estate of a view, with the problems the view has (a plan can be broken by a later baseline change). */
export interface ViewResult {
  readonly estate: Estate;
  readonly problems: Problem[];
}

/** Throws UNKNOWN_PLAN unless the plan exists. */
export function requirePlan(planIds: readonly string[], plan: string | undefined): void {
  if (plan !== undefined && !planIds.includes(plan)) {
    throw new VerbundError('UNKNOWN_PLAN', `no plan "${plan}"${planIds.length ? `; plans are ${planIds.join(', ')}` : '; there are no plans'}`);
  }
}

/** The estate at `at` in the baseline, or overlaid with `plan`. */
export async function readView(db: Kysely<Database>, headers: readonly ChangeSetHeader[], at: TimeKey, plan?: string, sink?: VersionSink): Promise<ViewResult> {
  const planSets = plan === undefined ? [] : headers.filter((h) => h.status === 'proposed' && h.plan === plan && h.effectiveKey <= at);
  if (planSets.length === 0 && !sink) return { estate: new Estate(await readObjectsAt(db, at)), problems: [] };
  const from = planSets.reduce((m, h) => (h.effectiveKey < m ? h.effectiveKey : m), planSets[0]?.effectiveKey ?? at);
  return replayFrom(db, headers.filter((h) => isBaseline(h.status) || planSets.includes(h)), from, at, sink);
}

/**
 * Replays the given change sets with `from <= effective <= to` over the baseline estate
 * just before `from`.
 */
export async function replayFrom(
  db: Kysely<Database>,
  sets: readonly (ChangeSetHeader | ChangeSet)[],
  from: TimeKey,
  to: TimeKey,
  sink?: VersionSink,
  onApplied?: (done: number) => void,
): Promise<ViewResult> {
  const estate = new Estate(await readObjectsBefore(db, from));
  const selected = timelineOrder(sets.filter((h) => h.effectiveKey >= from && h.effectiveKey <= to));
  const stored = selected.filter((h) => !('changes' in h)).map((h) => h.seq);
  const changes = await loadChanges(db, stored);
  const full = selected.map((h): ChangeSet => ('changes' in h ? (h as ChangeSet) : { ...h, changes: changes.get(h.seq) ?? [] }));
  // The validator is loaded on first replay only: reading the baseline never needs it.
  const { replay } = await import('../timeline/replay.js');
  const problems = replay(estate, full, sink, onApplied);
  return { estate, problems };
}
