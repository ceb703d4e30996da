/**
 * Single node and single link failures for `analyzeSurvivability` (parts 1 and 2 of the
 * method described in survivability.ts): candidate cut vertices and bridges on the
 * block-cut and bridge tree paths of each service, each checked in O(terminals).
 */
import { groupPairs, type Groups } from '../graph/groupBy.js';
import { Pairs } from '../graph/Pairs.js';
import type { Projection } from './projection.js';
import type { ServiceModel } from './services.js';
import type { SurvivabilityStructures } from './survivabilityStructures.js';

/** True if some surviving instance of every application service s needs is in component c. */
export function allNeedsIn(m: ServiceModel, comp0: Int32Array, s: number, c: number): boolean {
  const { needs, appInstances } = m;
  for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]!; j++) {
    const a = needs.members[j]!;
    let found = false;
    for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]! && !found; i++) found = comp0[appInstances.members[i]!] === c;
    if (!found) return false;
  }
  return true;
}

/** What the single-failure checks found. */
export interface SingleFailureResult {
  /** Per node, the services its failure breaks (ascending). */
  readonly nodeBreaks: Groups;
  /** Per edge, the services its failure breaks (ascending). */
  readonly edgeBreaks: Groups;
  /** Blocks some analysed service depends on (for the multi-element skip test). */
  readonly relevantBlock: Uint8Array;
  /** Nodes some analysed service depends on (for the multi-element skip test). */
  readonly relevantNode: Uint8Array;
  readonly nodeChecks: number;
  readonly linkChecks: number;
}

/**
 * Runs the single node and single link checks for every analysed service up at baseline.
 *
 * @param upBase per service, 1 if up at baseline.
 * @param analysed per service, 1 if analysed.
 */
export function singleFailureChecks(p: Projection, m: ServiceModel, st: SurvivabilityStructures, upBase: Uint8Array, analysed: Uint8Array): SingleFailureResult {
  const n = p.nodeCount;
  const { edgeA, edgeB } = p;
  const { attach, needs, appInstances } = m;
  const { comp0, compCount, bct, B, T, bcf, treeOf, cls, btf } = st;
  const S = m.count;
  const allNeedsInC = (s: number, c: number): boolean => allNeedsIn(m, comp0, s, c);

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
      if (c < 0 || !allNeedsInC(s, c)) continue;
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
  return { nodeBreaks, edgeBreaks, relevantBlock, relevantNode, nodeChecks, linkChecks };
}
