/**
 * Independent paths evidence (BRIEF §4, issue 3 part 3): two paths from a set of start nodes
 * (a site's attach points, or one node) to a set of end nodes (an application's instances, or
 * one node) that no single failure element takes out together — or a proof that none exist.
 *
 * ## What "independent" means here
 *
 * A path is a simple path over surviving links from a node of `from` to a node of `to` (a
 * node in both is a path of no hops). A path *hits* an element — device, link, site or risk
 * group (BRIEF §4) — when one of its nodes or links is (in) that element: its devices and
 * links, the sites of its nodes, the risk groups of its devices and links.
 *
 * Two paths are **independent** when no element hits both, except elements *outside the
 * question*: those that contain every node of `from` or every node of `to`. Such an element
 * fails the users' end or the application's end whatever the routing (the users' own site,
 * the single attach device, a power feed of every instance, the one data-center site of all
 * instances); the survivability verdict reports it, the paths cannot avoid it. So:
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
 * This is BRIEF §4's "no link, no intermediate device and no risk group" made exact, plus
 * sites (a failure element like the others: two paths through different routers of one
 * node building are not independent). Independence is monotone — a path with fewer
 * elements stays independent of the other — so paths are reported trimmed: each touches
 * `from` only at its start and `to` only at its end.
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
import { masksOf, type MaskOptions } from './FailureMask.js';
import { SITE_NODE, type ElementRef, type Projection } from './projection.js';

/** A path: `nodes[0]` is in `from`, the last node in `to`; link `edges[i]` joins `nodes[i]` and `nodes[i + 1]`. */
export interface Path {
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
}

/** Why no two independent paths exist (see the module comment for the exact claims). */
export type PathsReason =
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'cut'; readonly elements: readonly ElementRef[] }
  | { readonly kind: 'shared'; readonly elements: readonly ElementRef[]; readonly minimal: boolean };

/** The answer of {@link disjointPaths}. `steps` counts search nodes (0 when a certificate sufficed). */
export type DisjointPathsResult =
  | { readonly status: 'found'; readonly paths: readonly [Path, Path]; readonly steps: number }
  | { readonly status: 'none'; readonly reason: PathsReason; readonly steps: number }
  | { readonly status: 'unknown'; readonly reason: string; readonly steps: number };

/** The answer of {@link nodeLinkDisjointPaths}: exact, in linear time. */
export type NodeLinkDisjointResult =
  | { readonly status: 'found'; readonly paths: readonly [Path, Path] }
  | { readonly status: 'none'; readonly reason: { readonly kind: 'disconnected' } | { readonly kind: 'cut'; readonly elements: readonly ElementRef[] } };

/** Default search budget of {@link disjointPaths}, in search nodes. */
export const DEFAULT_PATHS_LIMIT = 2000;

/** Options of {@link disjointPaths}. */
export interface DisjointPathsOptions extends MaskOptions {
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
  const cuts = q.singleCuts(p0);
  if (cuts.length > 0) return { status: 'none', reason: { kind: 'cut', elements: q.refs(cuts) }, steps: 0 };

  const limit = options.limit ?? DEFAULT_PATHS_LIMIT;
  const deadline = options.timeLimitMs === undefined ? Infinity : performance.now() + options.timeLimitMs;
  const all = q.active.slice();
  const main = q.exact(all, { limit, deadline, steps: 0 });
  if (main.status === 'found') return { status: 'found', paths: main.paths, steps: main.steps };
  if (main.status === 'unknown') {
    return { status: 'unknown', reason: `no answer within the limit of ${limit} search nodes${Number.isFinite(deadline) ? ` or ${options.timeLimitMs} ms` : ''}`, steps: main.steps };
  }

  // The risk groups and sites the search relied on are proven: every pair of paths sharing
  // no device and no link shares one of them. Shorten the list to an inclusion-minimal one;
  // each re-check is the same exact search with only some groups counting, on one budget.
  const budget = { limit, deadline: options.timeLimitMs === undefined ? Infinity : performance.now() + options.timeLimitMs, steps: 0 };
  const conflicts = [...main.conflicts].sort((a, b) => a - b);
  const only = (groups: readonly number[]): Uint8Array => {
    const a = new Uint8Array(all.length);
    for (const g of groups) a[g] = 1;
    return a;
  };
  let minimal = true;
  /** True if no independent pair exists with only these groups counting (unknown counts as false). */
  const none = (groups: readonly number[]): boolean => {
    // Each re-check gets at most a share of what is left, so that one hard subset cannot
    // starve the others (it then keeps its elements, and the reason is not minimal).
    const left = budget.limit - budget.steps;
    const share = { limit: Math.min(left, Math.max(50, 4 * main.steps, left >> 3)), deadline: budget.deadline, steps: 0 };
    const r = q.exact(only(groups), share);
    budget.steps += share.steps;
    if (r.status === 'unknown') minimal = false;
    return r.status === 'none';
  };
  // QuickXplain (Junker 2004): an inclusion-minimal X ⊆ c with none(b ∪ X), given none(b ∪ c),
  // in O(|X| log |c|) searches; a search that runs out of budget keeps its elements.
  const explain = (b: number[], delta: boolean, c: number[]): number[] => {
    if (delta && none(b)) return [];
    if (c.length <= 1) return c;
    const half = c.length >> 1;
    const c1 = c.slice(0, half);
    const c2 = c.slice(half);
    const x2 = explain([...b, ...c1], c1.length > 0, c2);
    const x1 = explain([...b, ...x2], x2.length > 0, c1);
    return [...x1, ...x2];
  };
  const keep = explain([], false, conflicts).sort((a, b) => a - b);
  return { status: 'none', reason: { kind: 'shared', elements: q.refs(keep.map((g) => q.groupElement(g))), minimal }, steps: main.steps };
}

