/**
 * Survivability and the SPOF report (BRIEF §4): for every service, is it up, does it
 * survive every single failure element (device, link, site, risk group) other than its own
 * site, and which elements break it; for every element, the services its failure breaks.
 *
 * No graph search per (service × element). Three parts, each near-linear:
 *
 * 1. **Single nodes** (devices, and sites with one node): only a service's own attach
 *    points and instances, and the articulation points on the block-cut-tree paths from one
 *    of its attach points p0 to one instance of each application it needs, can break it.
 *    For a candidate cut vertex v, the piece of G − v that holds a node x is read off the
 *    rooted block-cut tree in O(log degree): the child subtree of v that holds x, or v's
 *    parent. Cost per service: its terminals times (their number + the path lengths).
 * 2. **Single links**: likewise with the bridges on the bridge tree (2-edge-connected
 *    components joined by bridges): a bridge splits its tree into the subtree below it and
 *    the rest.
 * 3. **Multi-element failures** (sites with several nodes, risk groups): one component pass
 *    per failure, made local, and skipped when it cannot matter:
 *    - *Skipped* unless the failure holds p0, an instance on a walked path or a cut vertex
 *      on it, a bridge on it, or two elements of one block on it (a block of more than one
 *      edge is 2-connected: one element inside cannot cut it) for some service.
 *    - *Local*: searches start at the surviving neighbours of the failure and take turns;
 *      a search that reaches a node whose path to its component's root in a fixed
 *      breadth-first spanning forest avoids the failure has reached the main piece and
 *      stops. When at most one group of searches per component is still growing, the
 *      exhausted ones are the pieces cut off and the rest is the main piece, left
 *      unexplored. Past a budget (half the graph) the pass becomes a full component pass,
 *      so the worst case is one linear pass per failure.
 *    - Only services attached in the failure or in a piece cut off, or needing an
 *      application whose instances all left the main piece, are evaluated.
 *
 * With `failed`, everything runs on G − F: "up at baseline" then means "up under F", and
 * the breakers are the elements that break a service on top of F (the what-if's
 * "degraded"). `exposedServices` tells which services a further failure can affect at all
 * (their footprint in the block-cut tree), so a what-if re-analyses only those.
 */
import { biconnectedComponents } from './biconnectedComponents.js';
import { blockCutTree } from './blockCutTree.js';
import { connectedComponents } from './connectedComponents.js';
import { masksOf, type MaskOptions } from './FailureMask.js';
import { groupPairs, type Groups } from './groupBy.js';
import { DEVICE_NODE, type Projection } from './projection.js';
import { serviceUp, type ServiceModel } from './services.js';
import { twoEdgeConnectedComponents } from './twoEdgeConnectedComponents.js';

/** The kinds of failure element. */
export type ElementKind = 'device' | 'link' | 'site' | 'risk-group';

/**
 * A failure element: `index` is a node (device), an edge (link), a site or a risk group
 * of the projection, as in `ElementRef`. The node of a site without devices is its `site`.
 */
export interface FailureElement {
  readonly id: string;
  readonly kind: ElementKind;
  readonly index: number;
}

/** The verdict of one service. */
export interface ServiceSurvivability {
  /** Up with nothing (more) failed: nothing, or only `options.failed`. */
  readonly upAtBaseline: boolean;
  /** False for a service left out by `options.services`: then only `upAtBaseline` is known. */
  readonly analysed: boolean;
  /** Up at baseline and up under every single further failure element other than its own site. */
  readonly survives: boolean;
  /**
   * The elements whose single failure breaks it, in element order (devices, links, sites,
   * risk groups; each by index). Empty when it survives, and empty when it is down at
   * baseline: then nothing breaks it, it is already broken (`upAtBaseline` false).
   */
  readonly breakers: readonly FailureElement[];
}

/** One single point of failure: an element whose failure breaks at least one service. */
export interface Spof {
  readonly element: FailureElement;
  /** The services it breaks, ascending service indices (up at baseline, down after). */
  readonly breaks: readonly number[];
}

/** Counters of the work done, for benchmarks and tests of the algorithm's shape. */
export interface SurvivabilityStats {
  /** Single node failures evaluated for one service (candidates: not every node). */
  readonly nodeChecks: number;
  /** Single link failures evaluated for one service (candidates: bridges on paths). */
  readonly linkChecks: number;
  /** Multi-element failures (sites, risk groups) that needed a component pass. */
  readonly multiPasses: number;
  /** Multi-element failures skipped: they hold no block any analysed service depends on. */
  readonly multiSkipped: number;
  /** Of these, how many grew past the budget of the local pass and ran a full pass. */
  readonly fullPasses: number;
  /** Nodes expanded by the local passes in total. */
  readonly expanded: number;
  /** Services evaluated after multi-element failures. */
  readonly multiChecks: number;
}

/** The result of {@link analyzeSurvivability}. */
export interface Survivability {
  /** Per service, by service index of the `ServiceModel`. */
  readonly services: readonly ServiceSurvivability[];
  /** Every element that breaks at least one service, in element order. */
  readonly spofs: readonly Spof[];
  readonly stats: SurvivabilityStats;
}

/** Options of {@link analyzeSurvivability}. */
export interface SurvivabilityOptions extends MaskOptions {
  /**
   * Analyse only these services (indices); the others get `upAtBaseline` only
   * (`analysed: false`, `survives: false`, no breakers) and count in no SPOF. Used by the
   * what-if to re-check just the services that could lose their redundancy.
   */
  services?: ArrayLike<number> | undefined;
  /**
   * Knobs of the multi-element passes, for tests that force their fallbacks: `budget`,
   * slots a local pass may scan before it gives way to a full component pass (default
   * half the graph); `maxSubtrees`, failed tree elements up to which the spanning-tree
   * shortcut is used (default 32). Results never depend on them.
   */
  tuning?: { budget?: number | undefined; maxSubtrees?: number | undefined } | undefined;
}

/** A rooted forest over tree vertices, with DFS entry times for subtree tests. */
interface RootedForest {
  /** Parent vertex, -1 at a root. */
  readonly parent: Int32Array;
  /** The graph edge to the parent (bridge trees), -1 at a root or where not given. */
  readonly parentEdge: Int32Array;
  readonly depth: Int32Array;
  /** Entry time; the subtree of t is the vertices with tin in tin[t] .. tout[t]. */
  readonly tin: Int32Array;
  readonly tout: Int32Array;
  /** Children of each vertex in entry-time order (for binary search). */
  readonly children: Groups;
}

