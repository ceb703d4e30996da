/**
 * Multi-element failures (sites with several nodes, risk groups) for `analyzeSurvivability`:
 * part 3 of the method described in survivability.ts.
 */
import { connectedComponents } from '../graph/connectedComponents.js';
import { groupPairs, type Groups } from '../graph/groupBy.js';
import type { Projection } from './projection.js';
import { serviceUp, type ServiceModel } from './services.js';
import { spanningForest } from '../graph/spanningForest.js';
import type { SurvivabilityOptions } from './SurvivabilityResult.js';

/**
 * What a multi-element failure amounts to on top of F: nothing new, one node, one edge
 * (reuse the single-failure results), or a component pass with the services it breaks.
 */
export type Effect = { kind: 'none' } | { kind: 'node'; index: number } | { kind: 'edge'; index: number } | { kind: 'pass'; breaks: readonly number[] };

/**
 * Local component passes for sites and risk groups (part 3 of the module comment). Shares
 * scratch arrays across failures; each failure restores what it changed.
 */
export function multiElementAnalysis(
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