/**
 * Two paths from `from` to `to` that share no link and no device (ends as in
 * {@link disjointPaths}), ignoring risk groups and sites: unit-capacity max-flow with node
 * splitting, in linear time. `none` comes with every single device or link on all paths
 * (by Menger's theorem there is one) — the survivability of the network between the ends,
 * which can differ from SRLG-disjointness (BRIEF §4: report both).
 */
export function nodeLinkDisjointPaths(p: Projection, from: readonly number[], to: readonly number[], options: MaskOptions = {}): NodeLinkDisjointResult {
  const q = new PathQuery(p, from, to, options);
  if (q.from.length === 0 || q.to.length === 0) return { status: 'none', reason: { kind: 'disconnected' } };
  const p0 = q.bfs(q.blocks());
  if (!p0) return { status: 'none', reason: { kind: 'disconnected' } };
  const pair = q.flowPair();
  if (pair) return { status: 'found', paths: pair };
  q.active.fill(0);
  const cuts = q.singleCuts(p0);
  if (cuts.length === 0) throw new Error('max-flow found no two disjoint paths, yet no single device or link is on every path');
  return { status: 'none', reason: { kind: 'cut', elements: q.refs(cuts) } };
}

// ---------------------------------------------------------------------------------------
// JSON view (issue part 8: `paths --json` has `status`, `paths` and `reason`).

/** An element by id. */
export interface ElementJson {
  readonly kind: ElementRef['kind'];
  readonly id: string;
}

/** One path by id. */
export interface PathJson {
  readonly from: string;
  readonly to: string;
  /** Node ids in order (devices, or sites without devices). */
  readonly nodes: string[];
  /** Link ids in order, one fewer than nodes. */
  readonly links: string[];
}

/** The `paths --json` shape. */
export interface PathsJson {
  readonly status: 'found' | 'none' | 'unknown';
  /** Two paths when `found`, else empty. */
  readonly paths: PathJson[];
  /** Null when `found`; `limit` when `unknown`. */
  readonly reason: null | {
    readonly kind: 'disconnected' | 'cut' | 'shared' | 'limit';
    readonly elements: ElementJson[];
    /** Only for `shared`: the list is inclusion-minimal. */
    readonly minimal?: boolean;
    readonly message: string;
  };
}

/** The id of an element. */
export function elementId(p: Projection, ref: ElementRef): string {
  switch (ref.kind) {
    case 'device':
      return p.nodeIds[ref.index]!;
    case 'site':
      return p.siteIds[ref.index]!;
    case 'link':
      return p.edgeIds[ref.index]!;
    case 'risk-group':
      return p.riskGroupIds[ref.index]!;
  }
}

/** A path by id. */
export function pathJson(p: Projection, path: Path): PathJson {
  return {
    from: p.nodeIds[path.nodes[0]!]!,
    to: p.nodeIds[path.nodes[path.nodes.length - 1]!]!,
    nodes: path.nodes.map((v) => p.nodeIds[v]!),
    links: path.edges.map((e) => p.edgeIds[e]!),
  };
}

/** A result of {@link disjointPaths} (or {@link nodeLinkDisjointPaths}) by id, with a one-line message. */
export function pathsJson(p: Projection, result: DisjointPathsResult | NodeLinkDisjointResult): PathsJson {
  if (result.status === 'found') return { status: 'found', paths: result.paths.map((x) => pathJson(p, x)), reason: null };
  if (result.status === 'unknown') return { status: 'unknown', paths: [], reason: { kind: 'limit', elements: [], message: result.reason } };
  const reason = result.reason;
  if (reason.kind === 'disconnected') {
    return { status: 'none', paths: [], reason: { kind: 'disconnected', elements: [], message: 'no path leads from the start to the end' } };
  }
  const elements = reason.elements.map((r) => ({ kind: r.kind, id: elementId(p, r) }));
  const named = elements.map((e) => `${e.id} (${e.kind})`).join(', ');
  if (reason.kind === 'cut') {
    const message = `every path crosses ${elements.length === 1 ? named : `each of ${named}`}, so every pair of paths shares it`;
    return { status: 'none', paths: [], reason: { kind: 'cut', elements, message } };
  }
  const message = `paths sharing no device and no link exist, but every such pair shares at least one of ${named}${reason.minimal ? '' : ' (possibly not all needed: limit reached while shortening)'}`;
  return { status: 'none', paths: [], reason: { kind: 'shared', elements, minimal: reason.minimal, message } };
}