/**
 * Roots every tree of a forest given as CSR adjacency (`targets[k]` over slot ranges
 * `offsets`) by an iterative DFS; roots are taken in vertex order, so the smallest vertex
 * of each tree is its root.
 */
function rootForest(count: number, offsets: Int32Array, targets: Int32Array, slotEdge?: Int32Array): RootedForest {
  const parent = new Int32Array(count).fill(-1);
  const parentEdge = new Int32Array(count).fill(-1);
  const depth = new Int32Array(count);
  const tin = new Int32Array(count).fill(-1);
  const tout = new Int32Array(count);
  const next = new Int32Array(count);
  const stack = new Int32Array(count);
  const order = new Int32Array(count);
  let time = 0;
  for (let r = 0; r < count; r++) {
    if (tin[r]! >= 0) continue;
    order[time] = r;
    tin[r] = time++;
    next[r] = offsets[r]!;
    let sp = 0;
    stack[sp++] = r;
    while (sp > 0) {
      const t = stack[sp - 1]!;
      const k = next[t]!;
      if (k < offsets[t + 1]!) {
        next[t] = k + 1;
        const u = targets[k]!;
        if (tin[u]! >= 0) continue;
        order[time] = u;
        tin[u] = time++;
        parent[u] = t;
        if (slotEdge) parentEdge[u] = slotEdge[k]!;
        depth[u] = depth[t]! + 1;
        next[u] = offsets[u]!;
        stack[sp++] = u;
      } else {
        tout[t] = time - 1;
        sp--;
      }
    }
  }
  // Children grouped by parent, in entry-time order.
  const from = new Int32Array(count);
  const to = new Int32Array(count);
  let pairs = 0;
  for (let i = 0; i < count; i++) {
    const u = order[i]!;
    if (parent[u]! >= 0) {
      from[pairs] = parent[u]!;
      to[pairs++] = u;
    }
  }
  return { parent, parentEdge, depth, tin, tout, children: groupPairs(from.subarray(0, pairs), to.subarray(0, pairs), count) };
}

/** A growable list of (a, b) integer pairs. */
class Pairs {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  length = 0;
  push(x: number, y: number): void {
    if (this.length === this.a.length) {
      const a = new Int32Array(this.length * 2);
      a.set(this.a);
      this.a = a;
      const b = new Int32Array(this.length * 2);
      b.set(this.b);
      this.b = b;
    }
    this.a[this.length] = x;
    this.b[this.length++] = y;
  }
}

/**
 * Survivability of every service and the SPOF list (see the module comment for the method).
 *
 * @param p the projection.
 * @param m the services over `p`.
 * @param options `failed`: elements already failed (the analysis runs on G − F).
 */
