/**
 * The analyses of BRIEF §4 as use cases: the estate of a view is projected once per
 * estate version and cached; check, what-if, paths, availability and the timeline check
 * read that snapshot and present the engine's results by id.
 */
import { VerbundError, type Problem } from '../model/errors.js';
import { buildProjection, type Projection } from '../engine/projection.js';
import { buildServices, type ServiceModel } from '../engine/services.js';
import { analyzeSurvivability, type FailureElement, type Survivability } from '../engine/survivability.js';
import { whatIf } from '../engine/whatIf.js';
import { analyzeAvailability, type ServiceAvailability } from '../engine/availability.js';
import { disjointPaths, nodeLinkDisjointPaths, noInstances, pathsJson, type PathsJson } from '../engine/disjointPaths.js';
import { datacenterSites, isDatacenterElement, redundancyVerdicts, serviceShareSites } from '../engine/redundancy.js';
import { BSI_GEO_THRESHOLDS, type GeoThresholds } from '../engine/datacenterDistances.js';
import { listChangeSetHeaders, type ChangeSetHeader } from '../store/changeSetRepository.js';
import { inView } from '../timeline/changeSet.js';
import type { Estate } from '../timeline/Estate.js';
import type { TimeKey } from '../timeline/time.js';
import type { EstateService, ViewOptions } from './EstateService.js';
import { requirePlan } from './readView.js';
import { walkTimeline, type TimelineStep } from './walkTimeline.js';
import { buildCheckReport, elementOut, serviceRef, type CheckReport, type ElementRefOut } from './checkReport.js';

/** A service named by its usage and site. */
export interface ServiceRef {
  readonly usage: string;
  readonly tenant: string;
  readonly application: string;
  readonly site: string;
  readonly users: number;
}

/** A view, or the snapshot of one that the caller has already read (the API reads it to scope a tenant). */
export type AnalysisView = ViewOptions & { readonly snapshot?: Snapshot };

export type { CheckReport, ElementRefOut };

/** The result of `what-if`. */
export interface WhatIfReport {
  readonly at: TimeKey;
  readonly plan: string | null;
  readonly failed: string[];
  /** Ids that exist but fail nothing: retired devices and the links that end at them. */
  readonly unresolved: string[];
  readonly down: ServiceRef[];
  readonly degraded: (ServiceRef & { newBreakers: ElementRefOut[] })[];
  readonly byTenant: { tenant: string; down: number; degraded: number; users: number }[];
  readonly byApplication: { application: string; down: number; degraded: number; users: number }[];
  readonly components: string[][];
}

/** One date of the timeline check. */
export interface TimelineCheckStep {
  readonly at: TimeKey;
  readonly changesets: { id: string; title: string; status: string; plan: string | null }[];
  readonly services: number;
  readonly surviving: number;
  readonly failing: number;
  readonly lost: (ServiceRef & { breakers: ElementRefOut[] })[];
  readonly regained: ServiceRef[];
  /** Services redundant (no breaker other than a data-center site) at this date. */
  readonly redundant: number;
  /** Services that stop being redundant, with what now breaks them (data-center sites left out). */
  readonly lostRedundancy: (ServiceRef & { breakers: ElementRefOut[] })[];
  /** Services that become redundant. */
  readonly regainedRedundancy: ServiceRef[];
  /** Services that some element now breaks that did not before (whether or not they survived). */
  readonly weakened: (ServiceRef & { newBreakers: ElementRefOut[] })[];
  /** Services that elements no longer break. */
  readonly strengthened: (ServiceRef & { clearedBreakers: ElementRefOut[] })[];
  readonly added: number;
  readonly removed: number;
}

/** The result of `timeline check`. */
export interface TimelineCheckReport {
  readonly plan: string | null;
  readonly steps: TimelineCheckStep[];
  /** Problems of an invalid plan overlay, if any. */
  readonly problems: Problem[];
}

/** One end of a paths query. */
export interface PathEnd {
  readonly id: string;
  readonly kind: 'device' | 'site' | 'application';
  /** The graph nodes it stands for: the device, the site's attach points, the instances. */
  readonly nodes: string[];
}