// ---------------------------------------------------------------------------------------
// The query: the graph with its ends, exemptions and scratch space.

/** Per-node and per-link block counters; > 0 = blocked. Failed elements start at 1. */
interface Blocks {
  readonly n: Int32Array;
  readonly e: Int32Array;
}

interface Budget {
  readonly limit: number;
  readonly deadline: number;
  steps: number;
}

type SearchResult =
  | { status: 'found'; paths: readonly [Path, Path]; steps: number }
  | { status: 'none'; conflicts: Set<number>; steps: number }
  | { status: 'unknown'; steps: number };

/**
 * Elements are numbered in one space: node `v` is `v`, link `e` is `n + e`, group `g` is
 * `n + m + g`, where groups are the risk groups (`0 .. R - 1`) then the sites (`R ..`).
 */
class PathQuery {
  readonly n: number;
  readonly m: number;
  readonly R: number;
  /** Surviving start and end nodes, ascending, without duplicates. */
  readonly from: number[];
  readonly to: number[];
  readonly isTo: Uint8Array;
  /** 1 = an end node both paths may share (the only node of its side). */
  readonly exempt: Uint8Array;
  /** Per group: 1 = counts (not outside the question, and a site only with two or more nodes). */
  readonly active: Uint8Array;
  private readonly deadN: Uint8Array;
  private readonly deadE: Uint8Array;
  /** Node → groups and link → groups (CSR). */
  private readonly nodeGroupOff: Int32Array;
  private readonly nodeGroups: Int32Array;
  private readonly edgeGroupOff: Int32Array;
  private readonly edgeGroups: Int32Array;
  // Scratch.
  private stamp = 0;
  private readonly seen: Int32Array;
  private readonly prevN: Int32Array;
  private readonly prevE: Int32Array;
  private readonly queue: Int32Array;
  private gStamp = 0;
  private readonly gSeen: Int32Array;
  private weightN = new Float64Array(0);
  private weightE = new Float64Array(0);

  constructor(
    readonly p: Projection,
    from: readonly number[],
    to: readonly number[],
    options: MaskOptions,
  ) {
    const n = (this.n = p.nodeCount);
    const m = (this.m = p.edgeCount);
    const { nodes: deadN, edges: deadE } = masksOf(p, options);
    this.deadN = deadN;
    this.deadE = deadE;
    const ends = (list: readonly number[]): number[] => {
      for (const v of list) if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`node ${v} is not in the graph`);
      return [...new Set(list)].filter((v) => !deadN[v]).sort((a, b) => a - b);
    };
    this.from = ends(from);
    this.to = ends(to);
    const isFrom = new Uint8Array(n);
    for (const v of this.from) isFrom[v] = 1;
    this.isTo = new Uint8Array(n);
    for (const v of this.to) this.isTo[v] = 1;
    this.exempt = new Uint8Array(n);
    if (this.from.length === 1) this.exempt[this.from[0]!] = 1;
    if (this.to.length === 1) this.exempt[this.to[0]!] = 1;

    const R = (this.R = p.riskGroupIds.length);
    const S = p.siteIds.length;
    this.active = new Uint8Array(R + S);
    // A group is outside the question if it holds every start node or every end node.
    const mark = new Int32Array(n);
    let st = 0;
    const holdsAll = (nodes: Int32Array, lo: number, hi: number, flag: Uint8Array, count: number): boolean => {
      st++;
      let k = 0;
      for (let i = lo; i < hi; i++) {
        const v = nodes[i]!;
        if (flag[v] && mark[v] !== st) (mark[v] = st), k++;
      }
      return k === count;
    };
    const outside = (nodes: Int32Array, lo: number, hi: number): boolean =>
      holdsAll(nodes, lo, hi, isFrom, this.from.length) || holdsAll(nodes, lo, hi, this.isTo, this.to.length);
    for (let g = 0; g < R; g++) {
      const { offsets, members } = p.riskGroupNodes;
      this.active[g] = outside(members, offsets[g]!, offsets[g + 1]!) ? 0 : 1;
    }
    for (let s = 0; s < S; s++) {
      const { offsets, members } = p.siteNodes;
      const lo = offsets[s]!;
      const hi = offsets[s + 1]!;
      this.active[R + s] = hi - lo >= 2 && !outside(members, lo, hi) ? 1 : 0;
    }

    // Inverse memberships: node → its risk groups and its site; link → its risk groups.
    const ng: number[] = [];
    const nn: number[] = [];
    for (let g = 0; g < R; g++) {
      const { offsets, members } = p.riskGroupNodes;
      for (let i = offsets[g]!; i < offsets[g + 1]!; i++) (nn.push(members[i]!), ng.push(g));
    }
    for (let v = 0; v < n; v++) (nn.push(v), ng.push(R + p.nodeSite[v]!));
    [this.nodeGroupOff, this.nodeGroups] = invert(nn, ng, n);
    const eg: number[] = [];
    const ee: number[] = [];
    for (let g = 0; g < R; g++) {
      const { offsets, members } = p.riskGroupEdges;
      for (let i = offsets[g]!; i < offsets[g + 1]!; i++) (ee.push(members[i]!), eg.push(g));
    }
    [this.edgeGroupOff, this.edgeGroups] = invert(ee, eg, m);