export function analyzeSurvivability(p: Projection, m: ServiceModel, options?: SurvivabilityOptions): Survivability {
  const F = masksOf(p, options);
  const n = p.nodeCount;
  const { edgeA, edgeB } = p;
  const { attach, needs, appInstances } = m;

  // ---- Structures of G − F ----------------------------------------------------------
  const cc = connectedComponents(p, { failed: F });
  const comp0 = cc.component;
  const compCount = cc.count;
  const bcc = biconnectedComponents(p, { failed: F });
  const bct = blockCutTree(p, bcc);
  const B = bct.blockCount;
  const T = B + bct.cutNodes.length;
  const bcf = rootForest(T, bct.adjacency.offsets, bct.adjacency.members);
  /** Tree vertex of a node in the block-cut forest, -1 if it has no surviving edge. */
  const treeOf = (x: number): number => (bct.nodeCut[x]! >= 0 ? B + bct.nodeCut[x]! : bct.nodeBlock[x]!);

  const two = twoEdgeConnectedComponents(p, { failed: F, decomposition: bcc });
  const cls = two.component;
  const bridgeFrom: number[] = [];
  const bridgeTo: number[] = [];
  const bridgeSlot: number[] = [];
  for (let k = 0; k < bcc.bridges.length; k++) {
    const e = bcc.bridges[k]!;
    bridgeFrom.push(cls[edgeA[e]!]!, cls[edgeB[e]!]!);
    bridgeTo.push(2 * k, 2 * k + 1);
    bridgeSlot.push(e, e);
  }
  // Bridge-tree adjacency as CSR: slot j leads to class bridgeTarget[j] over bridge bridgeEdge[j].
  const bridgeAdj = groupPairs(bridgeFrom, bridgeTo, two.count);
  const bridgeTarget = new Int32Array(bridgeAdj.members.length);
  const bridgeEdge = new Int32Array(bridgeAdj.members.length);
  for (let j = 0; j < bridgeAdj.members.length; j++) {
    const k = bridgeAdj.members[j]!;
    const e = bridgeSlot[k]!;
    // Slot 2k is the a-end's entry (leads to b), 2k + 1 the b-end's (leads to a).
    bridgeTarget[j] = k % 2 === 0 ? cls[edgeB[e]!]! : cls[edgeA[e]!]!;
    bridgeEdge[j] = e;
  }
  const btf = rootForest(two.count, bridgeAdj.offsets, bridgeTarget, bridgeEdge);

  // ---- Baseline --------------------------------------------------------------------------
  const S = m.count;
  const analysed = new Uint8Array(S);
  if (options?.services) for (const s of Array.from(options.services)) analysed[s] = 1;
  else analysed.fill(1);
  const upBase = new Uint8Array(S);
  for (let s = 0; s < S; s++) upBase[s] = serviceUp(m, s, comp0) ? 1 : 0;

  // ---- Parts 1 and 2: single nodes and single links, per service ---------------------------
  const nodePairs = new Pairs();
  const edgePairs = new Pairs();
  const keySpace = 2 + T + compCount;
  const attachMark = new Int32Array(keySpace);
  const appMark = new Int32Array(keySpace);
  const keyCount = new Int32Array(keySpace);
  const nodeCand = new Int32Array(n);
  const edgeCand = new Int32Array(p.edgeCount);
  const cands = new Int32Array(Math.max(n, p.edgeCount));
  let candCount = 0;
  const good = new Int32Array(n);
  let goodCount = 0;
  const keys = new Int32Array(n + 1);
  let evalToken = 0;
  let appToken = 0;
  let candToken = 0;
  let nodeChecks = 0;
  let linkChecks = 0;
  // Blocks (and nodes) that some analysed service depends on: a multi-element failure
  // that holds none of them cannot break any analysed service (see part 3).
  const relevantBlock = new Uint8Array(B);
  const relevantNode = new Uint8Array(n);

  // What failed in the check under way: mode 0 = the node `failedNode` (with `failedTree`
  // its tree vertex if it is a cut vertex, else -1); mode 1 = the bridge whose lower side
  // is the bridge-tree subtree of `failedBelow`. `failedComp` is the component hit.
  let mode = 0;
  let failedNode = -1;
  let failedTree = -1;
  let failedBelow = -1;
  let failedComp = -1;

  /**
   * The piece of G − failure holding the surviving node x (not the failed node), as a key:
   * for a cut vertex v, the tree vertex next to v towards x; for a bridge, 0 or 1 by side;
   * otherwise (x elsewhere, or the failure splits nothing) 2 + T + x's component.
   */
  const piece = (x: number): number => {
    const c = comp0[x]!;
    if (c !== failedComp) return 2 + T + c;
    if (mode === 1) {
      const k = cls[x]!;
      return btf.tin[failedBelow]! <= btf.tin[k]! && btf.tin[k]! <= btf.tout[failedBelow]! ? 1 : 0;
    }
    const tv = failedTree;
    if (tv < 0) return 2 + T + c;
    const t = bct.nodeCut[x]! >= 0 ? B + bct.nodeCut[x]! : bct.nodeBlock[x]!;
    const tt = bcf.tin[t]!;
    if (bcf.tin[tv]! < tt && tt <= bcf.tout[tv]!) {
      // The child of tv whose subtree holds t: binary search over children by entry time.
      const co = bcf.children.offsets;
      const ch = bcf.children.members;
      let lo = co[tv]!;
      let hi = co[tv + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (bcf.tin[ch[mid]!]! <= tt) lo = mid;
        else hi = mid - 1;
      }
      return ch[lo]!;
    }
    return bcf.parent[tv]!;
  };

  /**
   * Is service s up after the failure described by the `failed…` variables? Only its good
   * attach points (`good`) can serve: a failure never makes another one good.
   */
  const upAfter = (s: number): boolean => {
    const tok = ++evalToken;
    let keyN = 0;
    for (let g = 0; g < goodCount; g++) {
      const q = good[g]!;
      if (q === failedNode) continue;
      const k = piece(q);
      if (attachMark[k] !== tok) {
        attachMark[k] = tok;
        keyCount[k] = 0;
        keys[keyN++] = k;
      }
    }
    if (keyN === 0) return false;
    let need = 0;
    for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]!; j++) {
      const a = needs.members[j]!;
      const at = ++appToken;
      need++;
      let any = false;
      for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]!; i++) {
        const x = appInstances.members[i]!;
        if (x === failedNode || comp0[x] !== failedComp) continue;
        const k = piece(x);
        if (attachMark[k] === tok && appMark[k] !== at) {
          appMark[k] = at;
          keyCount[k] = keyCount[k]! + 1;
          any = true;
        }
      }
      if (!any) return false;
    }
    for (let i = 0; i < keyN; i++) if (keyCount[keys[i]!] === need) return true;
    return false;
  };

  /** True if some surviving instance of every needed application is in component c. */
  const allNeedsIn = (s: number, c: number): boolean => {
    for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]!; j++) {
      const a = needs.members[j]!;
      let found = false;
      for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]! && !found; i++) found = comp0[appInstances.members[i]!] === c;
      if (!found) return false;
    }
    return true;
  };

  const addNode = (v: number, ct: number): void => {
    if (nodeCand[v] !== ct) {
      nodeCand[v] = ct;
      cands[candCount++] = v;
    }
  };
  /** A tree vertex on a path from p0 to an instance: a candidate cut vertex, or a block. */
  const onPath = (t: number, ct: number): void => {
    if (t >= B) {
      const v = bct.cutNodes[t - B]!;
      addNode(v, ct);
      relevantNode[v] = 1;
    } else relevantBlock[t] = 1;
  };
  const addEdge = (e: number, ct: number): void => {
    if (edgeCand[e] !== ct) {
      edgeCand[e] = ct;
      cands[candCount++] = e;
    }
  };

  for (let s = 0; s < S; s++) {
    if (!upBase[s] || !analysed[s]) continue;
    goodCount = 0;
    let C = -1;
    let split = false;
    for (let k = attach.offsets[s]!; k < attach.offsets[s + 1]!; k++) {
      const q = attach.members[k]!;
      const c = comp0[q]!;
      if (c < 0 || !allNeedsIn(s, c)) continue;
      if (C < 0) C = c;
      else if (c !== C) split = true;
      good[goodCount++] = q;
    }
    if (goodCount === 0) continue;
    const p0 = good[0]!;
    relevantNode[p0] = 1;

    // Node candidates: good attach points, instances in C, and the cut vertices on the
    // block-cut tree paths from p0 to one instance of each needed application (whose
    // blocks are marked relevant on the way).
    const ct = ++candToken;
    candCount = 0;
    for (let g = 0; g < goodCount; g++) addNode(good[g]!, ct);
    const t0 = treeOf(p0);
    for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]!; j++) {
      const a = needs.members[j]!;
      let first = -1;
      for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]!; i++) {
        const x = appInstances.members[i]!;
        if (comp0[x] !== C) continue;
        addNode(x, ct);
        if (first < 0) first = x;
      }
      if (first < 0) continue;
      relevantNode[first] = 1;
      if (t0 < 0 || first === p0) continue;
      let u = t0;
      let w = treeOf(first);
      while (u !== w) {
        if (bcf.depth[u]! >= bcf.depth[w]!) {
          onPath(u, ct);
          u = bcf.parent[u]!;
        } else {
          onPath(w, ct);
          w = bcf.parent[w]!;
        }
      }
      onPath(u, ct);
    }
    // Good attach points in two components: no single node or link reaches both.
    if (split) continue;
    mode = 0;
    failedComp = C;
    failedBelow = -1;
    for (let i = 0; i < candCount; i++) {
      const v = cands[i]!;
      nodeChecks++;
      failedNode = v;
      failedTree = bct.nodeCut[v]! >= 0 ? B + bct.nodeCut[v]! : -1;
      if (!upAfter(s)) nodePairs.push(v, s);
    }

    // Link candidates: bridges on the bridge-tree paths from p0 to one instance of each app.
    candCount = 0;
    const k0 = cls[p0]!;
    for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]!; j++) {
      const a = needs.members[j]!;
      let first = -1;
      for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]! && first < 0; i++) {
        const x = appInstances.members[i]!;
        if (comp0[x] === C) first = x;
      }
      let u = k0;
      let w = cls[first]!;
      while (u !== w) {
        if (btf.depth[u]! >= btf.depth[w]!) {
          addEdge(btf.parentEdge[u]!, ct);
          u = btf.parent[u]!;
        } else {
          addEdge(btf.parentEdge[w]!, ct);
          w = btf.parent[w]!;
        }
      }
    }
    mode = 1;
    failedNode = -1;
    failedTree = -1;
    for (let i = 0; i < candCount; i++) {
      const e = cands[i]!;
      linkChecks++;
      const a = cls[edgeA[e]!]!;
      const b = cls[edgeB[e]!]!;
      failedBelow = btf.parent[a] === b && btf.parentEdge[a] === e ? a : b;
      if (!upAfter(s)) edgePairs.push(e, s);
    }
  }
  const nodeBreaks = groupPairs(nodePairs.a.subarray(0, nodePairs.length), nodePairs.b.subarray(0, nodePairs.length), n);
  const edgeBreaks = groupPairs(edgePairs.a.subarray(0, edgePairs.length), edgePairs.b.subarray(0, edgePairs.length), p.edgeCount);

  // ---- Part 3: multi-element failures --------------------------------------------------
  //
  // To break service s, a failure X must cut its first good attach point p0 off from
  // every instance of some application, so in particular from the instance i the path
  // walk above went to. Every p0–i path runs through the blocks on their block-cut tree
  // path, entering and leaving each at a cut vertex (or p0, i). So X holds p0, i or a cut
  // vertex on that path (all marked in relevantNode), or it cuts entry from exit inside
  // one block of the path (marked in relevantBlock): the one edge of a bridge block, or,
  // as a block of more is 2-connected, at least two of its nodes and edges. A failure that
  // does none of this for any analysed service needs no component pass.
  const blockStamp = new Int32Array(B);
  const blockHits = new Int32Array(B);
  const blockSeenBy = new Int32Array(B);
  let hitToken = 0;
  let nodeToken = 0;
  /** Counts one more element of X in block b; true once that can separate within b. */
  const hit = (b: number): boolean => {
    if (b < 0 || !relevantBlock[b]) return false;
    if (blockStamp[b] !== hitToken) {
      blockStamp[b] = hitToken;
      blockHits[b] = 0;
    }
    blockHits[b] = blockHits[b]! + 1;
    return blockHits[b]! >= (bcc.blockOffsets[b + 1]! - bcc.blockOffsets[b]! === 1 ? 1 : 2);
  };
  /** Can this failure (new nodes and edges on top of F) break an analysed service at all? */
  const relevant = (nodes: Int32Array, nodeCount: number, edges: Int32Array, edgeCount: number): boolean => {
    hitToken++;
    for (let k = 0; k < nodeCount; k++) {
      const v = nodes[k]!;
      if (relevantNode[v]) return true;
      if (bct.nodeCut[v]! < 0) {
        if (hit(bct.nodeBlock[v]!)) return true;
        continue;
      }
      // A cut vertex is a node of each of its blocks: count it once in each.
      const nt = ++nodeToken;
      for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
        const b = bcc.edgeBlock[p.incidentEdges[i]!]!;
        if (b < 0 || blockSeenBy[b] === nt) continue;
        blockSeenBy[b] = nt;
        if (hit(b)) return true;
      }
    }
    for (let k = 0; k < edgeCount; k++) if (hit(bcc.edgeBlock[edges[k]!]!)) return true;
    return false;
  };
  const multi = multiElementAnalysis(p, m, F, comp0, compCount, upBase, analysed, relevant, options?.tuning);

  // ---- Assembly -----------------------------------------------------------------------------
  // Objects only for elements that break something and services that something breaks:
  // most of the 10^5 elements of a large estate break nothing.
  const spofs: Spof[] = [];
  const breakers: (FailureElement[] | undefined)[] = new Array<FailureElement[] | undefined>(S);
  const add = (kind: ElementKind, index: number, id: string, breaks: readonly number[]): void => {
    if (breaks.length === 0) return;
    const element: FailureElement = { id, kind, index };
    spofs.push({ element, breaks });
    for (const s of breaks) (breakers[s] ??= []).push(element);
  };
  const NONE: readonly number[] = [];
  const slice = (g: Groups, i: number, skipSite = -1): readonly number[] => {
    const from = g.offsets[i]!;
    const to = g.offsets[i + 1]!;
    if (from === to) return NONE;
    const out: number[] = [];
    for (let k = from; k < to; k++) {
      const s = g.members[k]!;
      if (m.site[s] !== skipSite) out.push(s);
    }
    return out;
  };
  for (let v = 0; v < n; v++) if (p.nodeKind[v] === DEVICE_NODE) add('device', v, p.nodeIds[v]!, slice(nodeBreaks, v));
  for (let e = 0; e < p.edgeCount; e++) add('link', e, p.edgeIds[e]!, slice(edgeBreaks, e));
  const fromEffect = (effect: Effect, skipSite: number): readonly number[] =>
    effect.kind === 'node' ? slice(nodeBreaks, effect.index, skipSite) : effect.kind === 'edge' ? slice(edgeBreaks, effect.index, skipSite) : effect.kind === 'pass' ? effect.breaks : NONE;
  for (let t = 0; t < p.siteIds.length; t++) add('site', t, p.siteIds[t]!, fromEffect(multi.site(t), t));
  for (let g = 0; g < p.riskGroupIds.length; g++) add('risk-group', g, p.riskGroupIds[g]!, fromEffect(multi.riskGroup(g), -1));

  const services: ServiceSurvivability[] = new Array<ServiceSurvivability>(S);
  const noBreakers: readonly FailureElement[] = Object.freeze([]);
  for (let s = 0; s < S; s++) {
    const list = breakers[s] ?? noBreakers;
    services[s] = { upAtBaseline: upBase[s] === 1, analysed: analysed[s] === 1, survives: analysed[s] === 1 && upBase[s] === 1 && list.length === 0, breakers: list };
  }
  const result: Survivability = {
    services,
    spofs,
    stats: {
      nodeChecks,
      linkChecks,
      multiPasses: multi.stats.passes,
      multiSkipped: multi.stats.skipped,
      fullPasses: multi.stats.fullPasses,
      expanded: multi.stats.expanded,
      multiChecks: multi.stats.checks,
    },
  };

  // The footprint of each service that is up, for `exposedServices`: the blocks of G − F
  // between its good attach points and the instances they use (the Steiner subtree of
  // these terminals in the block-cut tree). Every simple path between two terminals runs
  // inside it, so a further failure that holds none of its nodes and edges changes nothing
  // for the service, whatever else fails with it.
  footprints.set(result, (more: MaskLike, survivingOnly: boolean): Int32Array => {
    const markBlock = new Uint8Array(B);
    const markNode = new Uint8Array(n);
    const moreNodes = more.nodes;
    const moreEdges = more.edges;
    if (moreNodes)
      for (let v = 0; v < n; v++) {
        if (!moreNodes[v] || F.nodes[v]) continue;
        markNode[v] = 1;
        for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
          const b = bcc.edgeBlock[p.incidentEdges[i]!]!;
          if (b >= 0) markBlock[b] = 1;
        }
      }
    if (moreEdges)
      for (let e = 0; e < p.edgeCount; e++) {
        if (!moreEdges[e] || F.edges[e]) continue;
        const b = bcc.edgeBlock[e]!;
        if (b >= 0) markBlock[b] = 1;
      }
    /** Does the tree path between the nodes r and x (same component) hold a marked block? */
    const pathMarked = (r: number, x: number): boolean => {
      if (markNode[x]) return true;
      let u = treeOf(r);
      let w = treeOf(x);
      if (u < 0 || w < 0) return false;
      while (u !== w) {
        if (bcf.depth[u]! >= bcf.depth[w]!) {
          if (u < B && markBlock[u]) return true;
          u = bcf.parent[u]!;
        } else {
          if (w < B && markBlock[w]) return true;
          w = bcf.parent[w]!;
        }
      }
      return u < B && markBlock[u] === 1;
    };
    const out: number[] = [];
    for (let s = 0; s < S; s++) {
      if (survivingOnly ? !services[s]!.survives : !(analysed[s] && upBase[s])) continue;
      let hit = false;
      for (let k = attach.offsets[s]!; k < attach.offsets[s + 1]! && !hit; k++) {
        const r = attach.members[k]!;
        const c = comp0[r]!;
        if (c < 0 || !allNeedsIn(s, c)) continue;
        // r is a good attach point: its paths to the other good attach points of its
        // component and to every instance there span the footprint's part in c.
        if (markNode[r]) hit = true;
        for (let k2 = attach.offsets[s]!; k2 < attach.offsets[s + 1]! && !hit; k2++) {
          const q = attach.members[k2]!;
          if (q !== r && comp0[q] === c) hit = pathMarked(r, q);
        }
        for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]! && !hit; j++) {
          const a = needs.members[j]!;
          for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]! && !hit; i++) {
            const x = appInstances.members[i]!;
            if (comp0[x] === c) hit = pathMarked(r, x);
          }
        }
      }
      if (hit) out.push(s);
    }
    return Int32Array.from(out);
  });
  return result;
}

