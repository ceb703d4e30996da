/**
 * The analyses of docs/analysis.md as use cases: the estate of a view is read once per estate
 * version and cached (a snapshot); check, what-if, paths, availability and the timeline
 * check run on it through a runner — in this thread (the CLI) or in worker threads (the
 * API, docs/api.md "Heavy analyses"). Results are cached per estate version too; both caches
 * are LRUs bounded in bytes, so memory stays bounded however many versions are asked for.
 */
import { LRUCache } from 'lru-cache';
import { listChangeSetHeaders, type ChangeSetHeader } from '../store/changeSetRepository.js';
import type { ChangeSetVersion, EstateBytes } from '../store/readEstateBytes.js';
import type { TimeKey } from '../timeline/time.js';
import { inView, timelineOrder } from '../timeline/changeSet.js';
import { BSI_GEO_THRESHOLDS, type GeoThresholds } from '../engine/datacenterDistances.js';
import { VerbundError } from '../model/errors.js';
import { checkFailIds, mergeAvailability, type AvailabilityQuery, type AvailabilityResult, type PathsReport, type WhatIfReport } from './analyses.js';
import type { CheckQuery, CheckReport } from './checkReport.js';
import { inProcess, type AnalysisRunner, type ResultOf, type SnapshotTask } from './analysisTask.js';
import type { EstateService, ViewOptions } from './EstateService.js';
import { requirePlan } from './readView.js';
import { Snapshot } from './Snapshot.js';
import { timelineCheckReport, type TimelineCheckReport } from './timelineCheckReport.js';
import { timelineCheckSideBySide } from './timelineCheckSideBySide.js';
import { availabilityAgainstTargets, recoveryAgainstRestore, targetFlags, type TargetsReport } from './recoveryTargets.js';
import type { RestorePlanOptions } from './restorePlan.js';
import type { Scope } from './tenantScope.js';
import type { TimelineStep } from './walkTimeline.js';

export type { AvailabilityQuery, AvailabilityResult, ElementRefOut, PathEnd, PathsReport, ServiceRef, WhatIfReport } from './analyses.js';
export type { CheckQuery, CheckReport } from './checkReport.js';
export type { TimelineCheckReport, TimelineCheckStep } from './timelineCheckReport.js';
export { Snapshot } from './Snapshot.js';

/** A view, or the snapshot of one that the caller has already read (the API reads it to scope a tenant). */
export type AnalysisView = ViewOptions & { readonly snapshot?: Snapshot; readonly signal?: AbortSignal | undefined };

/** Where the analyses run and how much they may keep. */
export interface AnalysisServiceOptions {
  readonly runner?: AnalysisRunner;
  /** Bytes of estate snapshots kept (estimated); default 768 MiB. */
  readonly snapshotBytes?: number;
  /** Bytes of results kept (their JSON size); default 64 MiB. 0 keeps none (a command that asks once). */
  readonly resultBytes?: number;
  /**
   * Reads the baseline estate in another thread (the API over a SQLite file: see
   * readEstateOffThread), once the store holds at least `minRows` object versions (default
   * 50,000; below, a thread costs more than it saves and the estate is read here).
   */
  readonly offThread?: { read(at: TimeKey): Promise<EstateBytes>; readonly minRows?: number };
  /**
   * Threads the timeline check of a large view may use side by side, this one included
   * (timelineCheckSideBySide; the CLI: its runner is this thread). Default 1: the runner's.
   */
  readonly timelineThreads?: number;
  /** Services from which an availability answer releases the runner's threads; default {@link RELEASE_AFTER_SERVICES}. */
  readonly releaseAfterServices?: number;
}

/**
 * Services from which an availability answer lets the runner's threads go (AnalysisPool.release):
 * a municipality's few hundred do not, a whole state's 58,269 do.
 */
export const RELEASE_AFTER_SERVICES = 10_000;

/** Seconds the restore MIP of `check`'s targets may take per scenario. */
export const CHECK_RESTORE_SECONDS = 5;

