/**
 * The use cases of the estate and its timeline: the only API the CLI and the server call.
 */
import { sql } from 'kysely';
import { VerbundError, type Problem } from '../model/errors.js';
import { kinds, type Kind } from '../model/kinds.js';
import { listChangeSetHeaders, loadChanges, type ChangeSetHeader } from '../store/changeSetRepository.js';
import type { Store } from '../store/openStore.js';
import { listPlans, type Plan } from '../store/planRepository.js';
import { countVersions, readChangedBetween, readHistory, readObjectAt, readObjectsByIdAt, type VersionRow } from '../store/versionRepository.js';
import { objectRevision, readObjectWithRevision } from '../store/revisionRepository.js';
import { readVersionsOfKind } from '../store/readVersionsOfKind.js';
import { inView, type ChangeSet, type ChangeSetInput, type ChangeSetStatus } from '../timeline/changeSet.js';
import type { Estate, StoredObject } from '../timeline/Estate.js';
import { BEGINNING_OF_TIME, nowKey, parseInstant, type TimeKey } from '../timeline/time.js';
import type { EstateDocument } from '../interop/estateDocument.js';
import { readView, requirePlan } from './readView.js';
import type { TimelineMutation, WriteOptions, WriteResult } from './writeTimeline.js';
import type { ReplayMode } from './replayView.js';
import { append } from '../util/append.js';
// The view and the diff are the API's contract: declared in src/contracts. The service's
// diff lists the stored change-set headers; the API presents them (plan null, overdue).
import type { EstateDiff as DiffOf, FieldDiff, ViewQuery as ViewOptions } from '../contracts/index.js';
export type { FieldDiff, ViewOptions };
import { english } from './serverTexts.js';

/** What changed between two instants. */
export type EstateDiff = DiffOf<ChangeSetHeader>;

/** Options of an import. */
export interface ImportOptions extends Pick<WriteOptions, 'onPhase'> {
  /** Effective instant of the initial change set (overrides the file's). */
  readonly effective?: string | undefined;
  /** Id of the initial change set (overrides the file's). */
  readonly changeset?: string | undefined;
}

/** How an EstateService writes. */
export interface EstateServiceOptions {
  /**
   * False for a writer who may change only the future (a planner): see
   * {@link WriteOptions.mayChangePast}. Default true.
   */
  readonly mayChangePast?: boolean;
  /** How writes replay the timeline (see {@link WriteOptions.replay}): by default chosen by size; the tests compare the ways. */
  readonly replay?: ReplayMode;
  /** Writes in another thread (the server's TimelineWriter) instead of this one. */
  readonly writer?: OffThreadWriter;
}

/** A thread that writes for the service: the server's TimelineWriter. */
export interface OffThreadWriter {
  /** Writes a mutation (writeTimeline) there. */
  write(m: TimelineMutation, opts: WriteOptions): Promise<WriteResult>;
  /** Reads an estate file into change sets there and writes them: an import with `importOptions`, else change sets to add. */
  writeFile(file: unknown, opts: WriteOptions, importOptions?: ImportOptions): Promise<WriteResult>;
}

/** Use cases over one store, on behalf of one user. */
export class EstateService {
  constructor(
    readonly store: Store,
    readonly user: string,
    private readonly opts: EstateServiceOptions = {},
  ) {}

  /**
   * Imports an estate file given as parsed JSON (what the API receives): read into a
   * document (toEstateDocument, every reader problem kept) and written as
   * {@link importDocument} — both in the writer's thread when there is one, so that a big
   * file is neither read nor replayed on the caller's.
   */
  async importFile(file: unknown, opts: ImportOptions = {}): Promise<WriteResult> {
    if (this.opts.writer) return this.opts.writer.writeFile(file, this.writeOptions(), opts);
    const { toEstateDocument } = await import('../interop/toEstateDocument.js');
    const { doc, problems } = toEstateDocument(file);
    return this.importDocument(doc, opts, problems);
  }

  /** Adds the change sets (and plans) of a file given as parsed JSON, as {@link importFile} does an import. */
  async addChangeSetsFile(file: unknown): Promise<WriteResult> {
    if (this.opts.writer) return this.opts.writer.writeFile(file, this.writeOptions());
    const { toEstateDocument } = await import('../interop/toEstateDocument.js');
    const { doc, problems } = toEstateDocument(file);
    return this.addChangeSets(doc, problems);
  }