/**
 * The result of `paths`: the independent-paths verdict, and the plain one (no shared device
 * or link) beside it. `mode` says which definition applies (docs/analysis.md "paths"):
 * `service` between a site and an application, `nodes` otherwise.
 */
export type PathsReport = PathsJson & {
  readonly at: TimeKey;
  readonly plan: string | null;
  readonly mode: 'service' | 'nodes';
  /** The sites both paths may share: for a service its own site and the data-center sites; else none. */
  readonly shareable: string[];
  readonly from: PathEnd;
  readonly to: PathEnd;
  readonly nodeLinkDisjoint: PathsJson;
};

/** Resolves a paths end to its nodes (an application without instances in service has none). */
function endNodes(snap: Snapshot, id: string): { kind: PathEnd['kind']; nodes: number[] } {
  const p = snap.projection;
  const o = snap.estate.get(id);
  const fail = (why: string): never => {
    throw new VerbundError('NOT_FOUND', `"${id}" ${why}`);
  };
  if (!o) return fail('does not exist at this date');
  if (o.kind === 'device') {
    const n = p.nodeIndex.get(id);
    return n === undefined ? fail('is retired: it carries no traffic') : { kind: 'device', nodes: [n] };
  }
  if (o.kind === 'site') {
    const si = p.siteIndex.get(id)!;
    const all = Array.from(p.siteNodes.members.subarray(p.siteNodes.offsets[si]!, p.siteNodes.offsets[si + 1]!));
    const access = all.filter((n) => (snap.estate.get(p.nodeIds[n]!) as { role?: string } | undefined)?.role === 'access');
    const nodes = access.length ? access : all;
    return nodes.length ? { kind: 'site', nodes } : fail('has no device in service');
  }
  if (o.kind === 'application') {
    const a = snap.services.appIndex.get(id)!;
    const g = snap.services.appInstances;
    return { kind: 'application', nodes: Array.from(g.members.subarray(g.offsets[a]!, g.offsets[a + 1]!)) };
  }
  return fail(`is a ${o.kind}; give a device, a site or an application`);
}

/** Which services the availability analysis covers, and how. */
export interface AvailabilityQuery {
  readonly tenant?: string | undefined;
  readonly application?: string | undefined;
  readonly site?: string | undefined;
  readonly maxOrder?: 1 | 2 | 3 | undefined;
  readonly monteCarlo?: number | undefined;
  /** Which elements `sources` counts (see the engine's `AvailabilityOptions.sourcesOf`). */
  readonly sourcesOf?: 'estate' | 'services' | undefined;
}

/** The result of `availability`. */
export interface AvailabilityResult {
  readonly at: TimeKey;
  readonly plan: string | null;
  readonly maxOrder: number;
  readonly sources: Readonly<Record<string, number>>;
  readonly summary: { services: number; misses: number };
  readonly services: (Omit<ServiceAvailability, 'service' | 'checks' | 'searches' | 'region'> & { users: number })[];
}

/** The estate of a view at an instant, projected; shared by every analysis of that version. */
export interface Snapshot {
  readonly at: TimeKey;
  readonly plan: string | null;
  readonly estate: Estate;
  readonly projection: Projection;
  readonly services: ServiceModel;
  readonly problems: Problem[];
  /** Results computed once per snapshot, shared by the snapshots of other instants with the same estate. */
  readonly memo: { survivability?: Survivability };
}

/**
 * Retired devices carry no traffic: the engine leaves them (and their links) out. Their
 * site keeps counting as a site with devices, so its users reach nothing through them.
 */
const projectionOptions = { retired: 'exclude' } as const;

/** Builds the projection and services of an estate. */
function project(estate: Estate): { projection: Projection; services: ServiceModel } {
  const projection = buildProjection(estate, projectionOptions);
  return { projection, services: buildServices(projection, estate) };
}

/** Analyses over the estate service's views. */
export class AnalysisService {
  private readonly cache = new Map<string, Snapshot>();

  constructor(readonly estates: EstateService) {}