/** The cache budgets' defaults (documented in docs/api.md). */
export const cacheDefaults = { snapshotBytes: 768 * 1024 ** 2, resultBytes: 64 * 1024 ** 2 } as const;

/** Analyses over the estate service's views. */
export class AnalysisService {
  private readonly runner: AnalysisRunner;
  private readonly snapshots: LRUCache<string, Snapshot>;
  private readonly results: LRUCache<string, Kept>;
  private readonly offThread: AnalysisServiceOptions['offThread'];
  /** False: results are not kept (measuring one costs a JSON encoding of it: seconds for a whole state-scale check). */
  private readonly keepResults: boolean;
  /** Snapshots being read, by key: requests that arrive meanwhile wait for the same read. */
  private readonly loading = new Map<string, Promise<Snapshot>>();
  /** The warm-up under way ({@link warm}): the key of the version it warms (once read), when the first thread is warm, its end. */
  private warmUp: { readonly key: Promise<string>; readonly first: Promise<void>; readonly done: Promise<void> } | null = null;
  /**
   * Where the warm-up is: `off` when there was none (tests, `serve --no-warm`); once warmed,
   * new threads are warmed again after a {@link AnalysisRunner.release} (`warming` meanwhile).
   */
  private warmth: 'off' | 'warming' | 'warm' | 'failed' = 'off';
  private readonly releaseAfterServices: number;
  private readonly timelineThreads: number;

  constructor(
    readonly estates: EstateService,
    opts: AnalysisServiceOptions = {},
  ) {
    this.runner = opts.runner ?? inProcess;
    this.offThread = opts.offThread;
    this.timelineThreads = opts.timelineThreads ?? 1;
    this.releaseAfterServices = opts.releaseAfterServices ?? RELEASE_AFTER_SERVICES;
    this.snapshots = new LRUCache({ maxSize: opts.snapshotBytes ?? cacheDefaults.snapshotBytes, sizeCalculation: (s) => Math.max(1, s.bytes()) });
    this.keepResults = opts.resultBytes !== 0;
    this.results = new LRUCache({ maxSize: opts.resultBytes || cacheDefaults.resultBytes, sizeCalculation: (r) => Math.max(1, 'json' in r ? r.json.length : JSON.stringify(r.value).length) });
  }

  /**
   * The snapshot of a view; cached per (estate instant, plan, timeline version). The estate
   * at T is the estate at the last instant <= T where the view changes: keyed by that, every
   * "now" (a new instant on every request) and every date between two changes share one
   * snapshot. `estate: false`: the caller only hands the snapshot to the worker threads, so
   * it need not wait until this thread has parsed the objects (see `offThread`).
   */
  async snapshot(view: ViewOptions = {}, opts: { estate?: boolean } = {}): Promise<Snapshot> {
    return this.snapshotOfVersion(await this.viewVersion(view), view.plan, opts);
  }

  /** The instant of a view and the key of its estate version (see {@link snapshot}). */
  private async viewVersion(view: ViewOptions): Promise<{ at: TimeKey; key: string; version: string }> {
    const at = this.estates.instant(view.at);
    const headers = await listChangeSetHeaders(this.estates.store.db);
    let last = '';
    for (const h of headers) if (h.effectiveKey <= at && h.effectiveKey > last && inView(h, view.plan)) last = h.effectiveKey;
    const version = versionOf(headers);
    return { at, key: `${last}|${view.plan ?? ''}|${version}`, version };
  }

  private async snapshotOfVersion({ at, key, version }: { at: TimeKey; key: string; version: string }, plan: string | undefined, opts: { estate?: boolean }): Promise<Snapshot> {
    let snap = this.snapshots.get(key);
    if (!snap) {
      let loading = this.loading.get(key);
      if (!loading) {
        this.loading.set(key, (loading = this.load(key, at, plan, version)));
        loading.then(
          (s) => this.snapshots.set(key, s),
          () => {},
        );
        loading.finally(() => this.loading.delete(key)).catch(() => {});
      }
      snap = await loading;
    }
    // Parsed in slices beside the requests (a no-op for a snapshot read in this thread) when
    // first needed: not while the analysis threads need the cores for a fresh version.
    if (opts.estate !== false) await snap.parsed();
    return snap.withAt(at);
  }