/** Node and edge flags of further failures (1 = failed); either may be omitted. */
export interface MaskLike {
  readonly nodes?: Uint8Array | undefined;
  readonly edges?: Uint8Array | undefined;
}

const footprints = new WeakMap<Survivability, (more: MaskLike, survivingOnly: boolean) => Int32Array>();

/**
 * The analysed services of `result` that are up and that further failures `more` (on top
 * of the analysis' own `failed`) could affect: their footprint — the blocks between their
 * attach points and the instances they use — holds a node or edge of `more`. Any other
 * such service stays up under `more`, and `more` plus any single element breaks it
 * exactly when that element alone does: its verdict and breakers do not change. So only
 * these can go down, be degraded or gain breakers. O(nodes + edges) plus a tree walk per
 * attach point and instance of each service looked at.
 *
 * @param options `survivingOnly`: look only at services that survive (for "degraded").
 *
 * For a result that did not come from `analyzeSurvivability` in this thread (e.g. a
 * structured clone), every service it would look at is returned.
 */
export function exposedServices(result: Survivability, more: MaskLike, options: { survivingOnly?: boolean } = {}): Int32Array {
  const survivingOnly = options.survivingOnly === true;
  const f = footprints.get(result);
  if (f) return f(more, survivingOnly);
  const out: number[] = [];
  result.services.forEach((s, i) => (survivingOnly ? s.survives : s.analysed && s.upAtBaseline) && out.push(i));
  return Int32Array.from(out);
}