  /** Writes a document as one transaction: plans, the initial change set, the change sets. */
  async importDocument(doc: EstateDocument, opts: ImportOptions = {}, problems: readonly Problem[] = []): Promise<WriteResult> {
    const add: ChangeSetInput[] = [];
    if (doc.objects.length) {
      const initial = doc.initial ?? {};
      add.push({
        id: opts.changeset ?? initial.id ?? 'initial',
        title: initial.title ?? english('estate.initial', {}),
        effective: opts.effective ?? initial.effective ?? BEGINNING_OF_TIME,
        status: 'done',
        ...(initial.author !== undefined && { author: initial.author }),
        ...(initial.notes !== undefined && { notes: initial.notes }),
        changes: doc.objects,
        ...(initial.origin && { origin: initial.origin }),
      });
    }
    append(add, doc.changesets);
    await this.refuseTakenIds(add, doc.objects.length > 0 ? add[0]!.id : undefined);
    return this.write({ plans: doc.plans, add, problems }, { count: true, ...(opts.onPhase && { onPhase: opts.onPhase }) });
  }

  /**
   * Refuses, before anything is validated, change sets whose ids are taken: re-importing a
   * file (or an export) into a non-empty estate is a mistake to name at once, not after
   * replaying the whole timeline. Change sets are never deleted, so a taken id stays taken
   * until the write. `initial`: the id of the change set of the top-level objects.
   */
  private async refuseTakenIds(add: readonly ChangeSetInput[], initial: string | undefined): Promise<void> {
    const taken = new Set((await listChangeSetHeaders(this.store.db)).map((h) => h.id));
    const problems: Problem[] = add
      .filter((cs) => taken.has(cs.id))
      .map((cs) => ({
        code: 'CONFLICT',
        message:
          cs.id === initial
            ? `change set "${cs.id}" already exists: the top-level objects of the file form one change set, and this estate has one by that id; to add them, give them a new change set with --changeset ID (and --effective DATE)`
            : `change set "${cs.id}" already exists`,
        changeset: cs.id,
        field: 'id',
        ...(cs.origin?.file !== undefined && { file: cs.origin.file }),
        ...(cs.origin?.path && { path: cs.origin.path }),
      }));
    if (problems.length) throw new VerbundError('CONFLICT', `${problems.length} change set id${problems.length === 1 ? ' is' : 's are'} taken; nothing was written`, problems);
  }

  /** Adds change sets (and plans) as one transaction; `expect`: objects that must still be at these revisions. */
  addChangeSets(doc: Pick<EstateDocument, 'plans' | 'changesets'>, problems: readonly Problem[] = [], expect?: TimelineMutation['expect']): Promise<WriteResult> {
    return this.write({ plans: doc.plans, add: doc.changesets, problems, ...(expect && { expect }) }, {});
  }

  /** One object in a view with its revision (see {@link objectRevision}); NOT_FOUND as {@link get}. */
  async getRevised(id: string, view: ViewOptions = {}): Promise<{ object: StoredObject; revision: number }> {
    if (view.plan === undefined) {
      const r = await readObjectWithRevision(this.store.db, id, this.instant(view.at));
      if (r) return r;
    }
    // A plan view (or the NOT_FOUND message) goes the long way.
    return { object: await this.get(id, view), revision: await this.objectRevision(id) };
  }

  /** How many object versions the store holds, all dates (what decides where a large estate is read). */
  storedVersions(): Promise<number> {
    return countVersions(this.store.db);
  }