  /**
   * Warms the analyses of the baseline estate of now (`serve` at start, docs/api.md "Heavy
   * analyses"): reads it and has the runner decode it, project it and compute its whole-estate
   * verdicts wherever later questions run (on every thread of a pool), so that any question
   * about that version costs only its own report. A question about it asked meanwhile waits
   * until the first thread is warm and runs there (the others are still busy warming), instead
   * of doing that work a second time. Resolves once every thread is warm. One warm-up at a
   * time: a second call joins the first.
   */
  warm(): Promise<void> {
    if (this.warmUp) return this.warmUp.done;
    this.warmth = 'warming';
    let known!: (key: string) => void;
    const key = new Promise<string>((resolve) => (known = resolve));
    let firstWarm!: () => void;
    const first = new Promise<void>((resolve) => (firstWarm = resolve));
    const done = (async () => {
      const version = await this.viewVersion({});
      known(version.key);
      const copies = this.runner.everyThread(await this.snapshotOfVersion(version, undefined, { estate: false }), wholeCheck);
      for (const copy of copies) copy.then(firstWarm, () => {});
      await Promise.all(copies);
      this.warmth = 'warm';
    })().finally(() => {
      if (this.warmth === 'warming') this.warmth = 'failed';
      // Failed before the version was known, or on every thread: nobody waits any longer.
      known('');
      firstWarm();
      this.warmUp = null;
    });
    this.warmUp = { key, first, done };
    return done;
  }

  /** Whether the warm-up ({@link warm}) has finished and no new threads are being warmed: what `/healthz` says as `warm`. */
  get warmedUp(): boolean {
    return this.warmth === 'warm';
  }

  /** Reads a view's estate: off this thread when it can (the baseline of a large store). */
  private async load(key: string, at: TimeKey, plan: string | undefined, version: string): Promise<Snapshot> {
    if (this.offThread && plan === undefined && (await this.estates.storedVersions()) >= (this.offThread.minRows ?? 50_000)) {
      const read = await this.offThread.read(at);
      // A write between the two reads: the estate is not the key's, read it again here.
      if (formatVersion(read.changeSets) === version) return Snapshot.fromBytes(key, at, null, read, []);
    }
    const { estate, problems } = await this.estates.estate({ at, plan });
    return Snapshot.of(key, at, plan ?? null, estate, problems);
  }

  /**
   * Verdicts per service (survives, redundant, georedundant), the SPOF report with accepted
   * risks, data-center distances per application, and raw-network facts; filtered and paged
   * by `query`.
   */
  async check(view: AnalysisView & { georedundancy?: GeoThresholds | undefined } = {}, query: CheckQuery = {}): Promise<CheckReport> {
    return this.run(view, { op: 'check', query, georedundancy: view.georedundancy ?? BSI_GEO_THRESHOLDS });
  }

  /**
   * What fails when the given elements fail together. An id that does not exist in the view
   * at that instant (or that `view.visible` hides), or that is no failure element, is
   * refused with every such id named; a device or link out of service (retired) fails
   * nothing and comes back in `unresolved`.
   */
  async whatIf(ids: readonly string[], view: AnalysisView & { visible?: (id: string) => boolean } = {}): Promise<WhatIfReport> {
    if (ids.length === 0) throw new VerbundError('USAGE', 'name at least one element to fail (--fail ID)');
    const snap = await this.snapshotOf(view);
    await snap.parsed();
    // Checked here, where the visibility rule lives, before a thread is asked.
    checkFailIds(snap, ids, view.visible);
    const { visible: _v, ...rest } = view;
    return this.run({ ...rest, snapshot: snap }, { op: 'whatIf', fail: [...ids] });
  }