    this.seen = new Int32Array(n);
    this.prevN = new Int32Array(n);
    this.prevE = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.gSeen = new Int32Array(R + S);
  }

  /** Fresh block counters: the failed elements blocked. */
  blocks(): Blocks {
    return { n: Int32Array.from(this.deadN), e: Int32Array.from(this.deadE) };
  }

  groupElement(g: number): number {
    return this.n + this.m + g;
  }

  /** Adds `d` to the block counters of every member of element `x`. */
  apply(x: number, d: number, b: Blocks): void {
    const { n, m, p, R } = this;
    if (x < n) b.n[x]! += d;
    else if (x < n + m) b.e[x - n]! += d;
    else {
      const g = x - n - m;
      if (g < R) {
        const { offsets, members } = p.riskGroupNodes;
        for (let i = offsets[g]!; i < offsets[g + 1]!; i++) b.n[members[i]!]! += d;
        const E = p.riskGroupEdges;
        for (let i = E.offsets[g]!; i < E.offsets[g + 1]!; i++) b.e[E.members[i]!]! += d;
      } else {
        const { offsets, members } = p.siteNodes;
        for (let i = offsets[g - R]!; i < offsets[g - R + 1]!; i++) b.n[members[i]!]! += d;
      }
    }
  }

  /** Number of nodes and links in element `x` (for ordering). */
  private size(x: number): number {
    const { n, m, p, R } = this;
    if (x < n + m) return 1;
    const g = x - n - m;
    if (g < R) return p.riskGroupNodes.offsets[g + 1]! - p.riskGroupNodes.offsets[g]! + p.riskGroupEdges.offsets[g + 1]! - p.riskGroupEdges.offsets[g]!;
    return p.siteNodes.offsets[g - R + 1]! - p.siteNodes.offsets[g - R]!;
  }

  /**
   * The elements a path hits that count: its nodes (not a shared end), its links, and the
   * active groups of both.
   */
  footprint(path: Path): number[] {
    const out: number[] = [];
    const st = ++this.gStamp;
    const base = this.n + this.m;
    const add = (off: Int32Array, groups: Int32Array, i: number): void => {
      for (let k = off[i]!; k < off[i + 1]!; k++) {
        const g = groups[k]!;
        if (this.active[g] && this.gSeen[g] !== st) {
          this.gSeen[g] = st;
          out.push(base + g);
        }
      }
    };
    for (const v of path.nodes) {
      if (!this.exempt[v]) out.push(v);
      add(this.nodeGroupOff, this.nodeGroups, v);
    }
    for (const e of path.edges) {
      out.push(this.n + e);
      add(this.edgeGroupOff, this.edgeGroups, e);
    }
    return out;
  }

  /** True if `b` touches nothing `a` hits (which is symmetric: the pair is independent). */
  independent(a: Path, b: Path): boolean {
    const blk: Blocks = { n: new Int32Array(this.n), e: new Int32Array(this.m) };
    for (const x of this.footprint(a)) this.apply(x, 1, blk);
    return b.nodes.every((v) => blk.n[v] === 0) && b.edges.every((e) => blk.e[e] === 0);
  }

  /** A shortest path (in hops) from a free start to an end, avoiding blocked elements; null if none. */
  bfs(b: Blocks): Path | null {
    const { offsets, neighbours, incidentEdges } = this.p;
    const { seen, prevN, prevE, queue, isTo } = this;
    const st = ++this.stamp;
    let tail = 0;
    for (const s of this.from) {
      if (b.n[s]! > 0) continue;
      if (isTo[s]) return { nodes: [s], edges: [] };
      seen[s] = st;
      prevN[s] = -1;
      queue[tail++] = s;
    }
    let head = 0;
    while (head < tail) {
      const v = queue[head++]!;
      const end = offsets[v + 1]!;
      for (let i = offsets[v]!; i < end; i++) {
        const w = neighbours[i]!;
        if (seen[w] === st || b.n[w]! > 0) continue;
        const e = incidentEdges[i]!;
        if (b.e[e]! > 0) continue;
        seen[w] = st;
        prevN[w] = v;
        prevE[w] = e;
        if (isTo[w]) return this.trace(w);
        queue[tail++] = w;
      }
    }
    return null;
  }

  private trace(t: number): Path {
    const nodes = [t];
    const edges: number[] = [];
    for (let v = t; this.prevN[v]! >= 0; v = this.prevN[v]!) {
      edges.push(this.prevE[v]!);
      nodes.push(this.prevN[v]!);
    }
    return { nodes: nodes.reverse(), edges: edges.reverse() };
  }

  /** Dijkstra over node and link weights (by default those of {@link setWeights}); null if no path. */
  private dijkstra(b: Blocks, weightN: Float64Array = this.weightN, weightE: Float64Array = this.weightE): Path | null {
    const { offsets, neighbours, incidentEdges } = this.p;
    const { seen, prevN, prevE, isTo } = this;
    const st = ++this.stamp;
    const dist = new Float64Array(this.n).fill(Infinity);
    const heap = new Heap();
    for (const s of this.from) {
      if (b.n[s]! > 0) continue;
      if (isTo[s]) return { nodes: [s], edges: [] };
      dist[s] = weightN[s]!;
      prevN[s] = -1;
      heap.push(dist[s]!, s);
    }
    while (heap.size > 0) {
      const d = heap.topKey();
      const v = heap.pop();
      if (seen[v] === st || d > dist[v]!) continue;
      seen[v] = st;
      if (isTo[v]) return this.trace(v);
      const end = offsets[v + 1]!;
      for (let i = offsets[v]!; i < end; i++) {
        const w = neighbours[i]!;
        if (seen[w] === st || b.n[w]! > 0) continue;
        const e = incidentEdges[i]!;
        if (b.e[e]! > 0) continue;
        const nd = d + weightE[e]! + weightN[w]!;
        if (nd < dist[w]!) {
          dist[w] = nd;
          prevN[w] = v;
          prevE[w] = e;
          heap.push(nd, w);
        }
      }
    }
    return null;
  }

  /** Weights that steer the first path away from elements in many active groups. */
  private setWeights(): void {
    const w = (off: Int32Array, groups: Int32Array, i: number): number => {
      let k = 0;
      for (let j = off[i]!; j < off[i + 1]!; j++) if (this.active[groups[j]!]) k++;
      return 1 + 3 * k;
    };
    this.weightN = new Float64Array(this.n);
    for (let v = 0; v < this.n; v++) this.weightN[v] = this.exempt[v] ? 0 : w(this.nodeGroupOff, this.nodeGroups, v);
    this.weightE = new Float64Array(this.m);
    for (let e = 0; e < this.m; e++) this.weightE[e] = w(this.edgeGroupOff, this.edgeGroups, e);
  }

  /** Every element that `p0` hits and whose failure alone leaves no path. */
  singleCuts(p0: Path): number[] {
    return this.cutsOf(this.blocks(), this.footprint(p0));
  }

  /**
   * The elements of `candidates` that each alone, added to `b`, leave no path. `b` is
   * restored. An element on every path is on any path, so the candidates are first narrowed
   * to the footprint of paths routed around them (a few Dijkstra passes that make every
   * candidate's members expensive); the few left are checked by a search each.
   */
  cutsOf(b: Blocks, candidates: readonly number[]): number[] {
    let left = candidates;
    if (left.length > 4) {
      const pen: Blocks = { n: new Int32Array(this.n), e: new Int32Array(this.m) };
      for (const x of left) this.apply(x, 1, pen);
      const wN = new Float64Array(this.n);
      const wE = new Float64Array(this.m);
      for (let round = 0; round < 4 && left.length > 0; round++) {
        for (let v = 0; v < this.n; v++) wN[v] = pen.n[v]! > 0 ? 1e6 : this.exempt[v] ? 0 : 1;
        for (let e = 0; e < this.m; e++) wE[e] = pen.e[e]! > 0 ? 1e6 : 1;
        const around = this.dijkstra(b, wN, wE);
        if (!around) return [...left];
        const hit = new Set(this.footprint(around));
        const kept = left.filter((x) => hit.has(x));
        if (kept.length === left.length) break;
        for (const x of left) if (!hit.has(x)) this.apply(x, -1, pen);
        left = kept;
      }
    }
    const out: number[] = [];
    for (const x of left) {
      this.apply(x, 1, b);
      if (!this.bfs(b)) out.push(x);
      this.apply(x, -1, b);
    }
    return out;
  }

  /** True if every member of element `x` is blocked in `b` already. */
  avoided(x: number, b: Blocks): boolean {
    const { n, m, p, R } = this;
    if (x < n) return b.n[x]! > 0;
    if (x < n + m) return b.e[x - n]! > 0;
    const g = x - n - m;
    if (g < R) {
      const N = p.riskGroupNodes;
      for (let i = N.offsets[g]!; i < N.offsets[g + 1]!; i++) if (b.n[N.members[i]!] === 0) return false;
      const E = p.riskGroupEdges;
      for (let i = E.offsets[g]!; i < E.offsets[g + 1]!; i++) if (b.e[E.members[i]!] === 0) return false;
      return true;
    }
    const S = p.siteNodes;
    for (let i = S.offsets[g - R]!; i < S.offsets[g - R + 1]!; i++) if (b.n[S.members[i]!] === 0) return false;
    return true;
  }

  /** Elements as references: risk groups, then sites, devices, links; each in index order. */
  refs(xs: readonly number[]): ElementRef[] {
    const { n, m, R, p } = this;
    const rank = { 'risk-group': 0, site: 1, device: 2, link: 3 } as const;
    return [...new Set(xs)]
      .map((x): ElementRef => {
        if (x < n) return p.nodeKind[x] === SITE_NODE ? { kind: 'site', index: p.nodeSite[x]! } : { kind: 'device', index: x };
        if (x < n + m) return { kind: 'link', index: x - n };
        const g = x - n - m;
        return g < R ? { kind: 'risk-group', index: g } : { kind: 'site', index: g - R };
      })
      .sort((a, b) => rank[a.kind] - rank[b.kind] || a.index - b.index);
  }

  /**
   * {@link search} with partitioned branching on half the budget left, then, if that ran
   * out, with overlapping branching on the rest: both are exact, and on hard instances each
   * often finishes quickly where the other does not.
   */
  exact(active: Uint8Array, budget: Budget): SearchResult {
    const half: Budget = { limit: budget.steps + Math.ceil((budget.limit - budget.steps) / 2), deadline: budget.deadline, steps: budget.steps };
    const first = this.search(active, half, true);
    budget.steps = half.steps;
    if (first.status !== 'unknown') return first;
    const second = this.search(active, budget, false);
    return { ...second, steps: first.steps + second.steps };
  }

  /**
   * The exact search with the given active groups (see the module comment). `conflicts`
   * of a `none` are the group ids (not element ids) the proof relied on.
   *
   * A search node is a pair of element sets: A, which the first path must avoid, and B,
   * which the second path must avoid. The invariant: if an independent pair exists at all,
   * one exists whose first path avoids A and whose second path avoids B.
   */
  search(active: Uint8Array, budget: Budget, partition = true): SearchResult {
    this.active.set(active);
    this.setWeights();
    const start = budget.steps;
    const steps = (): number => budget.steps - start;
    // Two device- and link-disjoint paths first: often independent already.
    const pair = this.flowPair();
    if (!pair) return { status: 'none', conflicts: new Set(), steps: 0 };
    if (this.independent(pair[0], pair[1])) return { status: 'found', paths: pair, steps: 0 };

    const conflicts = new Set<number>();
    const memo = new Set<string>();
    const A = this.blocks();
    const B = this.blocks();
    const listA: number[] = [];
    const listB: number[] = [];
    let incomplete = false;
    const groupBase = this.n + this.m;
    const groupsTo = (xs: readonly number[]): void => {
      for (const x of xs) if (x >= groupBase) conflicts.add(x - groupBase);
    };
    const add = (x: number, blocks: Blocks, list: number[]): void => {
      this.apply(x, 1, blocks);
      list.push(x);
    };
    /** Takes the last `k` elements off a set again. */
    const drop = (k: number, blocks: Blocks, list: number[]): void => {
      for (let i = 0; i < k; i++) this.apply(list.pop()!, -1, blocks);
    };

    const solve = (): readonly [Path, Path] | null => {
      if (budget.steps >= budget.limit || (budget.deadline !== Infinity && performance.now() > budget.deadline)) {
        incomplete = true;
        return null;
      }
      budget.steps++;
      const a0 = listA.length;
      const b0 = listB.length;
      const finish = (r: readonly [Path, Path] | null): readonly [Path, Path] | null => {
        drop(listA.length - a0, A, listA);
        drop(listB.length - b0, B, listB);
        return r;
      };
      // Propagation to a fixpoint: an element every first path hits (a cut of the graph
      // minus A) must be avoided by the second path, so it joins B; an element every second
      // path hits joins A. A node without a first or a second path is closed.
      for (;;) {
        const first = this.bfs(A);
        if (!first) return finish(null);
        const toB = this.cutsOf(A, this.footprint(first)).filter((x) => !this.avoided(x, B));
        for (const x of toB) add(x, B, listB);
        groupsTo(toB);
        const second = this.bfs(B);
        if (!second) return finish(null);
        const toA = this.cutsOf(B, this.footprint(second)).filter((y) => !this.avoided(y, A));
        for (const y of toA) add(y, A, listA);
        groupsTo(toA);
        if (toA.length === 0) break;
      }
      const key = `${listA.slice().sort((x, y) => x - y).join(',')}|${listB.slice().sort((x, y) => x - y).join(',')}`;
      if (memo.has(key)) return finish(null);
      memo.add(key);

      const p1 = this.dijkstra(A)!;
      const fp = this.footprint(p1).filter((x) => !this.avoided(x, B));
      for (const x of fp) this.apply(x, 1, B);
      const p2 = this.bfs(B);
      if (p2) {
        for (const x of fp) this.apply(x, -1, B);
        return finish([trim(p1, this.isTo, this.from), trim(p2, this.isTo, this.from)]);
      }
      // Some elements T of P1 cut every second path: a solution's first path avoids one of
      // them. Branch i: the first path avoids t_i. Partitioned, a solution not in branches
      // j < i has a first path hitting t_j, so its second path avoids t_j (disjoint
      // branches); overlapping, branches share solutions (no B additions). Both are complete.
      const cut = this.minimalCut(fp, B);
      for (const x of cut) this.apply(x, -1, B);
      groupsTo(cut);
      for (const t of cut) {
        add(t, A, listA);
        const r = solve();
        drop(1, A, listA);
        if (r || incomplete) return finish(r);
        if (partition) add(t, B, listB);
      }
      return finish(null);
    };
    const found = solve();
    if (found) {
      if (!this.independent(found[0], found[1])) throw new Error('disjointPaths: internal error, the pair found is not independent');
      return { status: 'found', paths: found, steps: steps() };
    }
    return incomplete ? { status: 'unknown', steps: steps() } : { status: 'none', conflicts, steps: steps() };
  }

  /**
   * With every element of `fp` applied to `b` and no path left: an inclusion-minimal subset
   * of `fp` that still leaves no path. On return exactly that subset is applied to `b`.
   */
  private minimalCut(fp: readonly number[], b: Blocks): number[] {
    // Everything still reachable from the starts; the blocked nodes and links at its rim.
    const { offsets, neighbours, incidentEdges } = this.p;
    const { seen, queue, deadN, deadE } = this;
    const st = ++this.stamp;
    let tail = 0;
    for (const s of this.from) if (b.n[s] === 0) (seen[s] = st), (queue[tail++] = s);
    const rimN = new Uint8Array(this.n);
    const rimE = new Uint8Array(this.m);
    // A blocked start node is on the rim too.
    for (const s of this.from) if (b.n[s]! > 0 && !deadN[s]) rimN[s] = 1;
    let head = 0;
    while (head < tail) {
      const v = queue[head++]!;
      for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
        const w = neighbours[i]!;
        const e = incidentEdges[i]!;
        if (deadE[e] || deadN[w]) continue;
        if (b.e[e]! > 0) {
          rimE[e] = 1;
          continue;
        }
        if (b.n[w]! > 0) {
          rimN[w] = 1;
          continue;
        }
        if (seen[w] !== st) (seen[w] = st), (queue[tail++] = w);
      }
    }
    const onRim = (x: number): boolean => {
      const { n, m, p, R } = this;
      if (x < n) return rimN[x] === 1;
      if (x < n + m) return rimE[x - n] === 1;
      const g = x - n - m;
      if (g < R) {
        const N = p.riskGroupNodes;
        for (let i = N.offsets[g]!; i < N.offsets[g + 1]!; i++) if (rimN[N.members[i]!]) return true;
        const E = p.riskGroupEdges;
        for (let i = E.offsets[g]!; i < E.offsets[g + 1]!; i++) if (rimE[E.members[i]!]) return true;
        return false;
      }
      const S = p.siteNodes;
      for (let i = S.offsets[g - R]!; i < S.offsets[g - R + 1]!; i++) if (rimN[S.members[i]!]) return true;
      return false;
    };
    const kept: number[] = [];
    for (const x of fp) {
      if (onRim(x)) kept.push(x);
      else this.apply(x, -1, b);
    }
    // Greedy: try to drop the smallest elements first, so that the cut keeps the big ones
    // (a duct rather than the links in it).
    const order = kept.map((x) => ({ x, s: this.size(x) })).sort((a, c) => a.s - c.s || a.x - c.x);
    const out: number[] = [];
    for (const { x } of order) {
      this.apply(x, -1, b);
      if (this.bfs(b)) {
        this.apply(x, 1, b);
        out.push(x);
      }
    }
    return out;
  }

  /**
   * Two paths sharing no link and no device (bar shared ends), by two augmentations of a
   * unit-capacity flow with node splitting; null if there are no two.
   */
  flowPair(): readonly [Path, Path] | null {
    const { n, m, p, deadN, deadE, exempt } = this;
    // Node v: in = 2v, out = 2v + 1; source 2n, sink 2n + 1.
    const V = 2 * n + 2;
    const src = 2 * n;
    const snk = 2 * n + 1;
    const maxArcs = 2 * (n + this.from.length + this.to.length + 2 * m);
    const head = new Int32Array(V).fill(-1);
    const next = new Int32Array(maxArcs);
    const to = new Int32Array(maxArcs);
    const cap = new Int32Array(maxArcs);
    const edge = new Int32Array(maxArcs).fill(-1);
    let arcs = 0;
    const add = (a: number, b: number, c: number, e: number): number => {
      const i = arcs;
      to[arcs] = b;
      cap[arcs] = c;
      edge[arcs] = e;
      next[arcs] = head[a]!;
      head[a] = arcs++;
      to[arcs] = a;
      cap[arcs] = 0;
      edge[arcs] = e;
      next[arcs] = head[b]!;
      head[b] = arcs++;
      return i;
    };
    const nodeArc = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) if (!deadN[v]) nodeArc[v] = add(2 * v, 2 * v + 1, exempt[v] ? 2 : 1, -1);
    for (const s of this.from) add(src, 2 * s, 2, -1);
    for (const t of this.to) add(2 * t + 1, snk, 2, -1);
    const fwd = new Int32Array(m).fill(-1);
    for (let e = 0; e < m; e++) {
      const a = p.edgeA[e]!;
      const b = p.edgeB[e]!;
      if (deadE[e] || deadN[a] || deadN[b]) continue;
      fwd[e] = add(2 * a + 1, 2 * b, 1, e);
      add(2 * b + 1, 2 * a, 1, e);
    }
    const initial = cap.slice(0, arcs);
    const prevArc = new Int32Array(V);
    const q = new Int32Array(V);
    for (let flow = 0; flow < 2; flow++) {
      prevArc.fill(-2);
      prevArc[src] = -1;
      let h = 0;
      let t = 0;
      q[t++] = src;
      while (h < t && prevArc[snk] === -2) {
        const v = q[h++]!;
        for (let i = head[v]!; i >= 0; i = next[i]!) {
          const w = to[i]!;
          if (cap[i]! > 0 && prevArc[w] === -2) (prevArc[w] = i), (q[t++] = w);
        }
      }
      if (prevArc[snk] === -2) return null;
      for (let v = snk; v !== src; v = to[prevArc[v]! ^ 1]!) {
        const i = prevArc[v]!;
        cap[i]!--;
        cap[i ^ 1]!++;
      }
    }
    // Flow per arc. A link used both ways (a → b and b → a) carries nothing: cancel both
    // directions, and one unit through each end node, which keeps every node balanced.
    const flow = new Int32Array(arcs);
    for (let i = 0; i < arcs; i += 2) flow[i] = initial[i]! - cap[i]!;
    for (let e = 0; e < m; e++) {
      const i = fwd[e]!;
      if (i >= 0 && flow[i]! > 0 && flow[i + 2]! > 0) {
        flow[i]!--;
        flow[i + 2]!--;
        flow[nodeArc[p.edgeA[e]!]!]!--;
        flow[nodeArc[p.edgeB[e]!]!]!--;
      }
    }
    const walk = (): Path => {
      const nodes: number[] = [];
      const edges: number[] = [];
      let v = src;
      for (;;) {
        let i = head[v]!;
        while (i >= 0 && !(i % 2 === 0 && flow[i]! > 0)) i = next[i]!;
        if (i < 0) throw new Error('flow decomposition lost its way');
        flow[i]!--;
        const w = to[i]!;
        if (w === snk) break;
        if (w % 2 === 0) {
          if (edge[i]! >= 0) edges.push(edge[i]!);
          nodes.push(w / 2);
        }
        v = w;
      }
      return trim(dropLoops({ nodes, edges }), this.isTo, this.from);
    };
    return [walk(), walk()];
  }
}

