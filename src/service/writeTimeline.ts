/**
 * The one write path of the timeline: add plans and change sets, change statuses. In one
 * transaction under the write lock it validates the baseline from the earliest instant the
 * mutation affects, rebuilds the version index from there, validates the plans touched, and
 * writes — or writes nothing and lists every problem.
 */
import { ID_RULE, idSchema, TEXT_LIMITS } from '../model/objectSchemas.js';
import { VerbundError, type Problem } from '../model/errors.js';
import type { Kysely } from 'kysely';
import { insertChangeSets, listChangeSetHeaders, nextSeq, timelineToken, updateStatus, type ChangeSetHeader } from '../store/changeSetRepository.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/openStore.js';
import { insertPlans, listPlans } from '../store/planRepository.js';
import { countObjectsAtEnd, rebuildVersionsFrom, replaceVersions } from '../store/versionRepository.js';
import { objectRevision } from '../store/revisionRepository.js';
import { dependencyId } from '../model/dependency.js';
import { cycleMessage, dependencyCycles } from '../model/dependencyCycles.js';
import { isBaseline, type Change, type ChangeSet, type ChangeSetInput, type ChangeSetStatus } from '../timeline/changeSet.js';
import type { EstateAccess, StoredObject } from '../timeline/Estate.js';
import type { PlanInput } from '../timeline/plan.js';
import { END_OF_TIME, nowKey, tryParseInstant } from '../timeline/time.js';
import { replayView, type Replayed, type ReplayMode } from './replayView.js';
import { append } from '../util/append.js';
import { mark } from '../util/timing.js';

/** What one write does. */
export interface TimelineMutation {
  readonly plans?: readonly PlanInput[];
  readonly add?: readonly ChangeSetInput[];
  /** Status changes; with `revision`, only if the change set is still at that revision (If-Match). */
  readonly status?: readonly { readonly id: string; readonly to: ChangeSetStatus; readonly revision?: number | undefined }[];
  /** Objects that must still be at these revisions (If-Match of a per-object write). */
  readonly expect?: readonly { readonly id: string; readonly revision: number | '*' }[];
  /** Problems already found in the input (by a reader): reported with the rest, and nothing is written. */
  readonly problems?: readonly Problem[];
}

/** Who writes, and how to show each phase (validate, write) of a big write. */
export interface WriteOptions {
  readonly user: string;
  /**
   * False for a writer who may only change the future (a planner, see docs/api.md): a
   * baseline change set effective at or before now, or a status change that adds one to or
   * removes one from the baseline, is refused with FORBIDDEN. Default true (operators, the
   * command line, which has the database itself).
   */
  readonly mayChangePast?: boolean;
  readonly onPhase?: (phase: 'validate' | 'write', done: number, total: number) => void;
  /** Count the objects at the end of the baseline after the write (an import reports them). */
  readonly count?: boolean;
  /** How to replay the timeline (docs/design.md, "Writes"); the default chooses by size. */
  readonly replay?: ReplayMode;
}

/** What was written. */
export interface WriteResult {
  readonly added: readonly ChangeSetHeader[];
  /** With {@link WriteOptions.count}: the objects at the end of the baseline (0 if the write left the baseline as it was). */
  readonly objects: number;
  /** Legal but worth a look (dependency cycles an added change set makes or changes): said, not refused. */
  readonly warnings: readonly Problem[];
}