  /**
   * The snapshot of a view; cached per (estate instant, plan, timeline version). The estate
   * at T is the estate at the last instant <= T where the view changes: keyed by that, every
   * "now" (a new instant on every request) and every date between two changes share one
   * snapshot.
   */
  async snapshot(view: ViewOptions = {}): Promise<Snapshot> {
    const at = this.estates.instant(view.at);
    const headers = await listChangeSetHeaders(this.estates.store.db);
    let last = '';
    for (const h of headers) if (h.effectiveKey <= at && h.effectiveKey > last && inView(h, view.plan)) last = h.effectiveKey;
    const key = `${last}|${view.plan ?? ''}|${versionOf(headers)}`;
    const hit = this.cache.get(key);
    if (hit) return hit.at === at ? hit : { ...hit, at };
    const { estate, problems } = await this.estates.estate({ at, plan: view.plan });
    const snap: Snapshot = { at, plan: view.plan ?? null, estate, problems, memo: {}, ...project(estate) };
    if (this.cache.size >= 8) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, snap);
    return snap;
  }

  /**
   * Verdict per service (survives, redundant, georedundant), the SPOF report with accepted
   * risks, data-center distances per application, and raw-network facts.
   */
  async check(view: AnalysisView & { georedundancy?: GeoThresholds | undefined } = {}): Promise<CheckReport> {
    const snap = view.snapshot ?? (await this.snapshot(view));
    return buildCheckReport(snap, survivabilityOf(snap), view.georedundancy ?? BSI_GEO_THRESHOLDS);
  }

  /**
   * What fails when the given elements fail together. An id that does not exist in the view
   * at that instant (or that `view.visible` hides), or that is no failure element, is
   * refused with every such id named; a device or link out of service (retired) fails
   * nothing and comes back in `unresolved`.
   */
  async whatIf(ids: readonly string[], view: AnalysisView & { visible?: (id: string) => boolean } = {}): Promise<WhatIfReport> {
    if (ids.length === 0) throw new VerbundError('USAGE', 'name at least one element to fail (--fail ID)');
    const snap = view.snapshot ?? (await this.snapshot(view));
    const problems: Problem[] = [];
    for (const id of new Set(ids)) {
      const o = view.visible && !view.visible(id) ? undefined : snap.estate.get(id);
      if (!o) problems.push({ code: 'NOT_FOUND', message: `"${id}" does not exist at this date`, id });
      else if (!failureKinds.includes(o.kind)) problems.push({ code: 'INVALID_INPUT', message: `"${id}" is ${/^[aeiou]/.test(o.kind) ? 'an' : 'a'} ${o.kind}; fail a device, link, site or risk group`, id });
    }
    if (problems.length) throw new VerbundError(problems.every((p) => p.code === 'NOT_FOUND') ? 'NOT_FOUND' : 'INVALID_INPUT', problems.map((p) => p.message).join('; '), problems);
    const baseline = survivabilityOf(snap);
    // Degraded: still up, but some element now breaks it that did not before — it lost
    // redundancy (the engine's `weakened`). Not only "survived before": with one data
    // center nothing survives a site failure, and losing the second fibre line must show.
    const r = whatIf(snap.projection, snap.services, ids, { baseline, weakened: true });
    const down = r.down.map((s) => serviceRef(snap, s));
    const degraded = r.weakened.map((s) => ({ ...serviceRef(snap, s), newBreakers: addedBreakers(baseline.services[s]!.breakers, r.under!.services[s]!.breakers) }));
    const tally = (key: (x: ServiceRef) => string) => {
      const rows = new Map<string, { down: number; degraded: number; users: number }>();
      for (const [list, field] of [[down, 'down'], [degraded, 'degraded']] as const) {
        for (const x of list) {
          const row = rows.get(key(x)) ?? { down: 0, degraded: 0, users: 0 };
          row[field]++;
          if (field === 'down') row.users += x.users;
          rows.set(key(x), row);
        }
      }
      return [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    };
    return {
      at: snap.at,
      plan: snap.plan,
      failed: [...ids],
      unresolved: [...r.unresolved],
      down,
      degraded,
      byTenant: tally((x) => x.tenant).map(([tenant, v]) => ({ tenant, ...v })),
      byApplication: tally((x) => x.application).map(([application, v]) => ({ application, ...v })),
      components: r.components.map((c) => [...c]),
    };
  }

  /**
   * Two independent paths between two ends, or why none exist. An end is a device, a site
   * (where its users attach) or an application (its instances). Between a site and an
   * application the paths are those of the service (site, application) and may share only
   * its own site and data-center sites, so that they agree with `check`; between other ends
   * they may share only the ends (docs/analysis.md "paths"). The plain verdict (no shared
   * device or link) is given beside it, because they can differ.
   */
  async paths(fromId: string, toId: string, view: AnalysisView & { timeLimitMs?: number } = {}): Promise<PathsReport> {
    const snap = view.snapshot ?? (await this.snapshot(view));
    const p = snap.projection;
    const from = endNodes(snap, fromId);
    const to = endNodes(snap, toId);
    const site = from.kind === 'site' && to.kind === 'application' ? fromId : to.kind === 'site' && from.kind === 'application' ? toId : null;
    const shareSites = site === null ? undefined : serviceShareSites(p.siteIndex.get(site)!, datacenterSites(p, snap.estate));
    const ends = { at: snap.at, plan: snap.plan, mode: site === null ? ('nodes' as const) : ('service' as const), shareable: (shareSites ?? []).map((s) => p.siteIds[s]!) };
    const named = (id: string, end: typeof from): PathEnd => ({ id, kind: end.kind, nodes: end.nodes.map((n) => p.nodeIds[n]!) });
    const empty = from.kind === 'application' && from.nodes.length === 0 ? fromId : to.kind === 'application' && to.nodes.length === 0 ? toId : null;
    if (empty !== null) {
      // Not an error: the answer is that no path can exist, and why.
      const none = noInstances(empty);
      return { ...ends, from: named(fromId, from), to: named(toId, to), ...none, nodeLinkDisjoint: none };
    }
    const srlg = disjointPaths(p, from.nodes, to.nodes, { timeLimitMs: view.timeLimitMs ?? 10_000, shareSites });
    const plain = nodeLinkDisjointPaths(p, from.nodes, to.nodes, { shareSites });
    return { ...ends, from: named(fromId, from), to: named(toId, to), ...pathsJson(p, srlg), nodeLinkDisjoint: pathsJson(p, plain) };
  }

  /** Availability per service (optionally only some tenants, applications or sites). */
  async availability(view: AnalysisView & AvailabilityQuery = {}): Promise<AvailabilityResult> {
    const snap = view.snapshot ?? (await this.snapshot(view));
    const m = snap.services;
    const pick: number[] = [];
    for (let s = 0; s < m.count; s++) {
      if (view.tenant && m.tenant[s] !== view.tenant) continue;
      if (view.application && m.application[s] !== view.application) continue;
      if (view.site && snap.projection.siteIds[m.site[s]!] !== view.site) continue;
      pick.push(s);
    }
    const r = analyzeAvailability(snap.projection, m, snap.estate, {
      services: pick,
      ...(view.maxOrder !== undefined && { maxOrder: view.maxOrder }),
      ...(view.monteCarlo !== undefined && { monteCarlo: view.monteCarlo, importanceSampling: true }),
      ...(view.sourcesOf !== undefined && { sourcesOf: view.sourcesOf }),
    });
    const services = r.services.map(({ service: _s, checks: _c, searches: _x, region: _r, ...rest }) => ({ ...rest, users: m.users[_s]! }));
    const misses = services.filter((x) => x.meetsTarget === false).length;
    return { at: snap.at, plan: snap.plan, maxOrder: r.maxOrder, sources: r.sources, summary: { services: services.length, misses }, services };
  }

  /** Survivability at every instant where the view changes, and what changed in the verdicts. */
  async timelineCheck(plan?: string, onStep?: (step: TimelineStep) => void): Promise<TimelineCheckReport> {
    if (plan !== undefined) requirePlan((await this.estates.plans()).map((p) => p.id), plan);
    const headers = await listChangeSetHeaders(this.estates.store.db);
    const steps: TimelineCheckStep[] = [];
    const problems: Problem[] = [];
    type Verdict = { survives: boolean; redundant: boolean; breakers: readonly FailureElement[] };
    let previous = new Map<string, Verdict>();
    for await (const step of walkTimeline(this.estates.store.db, headers, plan)) {
      // A caller that also wants to read each date's estate does it here, in the same walk.
      onStep?.(step);
      for (const p of step.problems) problems.push(p);
      const { projection, services: m } = project(step.estate);
      const snap = { projection, services: m } as Snapshot;
      const surv = analyzeSurvivability(projection, m);
      const dc = datacenterSites(projection, step.estate);
      const verdicts = redundancyVerdicts(surv, dc);
      const current = new Map<string, Verdict>();
      const lost: TimelineCheckStep['lost'] = [];
      const regained: ServiceRef[] = [];
      const lostRedundancy: TimelineCheckStep['lostRedundancy'] = [];
      const regainedRedundancy: ServiceRef[] = [];
      const weakened: TimelineCheckStep['weakened'] = [];
      const strengthened: TimelineCheckStep['strengthened'] = [];
      let added = 0;
      surv.services.forEach((v, s) => {
        const key = `${m.usage[s]}@${projection.siteIds[m.site[s]!] ?? ''}`;
        const redundant = verdicts[s]!.redundant;
        current.set(key, { survives: v.survives, redundant, breakers: v.breakers });
        const before = previous.get(key);
        if (!before) return void added++;
        if (before.survives && !v.survives) lost.push({ ...serviceRef(snap, s), breakers: v.breakers.map(elementOut) });
        else if (!before.survives && v.survives) regained.push(serviceRef(snap, s));
        if (before.redundant && !redundant) lostRedundancy.push({ ...serviceRef(snap, s), breakers: v.breakers.filter((e) => !isDatacenterElement(e, dc)).map(elementOut) });
        else if (!before.redundant && redundant) regainedRedundancy.push(serviceRef(snap, s));
        const newBreakers = addedBreakers(before.breakers, v.breakers);
        if (newBreakers.length) weakened.push({ ...serviceRef(snap, s), newBreakers });
        const clearedBreakers = addedBreakers(v.breakers, before.breakers);
        if (clearedBreakers.length) strengthened.push({ ...serviceRef(snap, s), clearedBreakers });
      });
      let removed = 0;
      for (const key of previous.keys()) if (!current.has(key)) removed++;
      const surviving = surv.services.filter((v) => v.survives).length;
      steps.push({
        at: step.at,
        changesets: step.changesets.map((h) => ({ id: h.id, title: h.title, status: h.status, plan: h.plan ?? null })),
        services: m.count,
        surviving,
        failing: m.count - surviving,
        lost,
        regained,
        redundant: verdicts.filter((v) => v.redundant).length,
        lostRedundancy,
        regainedRedundancy,
        weakened,
        strengthened,
        added,
        removed,
      });
      previous = current;
    }
    return { plan: plan ?? null, steps, problems };
  }
}

/** The kinds of objects that can fail (BRIEF §4). */
const failureKinds: readonly string[] = ['device', 'link', 'site', 'risk-group'] satisfies FailureElement['kind'][];

/** The survivability of a snapshot, computed once. */
function survivabilityOf(snap: Snapshot): Survivability {
  return (snap.memo.survivability ??= analyzeSurvivability(snap.projection, snap.services));
}

/** The breakers in `after` that are not in `before` (by id), as ids and kinds. */
function addedBreakers(before: readonly FailureElement[], after: readonly FailureElement[]): ElementRefOut[] {
  const had = new Set(before.map((e) => e.id));
  return after.filter((e) => !had.has(e.id)).map(elementOut);
}

/** Changes whenever a change set is added or changes status. */
function versionOf(headers: readonly ChangeSetHeader[]): string {
  let seq = 0;
  let revisions = 0;
  for (const h of headers) (seq = Math.max(seq, h.seq)), (revisions += h.revision);
  return `${headers.length}.${seq}.${revisions}`;
}
