/**
 * Independent paths evidence (docs/analysis.md, "paths FROM TO"): two paths from a set of start nodes
 * (a site's attach points, or one node) to a set of end nodes (an application's instances, or
 * one node) that no single failure element takes out together — or a proof that none exist.
 *
 * ## What "independent" means here
 *
 * A path is a simple path over surviving links from a node of `from` to a node of `to` (a
 * node in both is a path of no hops). A path *hits* an element — device, link, site or risk
 * group (docs/analysis.md, "The graph and the services") — when one of its nodes or links is (in) that element: its devices and
 * links, the sites of its nodes, the risk groups of its devices and links.
 *
 * Two paths are **independent** when no element hits both, except elements *outside the
 * question*. Which elements those are depends on the question (docs/analysis.md "paths"):
 *
 * ### A service: `shareSites` (its own site and the data-center sites)
 *
 * The paths may share only those sites: no link, no device — the attach points and the
 * instances included: a single attach point or a single instance is never two independent
 * paths —, no other site and no risk group. Failing any element other than those sites
 * hits at most one of the paths, so for a service without dependencies "found" implies
 * that `check` calls it redundant (no breaker other than a data-center site). The converse
 * fails only when several risk groups or sites together cut every pair though none is on
 * every path (the reason `shared`).
 *
 * ### Node to node: no `shareSites`
 *
 * Outside the question are the elements that contain every node of `from` or every node
 * of `to`. Such an element fails one end whatever the routing (the single attach device, a
 * power feed of every instance, the one data-center site of all instances). So:
 *
 * - the paths share no link, ever;
 * - they share no device, except an end that is the only node of its side: with one start
 *   node (`paths NODE NODE`, or a site with a single attach point) both paths start there;
 *   with several attach points they start at different ones (sharing one would make it a
 *   single point of failure), and likewise at the application's end;
 * - they share no risk group and no site, except one that holds every start node or every
 *   end node. Two attach devices on one power feed (that feeds only them) are outside the
 *   question; an attach device and a router on the other path on one feed are not. Instances
 *   in two data centers must be reached in both: arriving at one data center through two
 *   routers shares its site.
 *
 * Sites count like risk groups (two paths through different routers of one node building
 * are not independent). Independence is monotone — a path with fewer elements stays
 * independent of the other — so paths are reported trimmed: each touches `from` only at
 * its start and `to` only at its end.
 *
 * ## The answer
 *
 * - `found`: two independent paths, checked once more before they are returned.
 * - `none` with a {@link PathsReason}, proven:
 *   - `disconnected`: no path at all.
 *   - `cut`: every element listed lies on every path and is not outside the question, so
 *     every pair of paths shares each of them. The list is complete: every device, link,
 *     site (of two or more nodes) and risk group with that property, risk groups first,
 *     then sites, devices, links, each in estate order. (If no two paths share no device
 *     and no link, Menger's theorem guarantees a device or link in this list.)
 *   - `shared`: no single element is on every path and there are pairs of paths that share
 *     no device and no link, but each such pair shares at least one of `elements` (risk
 *     groups and sites). With `minimal`, no element can be left out: for each one there is
 *     a pair sharing none of the others (the list is inclusion-minimal, not necessarily the
 *     smallest such list). Without `minimal` the list is proven but the budget ran out
 *     while shortening it.
 * - `unknown`: the search budget ran out first. Never a guess.
 *
 * ## How
 *
 * SRLG-disjoint path pairs are NP-hard in general. The exact method is a conflict-driven
 * branch and bound (in the spirit of CoSE, Rostami et al. 2007) with propagation:
 *
 * 1. Certificates first, outside the budget. Every element on every path is on one path P0;
 *    each of P0's elements is tested by one breadth-first search (after a few Dijkstra
 *    passes routed around the candidates have thinned them out) — that gives `cut`. A
 *    unit-capacity max-flow with node splitting gives two device- and link-disjoint paths,
 *    which often are independent already.
 * 2. A search node is a pair (A, B): elements the first path must avoid, and elements the
 *    second path must avoid (the root has none); if an independent pair exists, one obeys
 *    (A, B). Propagation to a fixpoint: an element on every path avoiding A is hit by every
 *    first path, so the second avoids it (it joins B); an element on every path avoiding B
 *    joins A. No path avoiding A, or none avoiding B: the node is closed. Then a first path
 *    P1 avoiding A (Dijkstra, steered away from elements in many risk groups); if a path
 *    avoids B and everything P1 hits, done. Otherwise some elements T hit by P1 cut, with B,
 *    every start from every end (an inclusion-minimal subset, found greedily among P1's
 *    elements at the rim of what stays reachable). Any pair obeying (A, B) has its second
 *    path crossing some t ∈ T, so its first path avoids t: branch on A ∪ {t} for each
 *    t ∈ T. Partitioned branching also adds the earlier t's to B (a solution outside the
 *    earlier branches has its first path hitting them, so the second avoids them);
 *    overlapping branching does not. A and B grow along every branch, so the search ends;
 *    a repeated (A, B) is skipped. Partitioned branching gets half the budget, then
 *    overlapping branching the rest: both are exact, and on hard instances each often
 *    finishes where the other does not.
 * 3. Every risk group and site that propagation, a cut T or a B addition relied on is
 *    recorded; together they prove `shared` (every device- and link-disjoint pair shares
 *    one of them). QuickXplain (Junker 2004) shortens the list to an inclusion-minimal one,
 *    each test being the same exact search with only some groups counting.
 *
 * The budget counts search nodes, each a few dozen linear passes over the graph (about a
 * millisecond on a graph of a thousand nodes), plus an optional wall-clock limit. On the
 * generated `region` estate (3000 nodes, 5000 links) every service's question is settled
 * by step 1 or in a handful of search nodes; dense artificial overlaps of hundreds of risk
 * groups on a grid can exhaust any budget, and then the answer is `unknown`.
 */