  /**
   * Two independent paths between two ends, or why none exist. An end is a device, a site
   * (where its users attach) or an application (its instances). Between a site and an
   * application the paths are those of the service and may share only its own site and
   * data-center sites, so that they agree with `check` (docs/analysis.md "paths"). `timeLimitMs` bounds the
   * exact search (default 10 s).
   */
  async paths(fromId: string, toId: string, view: AnalysisView & { timeLimitMs?: number } = {}): Promise<PathsReport> {
    return this.run(view, { op: 'paths', from: fromId, to: toId, timeLimitMs: view.timeLimitMs ?? 10_000 });
  }

  /**
   * Availability per service (optionally only some tenants, applications or sites). A large
   * set is split into as many parts as the runner has threads, computed side by side.
   */
  async availability(view: AnalysisView & AvailabilityQuery = {}): Promise<AvailabilityResult> {
    const { snapshot: _s, signal: _x, at: _a, plan: _p, ...query } = view;
    const snap = await this.snapshotOf(view);
    const cached = this.cached(snap, { op: 'availability', query });
    if (cached) return cached;
    // The services are known only in the thread that holds the projection: each part names
    // itself as "i of n" there.
    // `sources` counted over the services' regions must see all of them: one part then.
    const n = query.sourcesOf === 'services' ? 1 : this.runner.parallelism;
    await this.afterWarmUp(snap, view.signal);
    const parts = Array.from({ length: n }, (_, i) => this.runner.run(snap, { op: 'availability', query, ...(n > 1 && { part: [i, n] as const }) }, view.signal));
    const result = mergeAvailability(await Promise.all(parts));
    // The threads that computed this many services hold far more than their estate now.
    if (result.summary.services >= this.releaseAfterServices && this.runner.release) {
      this.runner.release();
      // A warmed server warms its new threads again (when nothing else ran meanwhile, the old
      // threads are gone by now and the warm-up goes to the new ones).
      if (this.warmth !== 'off') this.warm().catch(() => {});
    }
    return this.remember(snap, { op: 'availability', query }, result);
  }

  /**
   * The targets the estate cannot deliver at the view's date (docs/continuity.md, "In
   * check"): RTOs the restore order of the worst scenario misses (stage 1 of the MIP: the
   * missed deadlines, within `timeLimit` seconds per scenario) and availability targets the
   * topology does not reach, as the scope may see them. Null for a plan's view.
   */
  async targets(view: AnalysisView, scope: Scope, o: { scenario?: Partial<RestorePlanOptions> | undefined; timeLimit?: number | undefined } = {}): Promise<TargetsReport | null> {
    const snap = await this.snapshotOf(view);
    if (snap.plan !== null) return null;
    const key = `${snap.key}|${snap.at}|targets|${scope.tenant}|${JSON.stringify(o)}`;
    const hit = this.results.get(key);
    if (hit) return keptValue(hit) as TargetsReport;
    const nameOf = (id: string): string => (snap.estate.get(id)?.name as string | undefined) ?? id;
    const recovery = await recoveryAgainstRestore(this.estates, snap.estate, scope, snap.at, { scenario: o.scenario, timeLimit: o.timeLimit ?? CHECK_RESTORE_SECONDS, missedOnly: true, runner: this.runner, signal: view.signal });
    // The availability analysis only when some application has a target to compare with.
    const targeted = [...snap.estate.ofKind('application')].some((a) => a.target_availability !== undefined);
    const availability = targeted ? availabilityAgainstTargets(await this.availability({ snapshot: snap, maxOrder: 2, signal: view.signal }), scope, nameOf) : [];
    const report = targetFlags(recovery, availability, nameOf);
    if (this.keepResults) this.results.set(key, { value: report });
    return report;
  }

