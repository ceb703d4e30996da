/**
 * The incremental replay of a write (docs/design.md, "Writes"): what a full replay of the
 * timeline from the earliest instant a write changes would find, computed from what the
 * write changes only.
 *
 * The stored timeline was valid when it was written (every write validated it), so a
 * stored change set comes out of the new timeline exactly as it did before — same
 * versions, no problem — unless the estate it reads differs. It reads the objects it
 * changes, the objects its versions reference, and who references those; so it is applied
 * anew (by applyChangeSet, the one validator) only if one of them differs between the two
 * timelines at its instant, or is referenced by one that differs. New change sets are always
 * applied; change sets that leave the view give back their objects as they were before them.
 * The objects that differ are followed from change set to change set (StoreView): once none
 * differs, the rest of the stored timeline stands as it is.
 */
import type { Kysely } from 'kysely';
import type { Problem } from '../model/errors.js';
import { loadChanges, type ChangeSetHeader } from '../store/changeSetRepository.js';
import type { Database } from '../store/schema.js';
import { changeSetTouches, readVersionIdsOf, type ChangeSetVersions } from '../store/versionRepository.js';
import { applyChangeSet, type ApplyResult } from '../timeline/applyChangeSet.js';
import { timelineOrder, type ChangeSet } from '../timeline/changeSet.js';
import type { EstateAccess } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';
import { append } from '../util/append.js';
import { StoreView } from './StoreView.js';

/** What to replay: one view of the timeline (the baseline, or the baseline with a plan) before and after a write. */
export interface DifferenceInput {
  /** The view's change sets as stored (their versions are in the store). */
  readonly before: readonly (ChangeSetHeader | ChangeSet)[];
  /** The view's change sets after the write; those not in the store yet carry their changes. */
  readonly after: readonly (ChangeSetHeader | ChangeSet)[];
  /** The earliest instant the write changes: nothing before it differs. */
  readonly from: TimeKey;
  /**
   * Warnings about a change set applied anew, read from the estate right after it (it may
   * only read). Called once per change set that is applied.
   */
  readonly warn?: (cs: ChangeSet, estate: EstateAccess) => readonly Problem[];
  /** How many changes it may apply before it gives up (a full replay is cheaper then). */
  readonly budget: number;
  readonly onApplied?: (done: number) => void;
}

/** What the replay found, and the versions to write. */
export interface DifferenceResult {
  readonly problems: Problem[];
  readonly warnings: Problem[];
  /** Stored change sets whose stored versions go: applied anew, or no longer in the view. */
  readonly replaced: number[];
  /** The versions of every change set applied anew. */
  readonly written: ChangeSetVersions[];
  /** How many changes were applied (anew). */
  applied: number;
}

/** A change set of either timeline, with what the write does to it. */
interface Step {
  readonly header: ChangeSetHeader | ChangeSet;
  /** stored: in both timelines; added: only in the new one; dropped: only in the stored one. */
  readonly role: 'stored' | 'added' | 'dropped';
}

/**
 * Replays the difference between two forms of a view; undefined if that would apply more
 * than `budget` changes (the caller replays in full instead).
 */