/** CSR of (key, value) pairs keyed by `0 .. size - 1`. */
function invert(keys: readonly number[], values: readonly number[], size: number): [Int32Array, Int32Array] {
  const off = new Int32Array(size + 1);
  for (const k of keys) off[k + 1]!++;
  for (let i = 0; i < size; i++) off[i + 1]! += off[i]!;
  const fill = off.slice(0, size);
  const out = new Int32Array(keys.length);
  keys.forEach((k, i) => (out[fill[k]!++] = values[i]!));
  return [off, out];
}

/** Removes cycles from a walk: keeps the part after the last visit of each repeated node. */
function dropLoops(path: Path): Path {
  const nodes: number[] = [];
  const edges: number[] = [];
  const at = new Map<number, number>();
  path.nodes.forEach((v, i) => {
    const j = at.get(v);
    if (j !== undefined) {
      for (let k = j + 1; k < nodes.length; k++) at.delete(nodes[k]!);
      nodes.length = j + 1;
      edges.length = j;
      return;
    }
    if (i > 0) edges.push(path.edges[i - 1]!);
    at.set(v, nodes.length);
    nodes.push(v);
  });
  return { nodes, edges };
}

/** Cuts a path to its last start node before its first end node. */
function trim(path: Path, isTo: Uint8Array, from: readonly number[]): Path {
  let j = path.nodes.findIndex((v) => isTo[v] === 1);
  if (j < 0) j = path.nodes.length - 1;
  const starts = new Set(from);
  let i = 0;
  for (let k = 0; k <= j; k++) if (starts.has(path.nodes[k]!)) i = k;
  if (i === 0 && j === path.nodes.length - 1) return path;
  return { nodes: path.nodes.slice(i, j + 1), edges: path.edges.slice(i, j) };
}

/** A binary min-heap of (key, node) pairs, growable. */
class Heap {
  private keys = new Float64Array(64);
  private vals = new Int32Array(64);
  size = 0;

  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.vals = v;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.vals[i] = this.vals[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.vals[i] = val;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  pop(): number {
    const top = this.vals[0]!;
    const last = --this.size;
    const key = this.keys[last]!;
    const val = this.vals[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= key) break;
      this.keys[i] = this.keys[c]!;
      this.vals[i] = this.vals[c]!;
      i = c;
    }
    this.keys[i] = key;
    this.vals[i] = val;
    return top;
  }
}