  /** Survivability at every instant where the view changes, and what changed in the verdicts. */
  async timelineCheck(plan?: string, onStep?: (step: TimelineStep) => void, signal?: AbortSignal): Promise<TimelineCheckReport> {
    if (plan !== undefined) requirePlan((await this.estates.plans()).map((p) => p.id), plan);
    const changeSets = timelineOrder(await this.estates.changeSetsWithChanges((h) => inView(h, plan)));
    // A caller that also reads each date's estate does it in the same walk, in this thread.
    if (onStep) return timelineCheckReport(changeSets, plan ?? null, onStep);
    if (this.timelineThreads > 1) return timelineCheckSideBySide(changeSets, plan ?? null, { threads: this.timelineThreads });
    return this.runner.timeline({ op: 'timelineCheck', plan: plan ?? null, changeSets }, signal);
  }

  private async snapshotOf(view: AnalysisView): Promise<Snapshot> {
    // For a thread of the runner: this one need not parse a fresh version first.
    return view.snapshot ?? (await this.snapshot(view, { estate: false }));
  }

  /** Runs a task on the view's snapshot, or answers it from the result cache. */
  private async run<T extends SnapshotTask>(view: AnalysisView, task: T): Promise<ResultOf<T>> {
    const snap = await this.snapshotOf(view);
    const cached = this.cached(snap, task);
    if (cached) return cached;
    await this.afterWarmUp(snap, view.signal);
    return this.remember(snap, task, await this.runner.run(snap, task, view.signal));
  }

  /**
   * Waits for a warm-up of the snapshot's version under way until a thread is warm: its work
   * (the estate decoded and projected, the whole-estate verdicts) is this question's too, and
   * that thread, done warming, takes the question. A failed warm-up is no answer: the
   * question then runs as without one.
   */
  private async afterWarmUp(snap: Snapshot, signal?: AbortSignal): Promise<void> {
    const warmUp = this.warmUp;
    if (!warmUp || (await warmUp.key) !== snap.key) return;
    const done = warmUp.first;
    if (!signal) return done;
    if (signal.aborted) throw cancelled();
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', (onAbort = () => reject(cancelled())), { once: true }));
    try {
      await Promise.race([done, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private cached<T extends SnapshotTask>(snap: Snapshot, task: T): ResultOf<T> | undefined {
    const hit = this.results.get(`${snap.key}|${JSON.stringify(task)}`);
    // The same estate version seen at another instant: the same result, at that instant.
    return hit ? ({ ...keptValue(hit), at: snap.at } as ResultOf<T>) : undefined;
  }

  private remember<T extends SnapshotTask>(snap: Snapshot, task: T, result: ResultOf<T>): ResultOf<T> {
    // An availability result is kept as its JSON (which measuring it costs anyway): at state
    // scale its 58,269 services are 45 MB of JSON but several times that as objects, kept
    // for as long as the entry lives (docs/api.md, "Analyses at state scale").
    if (this.keepResults) this.results.set(`${snap.key}|${JSON.stringify(task)}`, task.op === 'availability' ? { json: JSON.stringify(result) } : { value: result });
    return result;
  }
}

/**
 * The warm-up's question: the whole estate's check, without its lists (the verdicts of every
 * service are computed and kept by the thread; the report is dropped).
 */
const wholeCheck: SnapshotTask = { op: 'check', query: { limit: 0, spofLimit: 0, breaksLimit: 0, networkCounts: true }, georedundancy: BSI_GEO_THRESHOLDS };

/** The error of a question whose client went away (as the pool's, docs/errors.md). */
function cancelled(): VerbundError {
  return new VerbundError('UNAVAILABLE', 'the analysis was cancelled: the client went away');
}

/** A kept result: the object, or its JSON (parsed again on each hit). */
type Kept = { readonly value: object } | { readonly json: string };

function keptValue(k: Kept): object {
  return 'json' in k ? (JSON.parse(k.json) as object) : k.value;
}

/** Changes whenever a change set is added or changes status. */
function versionOf(headers: readonly ChangeSetHeader[]): string {
  let maxSeq = 0;
  let revisions = 0;
  for (const h of headers) (maxSeq = Math.max(maxSeq, h.seq)), (revisions += h.revision);
  return formatVersion({ count: headers.length, maxSeq, revisions });
}

function formatVersion(v: ChangeSetVersion): string {
  return `${v.count}.${v.maxSeq}.${v.revisions}`;
}
