/**
 * The query shared by the independent-paths searches (see `disjointPaths.ts`): the graph
 * with its ends, exemptions and scratch space, and the passes over it (breadth-first search,
 * Dijkstra, footprints) that the certificates and the branch and bound are built from.
 */
import { masksOf, type MaskOptions } from '../graph/FailureMask.js';
import { Heap } from '../graph/Heap.js';
import type { Path } from '../graph/Path.js';
import { SITE_NODE, type ElementRef, type Projection } from './projection.js';

/**
 * Which elements two paths may share (see `disjointPaths.ts`). Without `shareSites`, the
 * node-to-node rule: elements that hold every start or every end node. With it, the service
 * rule: only these sites (the service's own site and the data-center sites) — every device
 * counts, the ends included, and every risk group.
 */
export interface ShareOptions {
  readonly shareSites?: readonly number[] | undefined;
}

/** Per-node and per-link block counters; > 0 = blocked. Failed elements start at 1. */
export interface Blocks {
  readonly n: Int32Array;
  readonly e: Int32Array;
}

/**
 * One question of the independent-paths searches: surviving ends, which groups count, and
 * scratch space. Members are public for the sibling modules (certificates, max-flow, branch
 * and bound); outside `src/engine/disjointPaths*` it is not used.
 *
 * Elements are numbered in one space: node `v` is `v`, link `e` is `n + e`, group `g` is
 * `n + m + g`, where groups are the risk groups (`0 .. R - 1`) then the sites (`R ..`).
 */
export class PathQuery {
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
  /** Failed nodes and links (1 = failed). */
  readonly deadN: Uint8Array;
  readonly deadE: Uint8Array;
  /** Node → groups and link → groups (CSR). */
  private readonly nodeGroupOff: Int32Array;
  private readonly nodeGroups: Int32Array;
  private readonly edgeGroupOff: Int32Array;
  private readonly edgeGroups: Int32Array;
  // Scratch.
  /** Pass counter: `seen[v] === stamp` marks node `v` as seen in the current pass. */
  stamp = 0;
  readonly seen: Int32Array;
  private readonly prevN: Int32Array;
  private readonly prevE: Int32Array;
  readonly queue: Int32Array;
  private gStamp = 0;
  private readonly gSeen: Int32Array;
  private weightN = new Float64Array(0);
  private weightE = new Float64Array(0);

  constructor(
    readonly p: Projection,
    from: readonly number[],
    to: readonly number[],
    options: MaskOptions & ShareOptions,
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
    const R = (this.R = p.riskGroupIds.length);
    const S = p.siteIds.length;
    this.active = new Uint8Array(R + S);
    if (options.shareSites) this.shareOnly(options.shareSites);
    else this.shareEnds(isFrom);

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

  /**
   * The node-to-node rule: an end that is the only node of its side is shared; a group is
   * outside the question if it holds every start node or every end node.
   */
  private shareEnds(isFrom: Uint8Array): void {
    const { p, R, n } = this;
    if (this.from.length === 1) this.exempt[this.from[0]!] = 1;
    if (this.to.length === 1) this.exempt[this.to[0]!] = 1;
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
    for (let s = 0; s < p.siteIds.length; s++) {
      const { offsets, members } = p.siteNodes;
      const lo = offsets[s]!;
      const hi = offsets[s + 1]!;
      this.active[R + s] = hi - lo >= 2 && !outside(members, lo, hi) ? 1 : 0;
    }
  }

  /**
   * The service rule: only the given sites are shared — their groups do not count, nor the
   * node of such a site without devices (failing it is failing the site). Every device,
   * every risk group and every other site of two or more nodes counts.
   */
  private shareOnly(sites: readonly number[]): void {
    const { p, R } = this;
    const shared = new Uint8Array(p.siteIds.length);
    for (const s of sites) shared[s] = 1;
    this.active.fill(1, 0, R);
    for (let s = 0; s < p.siteIds.length; s++) {
      const lo = p.siteNodes.offsets[s]!;
      const hi = p.siteNodes.offsets[s + 1]!;
      this.active[R + s] = hi - lo >= 2 && !shared[s] ? 1 : 0;
      if (shared[s]) for (let i = lo; i < hi; i++) if (p.nodeKind[p.siteNodes.members[i]!] === SITE_NODE) this.exempt[p.siteNodes.members[i]!] = 1;
    }
  }

  /** Fresh block counters: the failed elements blocked. */
  blocks(): Blocks {
    return { n: Int32Array.from(this.deadN), e: Int32Array.from(this.deadE) };
  }

  /** The element id of group `g` (risk group, or site `g - R`). */
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
  size(x: number): number {
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
    const { offsets, neighbours } = this.p;
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
        const e = this.openArc(i, st, b);
        if (e < 0) continue;
        const w = neighbours[i]!;
        seen[w] = st;
        prevN[w] = v;
        prevE[w] = e;
        if (isTo[w]) return this.trace(w);
        queue[tail++] = w;
      }
    }
    return null;
  }

  /**
   * The link of adjacency arc `i` if the search pass `st` may cross it: its far node is not
   * seen in this pass and neither that node nor the link is blocked in `b`; else -1.
   */
  private openArc(i: number, st: number, b: Blocks): number {
    const w = this.p.neighbours[i]!;
    if (this.seen[w] === st || b.n[w]! > 0) return -1;
    const e = this.p.incidentEdges[i]!;
    if (b.e[e]! > 0) return -1;
    return e;
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
  dijkstra(b: Blocks, weightN: Float64Array = this.weightN, weightE: Float64Array = this.weightE): Path | null {
    const { offsets, neighbours } = this.p;
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
        const e = this.openArc(i, st, b);
        if (e < 0) continue;
        const w = neighbours[i]!;
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
  setWeights(): void {
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