/**
 * What a multi-element failure amounts to on top of F: nothing new, one node, one edge
 * (reuse the single-failure results), or a component pass with the services it breaks.
 */
type Effect = { kind: 'none' } | { kind: 'node'; index: number } | { kind: 'edge'; index: number } | { kind: 'pass'; breaks: readonly number[] };

/**
 * Local component passes for sites and risk groups (part 3 of the module comment). Shares
 * scratch arrays across failures; each failure restores what it changed.
 */
function multiElementAnalysis(
  p: Projection,
  m: ServiceModel,
  F: { nodes: Uint8Array; edges: Uint8Array },
  comp0: Int32Array,
  compCount: number,
  upBase: Uint8Array,
  analysed: Uint8Array,
  relevant: (nodes: Int32Array, nodeCount: number, edges: Int32Array, edgeCount: number) => boolean,
  tuning: SurvivabilityOptions['tuning'],
) {
  const n = p.nodeCount;
  const { offsets, neighbours, incidentEdges, edgeA, edgeB } = p;
  const S = m.count;

  // Reverse indexes: node → services attaching there; node → applications with an instance
  // there; application → services needing it.
  const slotOwner = (g: Groups, count: number): Int32Array => {
    const owner = new Int32Array(g.members.length);
    for (let i = 0; i < count; i++) owner.fill(i, g.offsets[i]!, g.offsets[i + 1]!);
    return owner;
  };
  const attachByNode = groupPairs(m.attach.members, slotOwner(m.attach, S), n);
  const appsByNode = groupPairs(m.appInstances.members, slotOwner(m.appInstances, m.appIds.length), n);
  const needersByApp = groupPairs(m.needs.members, slotOwner(m.needs, S), m.appIds.length);

  // Working masks: F plus the failure under test (only its new members are set and cleared).
  const deadNode = F.nodes.slice();
  const deadEdge = F.edges.slice();
  // Component labels after the failure under test: comp0, with the failed nodes at -1 and
  // the pieces cut off renumbered from compCount (restored after each failure).
  const label = comp0.slice();
  const seen = new Int32Array(n);
  const owner = new Int32Array(n);
  const qnext = new Int32Array(n);
  // Searches: one per seed not in the main piece, plus one per component for its root's
  // group (at most one per seed): fewer than 2n.
  const head = new Int32Array(2 * n + 1);
  const tail = new Int32Array(2 * n + 1);
  const uf = new Int32Array(2 * n + 1);
  const active = new Int32Array(2 * n + 1);
  const searchComp = new Int32Array(2 * n + 1);
  const rootLabel = new Int32Array(2 * n + 1);
  const rootStamp = new Int32Array(2 * n + 1);
  let running = new Int32Array(n);
  let nextRunning = new Int32Array(n);
  // Per component of G − F: stamp of the failure touching it, and its growing groups.
  const compActive = new Int32Array(compCount);
  const compStamp = new Int32Array(compCount);
  const labelMark = new Int32Array(compCount + n + 1);
  const appStamp = new Int32Array(m.appIds.length);
  const serviceStamp = new Int32Array(S);
  const newNodeStamp = new Int32Array(n);
  // Lists, as buffers with counts.
  const newNodes = new Int32Array(n);
  let newNodeCount = 0;
  const newEdges = new Int32Array(p.edgeCount);
  let newEdgeCount = 0;
  const visited = new Int32Array(n);
  let visitedCount = 0;
  const explored = new Int32Array(n);
  let exploredCount = 0;
  const apps = new Int32Array(m.appIds.length);
  let appCount = 0;
  const cands = new Int32Array(S);
  let candCount = 0;
  let runningCount = 0;
  let searches = 0;
  let unsettled = 0;
  let token = 0;
  let labelToken = 0;
  const budget = tuning?.budget ?? Math.max(1024, (n + p.edgeCount) >> 1);
  const stats = { passes: 0, skipped: 0, fullPasses: 0, expanded: 0, checks: 0 };

  // A breadth-first spanning forest of G − F, rooted at a node of highest degree in each
  // component, with DFS entry/exit times. A node whose tree path to the root holds no
  // failed node or edge ("clean") is in the root's piece: a search reaching one is in the
  // main piece and stops growing. So searches only explore below the failure, instead of
  // growing from every side until they meet (which, around a ring, is most of the graph).
  const forest = spanningForest(p, F, comp0, compCount);
  const MAX_INTERVALS = tuning?.maxSubtrees ?? 32;
  const dirtyFrom = new Int32Array(MAX_INTERVALS);
  const dirtyTo = new Int32Array(MAX_INTERVALS);
  let dirtyCount = 0;
  let useTree = false;
  const rootSearch = new Int32Array(compCount);
  /** True if x (alive) is joined to its component's root by tree edges that did not fail. */
  const clean = (x: number): boolean => {
    const t = forest.tin[x]!;
    for (let i = 0; i < dirtyCount; i++) if (dirtyFrom[i]! <= t && t <= dirtyTo[i]!) return false;
    return true;
  };
  /**
   * The subtrees cut off from their root by the new failures, as entry-time intervals;
   * false (no shortcut) when there are too many.
   */
  const cutSubtrees = (): boolean => {
    dirtyCount = 0;
    const addSubtree = (c: number): boolean => {
      if (dirtyCount === MAX_INTERVALS) return false;
      dirtyFrom[dirtyCount] = forest.tin[c]!;
      dirtyTo[dirtyCount++] = forest.tout[c]!;
      return true;
    };
    for (let i = 0; i < newNodeCount; i++) if (!addSubtree(newNodes[i]!)) return false;
    for (let i = 0; i < newEdgeCount; i++) {
      const e = newEdges[i]!;
      const a = edgeA[e]!;
      const b = edgeB[e]!;
      const c = forest.parentEdge[a] === e ? a : forest.parentEdge[b] === e ? b : -1;
      if (c >= 0 && !addSubtree(c)) return false;
    }
    return true;
  };

  /** Marks component c touched by failure `tok`; with the shortcut, its root's group exists. */
  const touchComponent = (c: number, tok: number): void => {
    if (compStamp[c] === tok) return;
    compStamp[c] = tok;
    compActive[c] = 0;
    rootSearch[c] = -1;
    const r = forest.root[c]!;
    if (!useTree || deadNode[r]) return;
    // The root's group: always growing (it stands for the main piece), never searched.
    const sid = searches++;
    uf[sid] = sid;
    active[sid] = 1;
    searchComp[sid] = c;
    rootSearch[c] = sid;
    compActive[c] = 1;
  };

  /** Merges the groups of two searches of component c; one fewer growing if both were. */
  const join = (x: number, y: number, c: number): void => {
    const ra = find(x);
    const rb = find(y);
    if (ra === rb) return;
    if (active[ra]! > 0 && active[rb]! > 0) {
      compActive[c] = compActive[c]! - 1;
      if (compActive[c] === 1) unsettled--;
    }
    uf[ra] = rb;
    active[rb] = active[rb]! + active[ra]!;
  };

  const find = (x: number): number => {
    while (uf[x] !== x) {
      uf[x] = uf[uf[x]!]!;
      x = uf[x]!;
    }
    return x;
  };

  /** Collects the members of a failure not already failed in F. */
  const collect = (nodes: Int32Array, edges: Int32Array | undefined): void => {
    newNodeCount = 0;
    newEdgeCount = 0;
    const tok = ++token;
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i]!;
      if (F.nodes[v] || newNodeStamp[v] === tok) continue;
      newNodeStamp[v] = tok;
      newNodes[newNodeCount++] = v;
    }
    if (edges)
      for (let i = 0; i < edges.length; i++) {
        const e = edges[i]!;
        const a = edgeA[e]!;
        const b = edgeB[e]!;
        if (F.edges[e] || F.nodes[a] || F.nodes[b] || newNodeStamp[a] === tok || newNodeStamp[b] === tok) continue;
        newEdges[newEdgeCount++] = e;
      }
  };

  /** Starts a search at w (once per failure `tok`). */
  const seed = (w: number, tok: number): void => {
    if (seen[w] === tok) return;
    seen[w] = tok;
    visited[visitedCount++] = w;
    const c = comp0[w]!;
    touchComponent(c, tok);
    if (rootSearch[c]! >= 0 && clean(w)) {
      owner[w] = rootSearch[c]!;
      return;
    }
    const sid = searches++;
    owner[w] = sid;
    head[sid] = w;
    tail[sid] = w;
    qnext[w] = -1;
    uf[sid] = sid;
    active[sid] = 1;
    searchComp[sid] = c;
    compActive[c] = compActive[c]! + 1;
    if (compActive[c] === 2) unsettled++;
    running[runningCount++] = sid;
  };

  /** Adds the services attached at x and the applications with an instance at x. */
  const touch = (x: number, st: number): void => {
    for (let k = attachByNode.offsets[x]!; k < attachByNode.offsets[x + 1]!; k++) {
      const s = attachByNode.members[k]!;
      if (serviceStamp[s] !== st) {
        serviceStamp[s] = st;
        cands[candCount++] = s;
      }
    }
    for (let k = appsByNode.offsets[x]!; k < appsByNode.offsets[x + 1]!; k++) {
      const a = appsByNode.members[k]!;
      if (appStamp[a] !== st) {
        appStamp[a] = st;
        apps[appCount++] = a;
      }
    }
  };

  /**
   * True if application a lost every instance from the main piece of some component that
   * held one: some instance left its component's label, and none kept it.
   */
  const lost = (a: number): boolean => {
    const mt = ++labelToken;
    const from = m.appInstances.offsets[a]!;
    const to = m.appInstances.offsets[a + 1]!;
    for (let i = from; i < to; i++) {
      const l = label[m.appInstances.members[i]!]!;
      if (l >= 0) labelMark[l] = mt;
    }
    for (let i = from; i < to; i++) {
      const x = m.appInstances.members[i]!;
      const c = comp0[x]!;
      if (c >= 0 && label[x] !== c && labelMark[c] !== mt) return true;
    }
    return false;
  };

  /**
   * Searches in turns from every seed until each touched component has at most one group
   * still growing. Returns false if the budget ran out first.
   */
  const grow = (tok: number): boolean => {
    let spent = 0;
    while (unsettled > 0 && runningCount > 0) {
      let nextCount = 0;
      for (let r = 0; r < runningCount; r++) {
        const sid = running[r]!;
        const c = searchComp[sid]!;
        if (compActive[c]! <= 1) continue;
        const y = head[sid]!;
        head[sid] = qnext[y]!;
        const end = offsets[y + 1]!;
        spent += end - offsets[y]! + 1;
        for (let i = offsets[y]!; i < end; i++) {
          const w = neighbours[i]!;
          if (deadNode[w] || deadEdge[incidentEdges[i]!]) continue;
          if (seen[w] !== tok) {
            seen[w] = tok;
            visited[visitedCount++] = w;
            if (rootSearch[c]! >= 0 && clean(w)) {
              // Reached the main piece: not searched further.
              owner[w] = rootSearch[c]!;
              join(owner[w]!, sid, c);
              continue;
            }
            owner[w] = sid;
            qnext[w] = -1;
            if (head[sid] === -1) head[sid] = w;
            else qnext[tail[sid]!] = w;
            tail[sid] = w;
          } else join(owner[w]!, sid, c);
        }
        if (head[sid] === -1) {
          // This search is exhausted; its group too when it was the last one growing.
          const root = find(sid);
          active[root] = active[root]! - 1;
          if (active[root] === 0) {
            compActive[c] = compActive[c]! - 1;
            if (compActive[c] === 1) unsettled--;
          }
        } else nextRunning[nextCount++] = sid;
      }
      [running, nextRunning] = [nextRunning, running];
      runningCount = nextCount;
      if (spent > budget) {
        stats.expanded += spent;
        return false;
      }
    }
    stats.expanded += spent;
    return true;
  };

  /** The component pass for the new nodes and edges; returns the services it breaks, sorted. */
  const pass = (skipSite: number): number[] => {
    stats.passes++;
    const tok = ++token;
    for (let i = 0; i < newNodeCount; i++) deadNode[newNodes[i]!] = 1;
    for (let i = 0; i < newEdgeCount; i++) deadEdge[newEdges[i]!] = 1;
    visitedCount = 0;
    exploredCount = 0;
    runningCount = 0;
    searches = 0;
    unsettled = 0;
    useTree = cutSubtrees();
    // Seeds: the surviving ends of the failed edges and the surviving neighbours of the
    // failed nodes. Every piece cut off holds one.
    for (let k = 0; k < newNodeCount; k++) {
      const v = newNodes[k]!;
      for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
        const w = neighbours[i]!;
        if (!deadNode[w] && !deadEdge[incidentEdges[i]!]) seed(w, tok);
      }
    }
    for (let k = 0; k < newEdgeCount; k++) {
      const e = newEdges[k]!;
      if (!deadNode[edgeA[e]!]) seed(edgeA[e]!, tok);
      if (!deadNode[edgeB[e]!]) seed(edgeB[e]!, tok);
    }

    const lt = ++labelToken;
    if (grow(tok)) {
      // Exhausted groups are the pieces cut off; the growing one (if any) is the main piece.
      let next = compCount;
      for (let i = 0; i < visitedCount; i++) {
        const x = visited[i]!;
        const r = find(owner[x]!);
        if (active[r]! > 0) continue;
        if (rootStamp[r] !== lt) {
          rootStamp[r] = lt;
          rootLabel[r] = next++;
        }
        label[x] = rootLabel[r]!;
        explored[exploredCount++] = x;
      }
    } else {
      // One full pass; the largest piece of each touched component is its main piece.
      stats.fullPasses++;
      const after = connectedComponents(p, { failed: { nodes: deadNode, edges: deadEdge } }).component;
      const size = new Int32Array(n + 1);
      const main = new Int32Array(compCount).fill(-1);
      for (let x = 0; x < n; x++) {
        const c = comp0[x]!;
        const a = after[x]!;
        if (c < 0 || a < 0 || compStamp[c] !== tok) continue;
        size[a] = size[a]! + 1;
        if (main[c]! < 0 || size[a]! > size[main[c]!]!) main[c] = a;
      }
      for (let x = 0; x < n; x++) {
        const c = comp0[x]!;
        const a = after[x]!;
        if (c < 0 || a < 0 || compStamp[c] !== tok || a === main[c]) continue;
        label[x] = compCount + a;
        explored[exploredCount++] = x;
      }
    }
    for (let i = 0; i < newNodeCount; i++) label[newNodes[i]!] = -1;

    // Services to evaluate: attached in the failure or a cut-off piece, or needing an
    // application whose instances all left the main piece of their component.
    const st = ++token;
    candCount = 0;
    appCount = 0;
    for (let i = 0; i < newNodeCount; i++) touch(newNodes[i]!, st);
    for (let i = 0; i < exploredCount; i++) touch(explored[i]!, st);
    for (let k = 0; k < appCount; k++) {
      const a = apps[k]!;
      if (!lost(a)) continue;
      for (let j = needersByApp.offsets[a]!; j < needersByApp.offsets[a + 1]!; j++) {
        const s = needersByApp.members[j]!;
        if (serviceStamp[s] !== st) {
          serviceStamp[s] = st;
          cands[candCount++] = s;
        }
      }
    }
    const breaks: number[] = [];
    for (let i = 0; i < candCount; i++) {
      const s = cands[i]!;
      if (!upBase[s] || !analysed[s] || m.site[s] === skipSite) continue;
      stats.checks++;
      if (!serviceUp(m, s, label)) breaks.push(s);
    }

    // Restore the shared state.
    for (let i = 0; i < exploredCount; i++) label[explored[i]!] = comp0[explored[i]!]!;
    for (let i = 0; i < newNodeCount; i++) {
      const v = newNodes[i]!;
      label[v] = comp0[v]!;
      deadNode[v] = F.nodes[v]!;
    }
    for (let i = 0; i < newEdgeCount; i++) deadEdge[newEdges[i]!] = F.edges[newEdges[i]!]!;
    return breaks.sort((x, y) => x - y);
  };

  const effect = (skipSite: number): Effect => {
    if (newNodeCount === 0 && newEdgeCount === 0) return { kind: 'none' };
    if (newNodeCount === 1 && newEdgeCount === 0) return { kind: 'node', index: newNodes[0]! };
    if (newNodeCount === 0 && newEdgeCount === 1) return { kind: 'edge', index: newEdges[0]! };
    if (!relevant(newNodes, newNodeCount, newEdges, newEdgeCount)) {
      stats.skipped++;
      return { kind: 'none' };
    }
    return { kind: 'pass', breaks: pass(skipSite) };
  };

  return {
    stats,
    site(t: number): Effect {
      collect(p.siteNodes.members.subarray(p.siteNodes.offsets[t]!, p.siteNodes.offsets[t + 1]!), undefined);
      return effect(t);
    },
    riskGroup(g: number): Effect {
      collect(
        p.riskGroupNodes.members.subarray(p.riskGroupNodes.offsets[g]!, p.riskGroupNodes.offsets[g + 1]!),
        p.riskGroupEdges.members.subarray(p.riskGroupEdges.offsets[g]!, p.riskGroupEdges.offsets[g + 1]!),
      );
      return effect(-1);
    },
  };
}