import type { DisjointPathsResult } from './DisjointPathsResult.js';
import { exactSearch } from './exactSearch.js';
import type { MaskOptions } from '../graph/FailureMask.js';
import { PathQuery, type ShareOptions } from './PathQuery.js';
import type { Projection } from './projection.js';
import { quickXplain } from './quickXplain.js';
import { singleCuts } from './singleCuts.js';

// The pieces live in files of their own; what other modules import comes from here.
export type { Path } from '../graph/Path.js';
export { nodeLinkDisjointPaths, type NodeLinkDisjointResult } from './nodeLinkDisjointPaths.js';
export type { DisjointPathsResult, PathsReason } from './DisjointPathsResult.js';
export { elementId, noInstances, pathJson, pathsJson, type ElementJson, type PathJson, type PathsJson } from './pathsJson.js';

/** Default search budget of {@link disjointPaths}, in search nodes. */
export const DEFAULT_PATHS_LIMIT = 2000;

/** Options of {@link disjointPaths}. */
export interface DisjointPathsOptions extends MaskOptions, ShareOptions {
  /**
   * Search nodes the branch and bound may open (default {@link DEFAULT_PATHS_LIMIT}). The
   * certificates of step 1 are not counted. Shortening a `shared` reason gets the same
   * budget again, once for all its re-checks (when it runs out, the reason is proven but
   * not `minimal`).
   */
  limit?: number | undefined;
  /** Wall-clock limit in milliseconds for the search (default: none). */
  timeLimitMs?: number | undefined;
}

/**
 * Two independent paths from `from` to `to` (see the module comment), or a proven reason
 * why none exist, or `unknown` when the budget runs out.
 *
 * @param from start nodes (e.g. a service's attach points); duplicates and failed nodes are ignored.
 * @param to end nodes (e.g. the application's instances); likewise.
 * @throws RangeError on a node index outside the graph.
 */
export function disjointPaths(p: Projection, from: readonly number[], to: readonly number[], options: DisjointPathsOptions = {}): DisjointPathsResult {
  const q = new PathQuery(p, from, to, options);
  if (q.from.length === 0 || q.to.length === 0) return { status: 'none', reason: { kind: 'disconnected' }, steps: 0 };
  const base = q.blocks();
  const p0 = q.bfs(base);
  if (!p0) return { status: 'none', reason: { kind: 'disconnected' }, steps: 0 };
  const cuts = singleCuts(q, p0);
  if (cuts.length > 0) return { status: 'none', reason: { kind: 'cut', elements: q.refs(cuts), path: p0 }, steps: 0 };

  const limit = options.limit ?? DEFAULT_PATHS_LIMIT;
  const deadline = options.timeLimitMs === undefined ? Infinity : performance.now() + options.timeLimitMs;
  const all = q.active.slice();
  const main = exactSearch(q, all, { limit, deadline, steps: 0 });
  if (main.status === 'found') return { status: 'found', paths: main.paths, steps: main.steps };
  if (main.status === 'unknown') {
    return { status: 'unknown', reason: `no answer within the limit of ${limit} search nodes${Number.isFinite(deadline) ? ` or ${options.timeLimitMs} ms` : ''}`, steps: main.steps };
  }

  // The risk groups and sites the search relied on are proven: every pair of paths sharing
  // no device and no link shares one of them. Shorten the list to an inclusion-minimal one;
  // each re-check is the same exact search with only some groups counting, on one budget.
  const budget = { limit, deadline: options.timeLimitMs === undefined ? Infinity : performance.now() + options.timeLimitMs, steps: 0 };
  const conflicts = [...main.conflicts].sort((a, b) => a - b);
  const { groups: keep, minimal } = quickXplain(q, conflicts, budget, main.steps);
  return { status: 'none', reason: { kind: 'shared', elements: q.refs(keep.map((g) => q.groupElement(g))), minimal }, steps: main.steps };
}