  /** Resolves if the database answers (readiness of a server). */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.store.db);
  }

  /** The revision of an object: the recording number of the last change set that touched it (0: none). */
  objectRevision(id: string): Promise<number> {
    return objectRevision(this.store.db, id);
  }

  /** Changes the status of change sets (accept, mark done, cancel) as one transaction. */
  setStatus(changes: NonNullable<TimelineMutation['status']>): Promise<WriteResult> {
    return this.write({ status: changes }, {});
  }

  /** Writes through the timeline's one write path (loaded on first write), in this thread or the writer's. */
  private async write(m: TimelineMutation, opts: Partial<WriteOptions>): Promise<WriteResult> {
    const all = { ...this.writeOptions(), ...opts };
    if (this.opts.writer) return this.opts.writer.write(m, all);
    const { writeTimeline } = await import('./writeTimeline.js');
    return writeTimeline(this.store, m, all);
  }

  /** How this service writes: as its user, with its rights and replay. */
  private writeOptions(): WriteOptions {
    return { user: this.user, mayChangePast: this.opts.mayChangePast ?? true, replay: this.opts.replay ?? 'auto' };
  }

  /** The instant of a view: parsed `at`, default now. */
  instant(at: string | undefined): TimeKey {
    return at === undefined ? nowKey() : parseInstant(at, 'at');
  }

  /** The whole estate of a view, with problems of a broken plan. */
  async estate(view: ViewOptions = {}): Promise<{ at: TimeKey; estate: Estate; problems: Problem[] }> {
    const at = this.instant(view.at);
    const headers = await listChangeSetHeaders(this.store.db);
    if (view.plan !== undefined) requirePlan((await listPlans(this.store.db)).map((p) => p.id), view.plan);
    const r = await readView(this.store.db, headers, at, view.plan);
    return { at, ...r };
  }

  /** Objects of one kind (or all kinds) in a view, sorted by id. */
  async list(kind: Kind | undefined, view: ViewOptions = {}): Promise<StoredObject[]> {
    const { estate } = await this.estate(view);
    return [...estate.values()].filter((o) => kind === undefined || o.kind === kind).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** One object in a view; NOT_FOUND if it does not exist then. */
  async get(id: string, view: ViewOptions = {}): Promise<StoredObject> {
    const at = this.instant(view.at);
    // The baseline answers from the version index alone: one indexed row, no estate load.
    const o = view.plan === undefined ? await readObjectAt(this.store.db, id, at) : (await this.estate(view)).estate.get(id);
    if (!o) throw new VerbundError('NOT_FOUND', `no object "${id}" at ${at.slice(0, 10)}${view.plan ? ` in plan ${view.plan}` : ''}`);
    return o;
  }

  /** The baseline objects among `ids` at an instant (default now), from the version index: no estate is read. */
  async baselineObjects(ids: readonly string[], at?: string): Promise<StoredObject[]> {
    return readObjectsByIdAt(this.store.db, ids, this.instant(at));
  }

  /** Every baseline version of one object, plus the proposed changes of plans that touch it. */
  async history(id: string): Promise<{ versions: VersionRow[]; proposed: { changeset: ChangeSetHeader; op: string }[] }> {
    const versions = await readHistory(this.store.db, id);
    const headers = await listChangeSetHeaders(this.store.db);
    const proposedSets = headers.filter((h) => h.status === 'proposed');
    const changes = await loadChanges(this.store.db, proposedSets.map((h) => h.seq));
    const proposed = proposedSets.flatMap((h) => (changes.get(h.seq) ?? []).filter((c) => c.id === id).map((c) => ({ changeset: h, op: c.op })));
    if (!versions.length && !proposed.length) throw new VerbundError('NOT_FOUND', `no object "${id}" in the history`);
    return { versions, proposed };
  }

  /** The baseline versions of every object of these kinds across all time, with the object (null: deleted). */
  async versionsOfKinds(of: readonly Kind[]): Promise<{ id: string; validFrom: TimeKey; validTo: TimeKey; object: StoredObject | null }[]> {
    const out = [];
    for (const kind of of) for (const v of await readVersionsOfKind(this.store.db, kind)) out.push({ id: v.id, validFrom: v.validFrom, validTo: v.validTo, object: v.data === null ? null : (JSON.parse(v.data) as StoredObject) });
    return out;
  }

  /**
   * What changed between two instants of a view. The baseline's (and a plan's before its
   * first proposed change set) comes from the version index: only the objects a version of
   * which starts in between are read. A plan's view is replayed at both instants and compared.
   */
  async diff(fromAt: string, toAt: string, plan?: string): Promise<EstateDiff> {
    const [from, to] = [this.instant(fromAt), this.instant(toAt)];
    const headers = await listChangeSetHeaders(this.store.db);
    if (plan !== undefined) requirePlan((await listPlans(this.store.db)).map((p) => p.id), plan);
    const changesets = headers.filter((h) => h.effectiveKey > from && h.effectiveKey <= to && inView(h, plan)).sort((x, y) => (x.effectiveKey < y.effectiveKey ? -1 : x.effectiveKey > y.effectiveKey ? 1 : x.seq - y.seq));
    // A plan's proposed change sets on or before either instant make its view differ from the baseline's.
    const last = from > to ? from : to;
    const overlaid = plan !== undefined && headers.some((h) => h.status === 'proposed' && h.plan === plan && h.effectiveKey <= last);
    const pairs = overlaid ? await this.comparedViews(from, to, plan) : await readChangedBetween(this.store.db, from, to);
    const added: StoredObject[] = [];
    const removed: StoredObject[] = [];
    const changed: EstateDiff['changed'] = [];
    for (const { before, after } of pairs) {
      if (after && !before) added.push(after);
      else if (before && !after) removed.push(before);
      else if (before && after) {
        const fields = diffFields(before, after);
        if (fields.length) changed.push({ id: after.id, kind: after.kind, fields });
      }
    }
    const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : 1);
    return { from, to, changesets, added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) };
  }

  /** Every object of a plan's view at either instant, as it is at each. */
  private async comparedViews(from: TimeKey, to: TimeKey, plan: string): Promise<{ before?: StoredObject; after?: StoredObject }[]> {
    const [a, b] = [(await this.estate({ at: from, plan })).estate, (await this.estate({ at: to, plan })).estate];
    const pairs: { before?: StoredObject; after?: StoredObject }[] = [];
    for (const o of b.values()) pairs.push({ after: o, ...(a.has(o.id) && { before: a.get(o.id)! }) });
    for (const o of a.values()) if (!b.has(o.id)) pairs.push({ before: o });
    return pairs;
  }

  /**
   * The dates where a view changes (the baseline's change sets, and the plan's proposed ones)
   * in time order, each with how many of the view's change sets take effect then.
   */
  async timelineDates(plan?: string): Promise<{ at: TimeKey; changesets: number }[]> {
    if (plan !== undefined) requirePlan((await listPlans(this.store.db)).map((p) => p.id), plan);
    const counts = new Map<TimeKey, number>();
    for (const h of await listChangeSetHeaders(this.store.db)) if (inView(h, plan)) counts.set(h.effectiveKey, (counts.get(h.effectiveKey) ?? 0) + 1);
    return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([at, changesets]) => ({ at, changesets }));
  }

  /** Change set headers in recording order. */
  changeSets(): Promise<ChangeSetHeader[]> {
    return listChangeSetHeaders(this.store.db);
  }

  /**
   * Full change sets (with changes) in recording order; `which` picks the ones to load (the
   * changes of the others are never read: a `state` estate has 245,000 of them).
   */
  async changeSetsWithChanges(which?: (h: ChangeSetHeader) => boolean): Promise<(ChangeSetHeader & Pick<ChangeSet, 'changes'>)[]> {
    const headers = await listChangeSetHeaders(this.store.db);
    return this.withChanges(which ? headers.filter(which) : headers);
  }

  /** One change set with its changes; UNKNOWN_CHANGESET if there is none. */
  async changeSet(id: string): Promise<ChangeSetHeader & Pick<ChangeSet, 'changes'>> {
    const header = (await listChangeSetHeaders(this.store.db)).find((h) => h.id === id);
    if (!header) throw new VerbundError('UNKNOWN_CHANGESET', `no change set "${id}"`);
    return (await this.withChanges([header]))[0]!;
  }

  private async withChanges(headers: readonly ChangeSetHeader[]): Promise<(ChangeSetHeader & Pick<ChangeSet, 'changes'>)[]> {
    const changes = await loadChanges(this.store.db, headers.map((h) => h.seq));
    return headers.map((h) => ({ ...h, changes: changes.get(h.seq) ?? [] }));
  }

  /** Every plan. */
  plans(): Promise<Plan[]> {
    return listPlans(this.store.db);
  }

  /** Counts per kind at an instant, and the timeline's extent. */
  async summary(view: ViewOptions = {}): Promise<{ at: TimeKey; counts: Record<Kind, number>; changesets: Record<ChangeSetStatus, number>; plans: number; first?: TimeKey; last?: TimeKey }> {
    const { at, estate } = await this.estate(view);
    const counts = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<Kind, number>;
    for (const o of estate.values()) counts[o.kind]++;
    const headers = await listChangeSetHeaders(this.store.db);
    const changesets: Record<ChangeSetStatus, number> = { done: 0, scheduled: 0, proposed: 0, cancelled: 0 };
    for (const h of headers) changesets[h.status]++;
    const keys = headers.map((h) => h.effectiveKey).filter((k) => k !== BEGINNING_OF_TIME).sort();
    return { at, counts, changesets, plans: (await listPlans(this.store.db)).length, ...(keys.length && { first: keys[0]!, last: keys[keys.length - 1]! }) };
  }
}

function diffFields(a: Record<string, unknown>, b: Record<string, unknown>): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) out.push({ field, from: a[field], to: b[field] });
  }
  return out;
}
