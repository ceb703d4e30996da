
import { VerbundError, type Problem } from '../model/errors.js';
import { analyzeSurvivability, type FailureElement, type Survivability } from '../engine/survivability.js';
import { survivabilityStructures } from '../engine/survivabilityStructures.js';
import { whatIf } from '../engine/whatIf.js';
import { analyzeAvailability } from '../engine/availability.js';
import { disjointPaths, nodeLinkDisjointPaths, noInstances, pathsJson } from '../engine/disjointPaths.js';
import { datacenterSites, serviceShareSites } from '../engine/redundancy.js';
import type { Snapshot } from './Snapshot.js';
// The results are the API's contract: declared in src/contracts.
import type { AvailabilityQuery, AvailabilityResult, ElementRefOut, PathEnd, PathsReport, ServiceRef, WhatIfReport } from '../contracts/index.js';
export type { AvailabilityQuery, AvailabilityResult, ElementRefOut, PathEnd, PathsReport, ServiceRef, WhatIfReport };

/** The survivability of the whole snapshot, computed once per estate version. */
export function survivabilityOf(snap: Snapshot): Survivability {
  // The structures are kept: the network report reads their blocks, and later questions about some services share them.
  return (snap.memo.survivability ??= analyzeSurvivability(snap.projection, snap.services, { structures: (snap.memo.structures ??= survivabilityStructures(snap.projection)) }));
}

/** The services (indices) that pass the tenant, application and site filters. */
export function pickServices(snap: Snapshot, q: { tenant?: string | undefined; application?: string | undefined; site?: string | undefined }): number[] {
  const m = snap.services;
  const pick: number[] = [];
  for (let s = 0; s < m.count; s++) {
    if (q.tenant !== undefined && m.tenant[s] !== q.tenant) continue;
    if (q.application !== undefined && m.application[s] !== q.application) continue;
    if (q.site !== undefined && snap.projection.siteIds[m.site[s]!] !== q.site) continue;
    pick.push(s);
  }
  return pick;
}

/**
 * The survivability of some services. The whole estate's result is reused when it is already
 * known; otherwise a filtered question analyses only its own services (one municipality's
 * verdicts cost a fraction of the whole), and a question about most of them computes the
 * whole once for everyone.
 */
export function survivabilityFor(snap: Snapshot, pick: readonly number[]): Survivability {
  if (snap.memo.survivability || pick.length * 2 > snap.services.count) return survivabilityOf(snap);
  const structures = (snap.memo.structures ??= survivabilityStructures(snap.projection));
  return analyzeSurvivability(snap.projection, snap.services, { services: pick, structures });
}

/** The kinds of objects that can fail (docs/analysis.md, "The graph and the services"). */
const failureKinds: readonly string[] = ['device', 'link', 'site', 'risk-group'] satisfies FailureElement['kind'][];

/**
 * Refuses the ids of a what-if that do not exist in the snapshot (or that `visible` hides),
 * or that are no failure element, naming every one.
 */
export function checkFailIds(snap: Snapshot, ids: readonly string[], visible?: (id: string) => boolean): void {
  const problems: Problem[] = [];
  for (const id of new Set(ids)) {
    const o = visible && !visible(id) ? undefined : snap.estate.get(id);
    if (!o) problems.push({ code: 'NOT_FOUND', message: `"${id}" does not exist at this date`, id });
    else if (!failureKinds.includes(o.kind)) problems.push({ code: 'INVALID_INPUT', message: `"${id}" is ${/^[aeiou]/.test(o.kind) ? 'an' : 'a'} ${o.kind}; fail a device, link, site or risk group`, id });
  }
  if (problems.length) throw new VerbundError(problems.every((p) => p.code === 'NOT_FOUND') ? 'NOT_FOUND' : 'INVALID_INPUT', problems.map((p) => p.message).join('; '), problems);
}

/** What fails when the given elements fail together (the ids checked by {@link checkFailIds}). */
export function whatIfReport(snap: Snapshot, ids: readonly string[]): WhatIfReport {
  if (ids.length === 0) throw new VerbundError('USAGE', 'name at least one element to fail (--fail ID)');
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

/**
 * Two independent paths between two ends, or why none exist. Between a site and an
 * application the paths are those of the service (site, application) and may share only its
 * own site and data-center sites, so that they agree with `check`; between other ends they
 * may share only the ends (docs/analysis.md "paths"). The plain verdict (no shared device or
 * link) is given beside it, because they can differ. `timeLimitMs` bounds the exact search.
 */
export function pathsReport(snap: Snapshot, fromId: string, toId: string, timeLimitMs: number): PathsReport {
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
  const srlg = disjointPaths(p, from.nodes, to.nodes, { timeLimitMs, shareSites });
  const plain = nodeLinkDisjointPaths(p, from.nodes, to.nodes, { shareSites });
  return { ...ends, from: named(fromId, from), to: named(toId, to), ...pathsJson(p, srlg), nodeLinkDisjoint: pathsJson(p, plain) };
}

/**
 * Availability of the services the query's filters pick, or of the i-th of n equal parts of
 * them (`part`): the API computes the parts in worker threads side by side, then
 * {@link mergeAvailability} joins them.
 */
export function availabilityReport(snap: Snapshot, q: AvailabilityQuery, part?: readonly [number, number]): AvailabilityResult {
  const m = snap.services;
  const all = pickServices(snap, q);
  const services = part ? all.slice(Math.floor((part[0] * all.length) / part[1]), Math.floor(((part[0] + 1) * all.length) / part[1])) : all;
  const r = analyzeAvailability(snap.projection, m, snap.estate, {
    services,
    ...(q.maxOrder !== undefined && { maxOrder: q.maxOrder }),
    ...(q.monteCarlo !== undefined && { monteCarlo: q.monteCarlo, importanceSampling: true }),
    ...(q.sourcesOf !== undefined && { sourcesOf: q.sourcesOf }),
  });
  const list = r.services.map(({ service: _s, checks: _c, searches: _x, region: _r, ...rest }) => ({ ...rest, users: m.users[_s]! }));
  const misses = list.filter((x) => x.meetsTarget === false).length;
  return { at: snap.at, plan: snap.plan, maxOrder: r.maxOrder, sources: r.sources, summary: { services: list.length, misses }, services: list };
}

/** Joins the availability of parts of one service list, in order. */
export function mergeAvailability(parts: readonly AvailabilityResult[]): AvailabilityResult {
  const services = parts.flatMap((p) => p.services);
  return { ...parts[0]!, summary: { services: services.length, misses: parts.reduce((n, p) => n + p.summary.misses, 0) }, services };
}

/** A service of a snapshot by id. */
export function serviceRef(snap: Pick<Snapshot, 'projection' | 'services'>, s: number): ServiceRef {
  const m = snap.services;
  return { usage: m.usage[s]!, tenant: m.tenant[s]!, application: m.application[s]!, site: snap.projection.siteIds[m.site[s]!] ?? '', users: m.users[s]! };
}

/** The breakers in `after` that are not in `before` (by id), as ids and kinds. */
export function addedBreakers(before: readonly FailureElement[], after: readonly FailureElement[]): ElementRefOut[] {
  const had = new Set(before.map((e) => e.id));
  return after.filter((e) => !had.has(e.id)).map(elementOut);
}

/** An element as id and kind. */
export function elementOut(e: FailureElement): ElementRefOut {
  return { id: e.id, kind: e.kind };
}