/** A spanning forest of G − F (see its use in `multiElementAnalysis`). */
interface SpanningForest {
  /** The root node of each component. */
  readonly root: Int32Array;
  /** The tree edge to each node's parent, -1 at a root (and for failed nodes). */
  readonly parentEdge: Int32Array;
  /** DFS entry time of each node in the tree; its subtree is tin … tout. */
  readonly tin: Int32Array;
  readonly tout: Int32Array;
}

/**
 * A breadth-first spanning forest of G − F, each tree rooted at a node of highest degree in
 * its component (shallow trees keep the subtrees below a failure small), with entry and
 * exit times of a depth-first walk of the tree. Linear time.
 */
function spanningForest(p: Projection, F: { nodes: Uint8Array; edges: Uint8Array }, comp0: Int32Array, compCount: number): SpanningForest {
  const n = p.nodeCount;
  const { offsets, neighbours, incidentEdges } = p;
  const root = new Int32Array(compCount).fill(-1);
  const best = new Int32Array(compCount).fill(-1);
  for (let v = 0; v < n; v++) {
    const c = comp0[v]!;
    if (c < 0) continue;
    const d = offsets[v + 1]! - offsets[v]!;
    if (d > best[c]!) {
      best[c] = d;
      root[c] = v;
    }
  }
  const parent = new Int32Array(n).fill(-1);
  const parentEdge = new Int32Array(n).fill(-1);
  const reached = new Uint8Array(n);
  const order = new Int32Array(n);
  let tail = 0;
  for (let c = 0; c < compCount; c++) {
    const r = root[c]!;
    reached[r] = 1;
    let head = tail;
    order[tail++] = r;
    while (head < tail) {
      const v = order[head++]!;
      for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
        const w = neighbours[i]!;
        const e = incidentEdges[i]!;
        if (reached[w] || F.nodes[w] || F.edges[e]) continue;
        reached[w] = 1;
        parent[w] = v;
        parentEdge[w] = e;
        order[tail++] = w;
      }
    }
  }
  // Entry and exit times of a depth-first walk over the tree: children grouped by parent.
  const from = new Int32Array(tail);
  const to = new Int32Array(tail);
  let pairs = 0;
  for (let i = 0; i < tail; i++) {
    const v = order[i]!;
    if (parent[v]! >= 0) {
      from[pairs] = parent[v]!;
      to[pairs++] = v;
    }
  }
  const children = groupPairs(from.subarray(0, pairs), to.subarray(0, pairs), n);
  const tin = new Int32Array(n).fill(-1);
  const tout = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const next = new Int32Array(n);
  let time = 0;
  for (let c = 0; c < compCount; c++) {
    const r = root[c]!;
    let sp = 0;
    stack[sp++] = r;
    tin[r] = time++;
    next[r] = children.offsets[r]!;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      const k = next[v]!;
      if (k < children.offsets[v + 1]!) {
        next[v] = k + 1;
        const w = children.members[k]!;
        tin[w] = time++;
        next[w] = children.offsets[w]!;
        stack[sp++] = w;
      } else {
        tout[v] = time - 1;
        sp--;
      }
    }
  }
  return { root, parentEdge, tin, tout };
}