const transitions: Readonly<Record<ChangeSetStatus, readonly ChangeSetStatus[]>> = {
  proposed: ['scheduled', 'done', 'cancelled'],
  scheduled: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

/** What validating a mutation found: everything the write phase needs. */
interface Validated {
  readonly at: string;
  readonly added: ChangeSet[];
  readonly statusChanges: { header: ChangeSetHeader; to: ChangeSetStatus }[];
  readonly all: (ChangeSet | ChangeSetHeader)[];
  /** How the baseline was replayed, if the mutation changes it. */
  readonly replayed: Replayed | undefined;
  readonly warnings: Problem[];
}

/**
 * Applies a mutation of the timeline as one transaction; throws with every problem.
 *
 * Validation runs first without the write lock, against the timeline as it is (a refused
 * write never takes the lock, and a long validation never holds it); then, under the lock,
 * if the timeline is still the one validated (same {@link timelineToken}), the result is
 * written, and otherwise validation runs again under the lock. See docs/design.md, "Writes".
 */
export async function writeTimeline(store: Store, m: TimelineMutation, opts: WriteOptions): Promise<WriteResult> {
  const token = await timelineToken(store.db);
  const first = await validate(store.db, m, opts);
  mark('validate');
  return store.write(async (tx) => {
    mark('lock');
    const v = (await timelineToken(tx)) === token ? first : await validate(tx, m, opts);
    return apply(tx, store, m, opts, v);
  });
}

/** Checks a mutation against the timeline read through `tx`; throws with every problem. */
async function validate(tx: Kysely<Database>, m: TimelineMutation, opts: WriteOptions): Promise<Validated> {
  const at = nowKey();
  const headers = await listChangeSetHeaders(tx);
  const planIds = new Set((await listPlans(tx)).map((p) => p.id));
  const problems: Problem[] = [...(m.problems ?? [])];
  for (const e of m.expect ?? []) {
    const revision = await objectRevision(tx, e.id);
    // `*` (If-Match: *): any revision, as long as the object was ever written.
    if (e.revision === '*' ? revision === 0 : revision !== e.revision) problems.push({ code: 'PRECONDITION_FAILED', message: e.revision === '*' ? `"${e.id}" does not exist (If-Match: *)` : `"${e.id}" is at revision ${revision}, not ${e.revision}`, id: e.id });
  }

  for (const p of m.plans ?? []) {
    if (!idSchema.safeParse(p.id).success) problems.push({ code: 'INVALID_INPUT', message: `"${p.id}" is no valid plan id: ${ID_RULE}`, field: 'plans', id: p.id, ...originOf(p.origin) });
    if (planIds.has(p.id)) problems.push({ code: 'CONFLICT', message: `plan "${p.id}" already exists`, field: 'plans', id: p.id, ...originOf(p.origin) });
    for (const [field, max] of [['title', TEXT_LIMITS.short], ['notes', TEXT_LIMITS.notes]] as const) {
      const text = p[field];
      if (text !== undefined && text.length > max) problems.push({ code: 'INVALID_INPUT', message: `plan ${field} has ${text.length} characters; at most ${max}`, field: 'plans', id: p.id, ...originOf(p.origin) });
    }
    planIds.add(p.id);
  }

  const byId = new Map(headers.map((h) => [h.id, h]));
  let seq = await nextSeq(tx);
  const added: ChangeSet[] = [];
  for (const cs of m.add ?? []) {
    const where = { changeset: cs.id, ...originOf(cs.origin) };
    if (byId.has(cs.id)) {
      // Not replayed: in place of the stored one it would hide everything that one did, and
      // its own changes would be judged against a timeline that is not the real one.
      problems.push({ code: 'CONFLICT', message: `change set "${cs.id}" already exists`, ...where, field: 'id' });
      continue;
    }
    if (!idSchema.safeParse(cs.id).success) problems.push({ code: 'INVALID_INPUT', message: `"${cs.id}" is no valid change set id: ${ID_RULE}`, ...where, field: 'id' });
    for (const [field, max] of [['title', TEXT_LIMITS.short], ['author', TEXT_LIMITS.short], ['notes', TEXT_LIMITS.notes]] as const) {
      const text = cs[field];
      if (text !== undefined && text.length > max) problems.push({ code: 'INVALID_INPUT', message: `${field} has ${text.length} characters; at most ${max}`, ...where, field, ...pathTo(cs.origin, field) });
    }
    const key = tryParseInstant(cs.effective);
    if (typeof key !== 'string') problems.push({ code: 'INVALID_DATE', message: key.error, ...where, field: 'effective', ...pathTo(cs.origin, 'effective') });
    if (cs.status === 'proposed' && cs.plan === undefined) {
      problems.push({ code: 'INVALID_INPUT', message: 'a proposed change set belongs to a plan: give `plan`', ...where, field: 'plan' });
    }
    if (cs.plan !== undefined && !planIds.has(cs.plan)) {
      problems.push({ code: 'UNKNOWN_PLAN', message: `unknown plan "${cs.plan}"; declare it under plans:`, ...where, field: 'plan', ...pathTo(cs.origin, 'plan') });
    }
    const full: ChangeSet = { ...cs, seq: seq++, effectiveKey: typeof key === 'string' ? key : END_OF_TIME };
    byId.set(cs.id, { ...full, revision: 1 });
    added.push(full);
  }

  const statusChanges: { header: ChangeSetHeader; to: ChangeSetStatus }[] = [];
  for (const s of m.status ?? []) {
    const h = byId.get(s.id);
    if (!h) {
      problems.push({ code: 'UNKNOWN_CHANGESET', message: `no change set "${s.id}"`, changeset: s.id });
      continue;
    }
    // Checked under the write lock: two writers holding the same revision cannot both win.
    if (s.revision !== undefined && h.revision !== s.revision) {
      problems.push({ code: 'PRECONDITION_FAILED', message: `change set "${s.id}" is at revision ${h.revision}, not ${s.revision}`, changeset: s.id });
      continue;
    }
    if (h.status === s.to) continue;
    if (!transitions[h.status].includes(s.to)) {
      problems.push({ code: 'INVALID_TRANSITION', message: `a ${h.status} change set cannot become ${s.to}`, changeset: s.id, field: 'status' });
      continue;
    }
    statusChanges.push({ header: h, to: s.to });
    byId.set(h.id, { ...h, status: s.to });
  }
  if (opts.mayChangePast === false) {
    // Authorization, not validation: refused before the replay, with every offending change set.
    const denied = pastWrites(added, statusChanges, at);
    if (denied.length) throw new VerbundError('FORBIDDEN', `only an operator may change the estate at or before now; ${denied.length} change set${denied.length === 1 ? '' : 's'} would`, denied);
  }
  // Header problems do not stop here: the changes are still validated, so that one run
  // lists every problem of the input.

  // The earliest instant whose baseline changes: everything from there is replayed.
  const baselineTouched = [
    ...added.filter((cs) => isBaseline(cs.status)),
    ...statusChanges.filter((s) => isBaseline(s.header.status) !== isBaseline(s.to)).map((s) => s.header),
  ];
  const all = [...byId.values()].map((h) => added.find((a) => a.seq === h.seq && a.id === h.id) ?? h);
  const isAdded = new Set<ChangeSetInput>(added);
  const total = added.reduce((n, cs) => n + cs.changes.length, 0);
  const warnings: Problem[] = [];
  let replayed: Replayed | undefined;
  if (baselineTouched.length) {
    const view = await replayView(
      tx,
      {
        before: headers.filter((h) => isBaseline(h.status)),
        after: all.filter((h) => isBaseline(h.status)),
        from: baselineTouched.reduce((min, h) => (h.effectiveKey < min ? h.effectiveKey : min), END_OF_TIME),
        warn: (cs, estate) => (isAdded.has(cs) ? cycleWarnings(cs, estate) : []),
        onApplied: (done) => opts.onPhase?.('validate', Math.min(done, total), total),
      },
      { mode: opts.replay, changes: total, rows: true },
    );
    replayed = view.replayed;
    append(problems, view.problems);
    append(warnings, view.warnings);
  }
  if (problems.length) throw failure(problems);
  return { at, added, statusChanges, all, replayed, warnings };
}

/** Writes a validated mutation under the write lock, then re-validates the plans it touched. */
async function apply(tx: Kysely<Database>, store: Store, m: TimelineMutation, opts: WriteOptions, v: Validated): Promise<WriteResult> {
  const { at, added, statusChanges, all, replayed, warnings } = v;
  await insertPlans(tx, m.plans ?? [], opts.user, at);
  await insertChangeSets(tx, added, opts.user, at, store.insert);
  mark('write change sets');
  for (const s of statusChanges) await updateStatus(tx, s.header.seq, s.header.status, s.to, opts.user, at);
  let objects = 0;
  if (replayed?.how === 'full') {
    opts.onPhase?.('write', 0, replayed.builder.rows.length);
    await rebuildVersionsFrom(tx, replayed.from, replayed.builder, store.insert);
    opts.onPhase?.('write', replayed.builder.rows.length, replayed.builder.rows.length);
    if (opts.count) objects = replayed.objects;
  } else if (replayed) {
    await replaceVersions(tx, replayed.replaced, replayed.written, store.insert);
    if (opts.count) objects = await countObjectsAtEnd(tx);
  }
  mark('write versions');

  // Every plan the mutation touched must still give a valid estate.
  const isAdded = new Set<ChangeSetInput>(added);
  const plans = new Set<string>();
  for (const cs of added) if (cs.status === 'proposed' && cs.plan) plans.add(cs.plan);
  for (const s of statusChanges) if (s.to === 'proposed' && s.header.plan) plans.add(s.header.plan);
  for (const plan of plans) {
    const sets = all.filter((h) => isBaseline(h.status) || (h.status === 'proposed' && h.plan === plan));
    const proposed = sets.filter((h) => h.status === 'proposed');
    const view = await replayView(
      tx,
      {
        before: all.filter((h) => isBaseline(h.status)),
        after: sets,
        from: proposed.reduce((min, h) => (h.effectiveKey < min ? h.effectiveKey : min), END_OF_TIME),
        warn: (cs, estate) => (cs.status === 'proposed' && isAdded.has(cs) ? cycleWarnings(cs, estate) : []),
      },
      { mode: opts.replay, changes: proposed.reduce((n, h) => n + ('changes' in h ? h.changes.length : 0), 0), rows: false },
    );
    if (view.problems.length) throw failure(view.problems.map((p) => ({ ...p, message: `in plan ${plan}: ${p.message}` })));
    append(warnings, view.warnings);
  }

  return { added: added.map((cs) => ({ ...cs, revision: 1, recordedBy: opts.user, recordedAt: at })), objects, warnings };
}

/**
 * The change sets of a write that would change the baseline at or before `now`: new done or
 * scheduled ones effective then, and status changes into or out of the baseline (accepting,
 * cancelling a scheduled one) of change sets effective then. Proposed change sets may lie in
 * the past: they change nothing until someone accepts them.
 */
function pastWrites(added: readonly ChangeSet[], statusChanges: readonly { header: ChangeSetHeader; to: ChangeSetStatus }[], now: string): Problem[] {
  const out: Problem[] = [];
  const refuse = (id: string, key: string, what: string): void => {
    out.push({ code: 'FORBIDDEN', message: `${what} is effective ${key.slice(0, 10)}, not after now: only an operator may change the present or the past (schedule it later, or propose it in a plan)`, changeset: id, field: 'effective' });
  };
  for (const cs of added) if (isBaseline(cs.status) && cs.effectiveKey <= now) refuse(cs.id, cs.effectiveKey, `a ${cs.status} change set`);
  for (const s of statusChanges) {
    if (isBaseline(s.header.status) !== isBaseline(s.to) && s.header.effectiveKey <= now) refuse(s.header.id, s.header.effectiveKey, `making this ${s.header.status} change set ${s.to}`);
  }
  return out;
}

/**
 * The dependency cycles through the applications whose `depends_on` an added change set
 * writes (created, or updated with `depends_on`), in the estate right after it: legal, but
 * worth a warning. Only reads the estate.
 */
function cycleWarnings(cs: ChangeSet, estate: EstateAccess): Problem[] {
  const written = new Map<string, Change>();
  for (const c of cs.changes) if (c.op === 'create' ? c.fields.kind === 'application' : c.op === 'update' && 'depends_on' in c.fields) written.set(c.id, c);
  if (!written.size) return [];
  return dependencyCycles(reachableApplications(estate, written.keys()), written.keys()).map((cycle) => {
    const at = written.get(cycle.applications.find((id) => written.has(id))!)!;
    return {
      code: 'INVALID_ESTATE',
      message: cycleMessage(cycle),
      changeset: cs.id,
      id: at.id,
      field: 'depends_on',
      ...originOf(at.origin ?? cs.origin),
      ...pathTo(at.origin, 'depends_on'),
    };
  });
}

function failure(problems: Problem[]): VerbundError {
  const code = problems.every((p) => p.code === problems[0]!.code) ? problems[0]!.code : 'INVALID_ESTATE';
  return new VerbundError(code, `${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written`, problems);
}

function originOf(origin: ChangeSetInput['origin']): Partial<Problem> {
  return origin ? { ...(origin.file !== undefined && { file: origin.file }), ...(origin.path && { path: origin.path }), ...(origin.row !== undefined && { row: origin.row }) } : {};
}

function pathTo(origin: ChangeSetInput['origin'], field: string): Partial<Problem> {
  return origin?.path ? { path: [...origin.path, field] } : {};
}

/**
 * The applications reachable over `depends_on` from some ids: every cycle through them lies
 * here. Walking from them, not over the whole estate, keeps an import of many change sets
 * linear.
 */
function reachableApplications(estate: EstateAccess, from: Iterable<string>): StoredObject[] {
  const out = new Map<string, StoredObject>();
  const todo = [...from];
  while (todo.length) {
    const id = todo.pop()!;
    const o = estate.get(id);
    if (out.has(id) || o?.kind !== 'application') continue;
    out.set(id, o);
    for (const d of o.depends_on ?? []) todo.push(dependencyId(d));
  }
  return [...out.values()];
}