export async function replayDifference(db: Kysely<Database>, input: DifferenceInput): Promise<DifferenceResult | undefined> {
  const steps = stepsOf(input);
  const view = new StoreView(db);
  const out: DifferenceResult = { problems: [], warnings: [], replaced: [], written: [], applied: 0 };
  // The last step that is not a stored change set: after it, once nothing differs, the rest stands.
  let lastChange = -1;
  steps.forEach((s, i) => s.role !== 'stored' && (lastChange = i));
  for (let i = 0; i < steps.length; i++) {
    const { header, role } = steps[i]!;
    if (role === 'stored' && view.same) {
      if (i > lastChange) break;
      continue;
    }
    view.position = { key: header.effectiveKey, seq: header.seq };
    const after = { key: header.effectiveKey, seq: header.seq + 1 };
    if (role === 'dropped') {
      // Its objects are in the new timeline as they were before it.
      const ids = await readVersionIdsOf(db, header.seq);
      await view.load(ids);
      view.settle(ids, after);
      out.replaced.push(header.seq);
      continue;
    }
    if (role === 'stored' && !(await changeSetTouches(db, header.seq, view.differing()))) continue;
    const cs = 'changes' in header ? header : await storedChangeSet(db, header, input.budget - out.applied);
    if (!cs || out.applied + cs.changes.length > input.budget) return undefined;
    const r = await apply(view, cs);
    append(out.problems, r.problems);
    if (input.warn) append(out.warnings, await readOnly(view, () => input.warn!(cs, view)));
    const storedIds = role === 'stored' ? await readVersionIdsOf(db, cs.seq) : [];
    await view.load(storedIds);
    view.settle(new Set([...view.written().keys(), ...storedIds]), role === 'stored' ? after : { key: cs.effectiveKey, seq: cs.seq });
    if (role === 'stored') out.replaced.push(cs.seq);
    out.written.push({ cs, versions: r.versions });
    out.applied += cs.changes.length;
    input.onApplied?.(out.applied);
  }
  return out;
}

/** Both timelines' change sets from `from` on, in timeline order, each with its role. */
function stepsOf(input: DifferenceInput): Step[] {
  const before = new Map(input.before.filter((h) => h.effectiveKey >= input.from).map((h) => [h.seq, h]));
  const after = input.after.filter((h) => h.effectiveKey >= input.from);
  const steps: Step[] = after.map((h) => ({ header: h, role: before.has(h.seq) ? 'stored' : 'added' }));
  const kept = new Set(after.map((h) => h.seq));
  for (const h of before.values()) if (!kept.has(h.seq)) steps.push({ header: h, role: 'dropped' });
  const order = timelineOrder(steps.map((s) => s.header));
  const byHeader = new Map(steps.map((s) => [s.header, s]));
  return order.map((h) => byHeader.get(h)!);
}

/** A stored change set with its changes; undefined if it has more than `most` (nothing is loaded then). */
async function storedChangeSet(db: Kysely<Database>, header: ChangeSetHeader, most: number): Promise<ChangeSet | undefined> {
  const count = await db
    .selectFrom('change')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('changeset_seq', '=', header.seq)
    .executeTakeFirst();
  if (Number(count?.n ?? 0) > most) return undefined;
  const changes = (await loadChanges(db, [header.seq])).get(header.seq) ?? [];
  return { ...header, changes };
}

/**
 * Applies a change set to the view: first with what its changes name loaded, then again
 * with whatever the attempt missed, until an attempt misses nothing.
 */
async function apply(view: StoreView, cs: ChangeSet): Promise<ApplyResult> {
  const named = new Set<string>();
  for (const c of cs.changes) {
    named.add(c.id);
    // A risk group's members: the members are read too.
    const members = c.op === 'delete' ? undefined : c.fields.members;
    if (Array.isArray(members)) for (const m of members) if (typeof m === 'string') named.add(m);
  }
  await view.load(named);
  for (;;) {
    view.begin();
    let r: ApplyResult | undefined;
    try {
      r = applyChangeSet(view, cs);
    } catch (e) {
      // A guess (an object not loaded yet) can lead anywhere; only a real attempt may throw.
      if (!view.missed) throw e;
    }
    if (!view.missed) return r!;
    await view.loadMissed();
  }
}

/** Runs a read of the view (after a change set) until it misses nothing. */
async function readOnly<T>(view: StoreView, read: () => T): Promise<T> {
  for (;;) {
    view.forget();
    let r: T | undefined;
    try {
      r = read();
    } catch (e) {
      if (!view.missed) throw e;
    }
    if (!view.missed) return r!;
    await view.loadMissed();
  }
}
