/**
 * Single node and single link failures for `analyzeSurvivability` (parts 1 and 2 of the
 * method described in survivability.ts): candidate cut vertices and bridges on the
 * block-cut and bridge tree paths of each service, each checked in O(terminals).
 */
import { groupPairs, type Groups } from '../graph/groupBy.js';
import { Pairs } from '../graph/Pairs.js';
import type { Projection } from './projection.js';
import type { ServiceModel } from './services.js';
import { SingleFailure } from './SingleFailure.js';
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
  return new SingleFailureChecks(p, m, st).run(upBase, analysed);
}

/** {@link SingleFailureChecks.goodAttachPoints}: no good attach point. */
const NO_GOOD = -1;
/** {@link SingleFailureChecks.goodAttachPoints}: good attach points in two components. */
const SPLIT = -2;

/**
 * The checks of one analysis: per service, its good attach points, its candidate cut
 * vertices and bridges, and for each candidate whether the service is up after it fails.
 * Scratch arrays are shared by every service.
 */
class SingleFailureChecks {
  private readonly failure: SingleFailure;
  private readonly nodePairs = new Pairs();
  private readonly edgePairs = new Pairs();
  // Marks per piece key (see SingleFailure.piece) for upAfter.
  private readonly attachMark: Int32Array;
  private readonly appMark: Int32Array;
  private readonly keyCount: Int32Array;
  private readonly keys: Int32Array;
  private evalToken = 0;
  private appToken = 0;
  /** Candidates of the current service (nodes, then links), `candCount` of them. */
  private readonly cands: Int32Array;
  private candCount = 0;
  private readonly nodeCand: Int32Array;
  private readonly edgeCand: Int32Array;
  private candToken = 0;
  /** The good attach points of the current service, `goodCount` of them. */
  private readonly good: Int32Array;
  private goodCount = 0;
  private nodeChecks = 0;
  private linkChecks = 0;
  // Blocks (and nodes) that some analysed service depends on: a multi-element failure
  // that holds none of them cannot break any analysed service (see part 3).
  private readonly relevantBlock: Uint8Array;
  private readonly relevantNode: Uint8Array;

  constructor(
    private readonly p: Projection,
    private readonly m: ServiceModel,
    private readonly st: SurvivabilityStructures,
  ) {
    const n = p.nodeCount;
    const keySpace = 2 + st.T + st.compCount;
    this.failure = new SingleFailure(st);
    this.attachMark = new Int32Array(keySpace);
    this.appMark = new Int32Array(keySpace);
    this.keyCount = new Int32Array(keySpace);
    this.keys = new Int32Array(n + 1);
    this.cands = new Int32Array(Math.max(n, p.edgeCount));
    this.nodeCand = new Int32Array(n);
    this.edgeCand = new Int32Array(p.edgeCount);
    this.good = new Int32Array(n);
    this.relevantBlock = new Uint8Array(st.B);
    this.relevantNode = new Uint8Array(n);
  }

  run(upBase: Uint8Array, analysed: Uint8Array): SingleFailureResult {
    const { p, nodePairs, edgePairs } = this;
    for (let s = 0; s < this.m.count; s++) {
      if (!upBase[s] || !analysed[s]) continue;
      const C = this.goodAttachPoints(s);
      if (C === NO_GOOD) continue;
      const ct = ++this.candToken;
      this.nodeCandidates(s, C, ct);
      // Good attach points in two components: no single node or link reaches both.
      if (C === SPLIT) continue;
      this.checkNodes(s, C);
      this.linkCandidates(s, C, ct);
      this.checkLinks(s, C);
    }
    const nodeBreaks = groupPairs(nodePairs.a.subarray(0, nodePairs.length), nodePairs.b.subarray(0, nodePairs.length), p.nodeCount);
    const edgeBreaks = groupPairs(edgePairs.a.subarray(0, edgePairs.length), edgePairs.b.subarray(0, edgePairs.length), p.edgeCount);
    const { relevantBlock, relevantNode, nodeChecks, linkChecks } = this;
    return { nodeBreaks, edgeBreaks, relevantBlock, relevantNode, nodeChecks, linkChecks };
  }

  /**
   * Lists the good attach points of s (in a component that holds an instance of every
   * application it needs) in `good`; returns their component, {@link SPLIT} if they lie in
   * two, {@link NO_GOOD} if there are none.
   */
  private goodAttachPoints(s: number): number {
    const { attach } = this.m;
    const comp0 = this.st.comp0;
    this.goodCount = 0;
    let C = NO_GOOD;
    let split = false;
    for (let k = attach.offsets[s]!; k < attach.offsets[s + 1]!; k++) {
      const q = attach.members[k]!;
      const c = comp0[q]!;
      if (c < 0 || !allNeedsIn(this.m, comp0, s, c)) continue;
      if (C < 0) C = c;
      else if (c !== C) split = true;
      this.good[this.goodCount++] = q;
    }
    return split ? SPLIT : C;
  }

  /**
   * Node candidates: good attach points, instances in C, and the cut vertices on the
   * block-cut tree paths from p0 to one instance of each needed application (whose
   * blocks are marked relevant on the way). With C = SPLIT only the relevance marks count.
   */
  private nodeCandidates(s: number, C: number, ct: number): void {
    const { needs, appInstances } = this.m;
    const { comp0, treeOf, bcf } = this.st;
    const { good, relevantNode } = this;
    const p0 = good[0]!;
    // With good attach points in two components, C is the first one's (as before the split was seen).
    const c0 = C === SPLIT ? comp0[p0]! : C;
    relevantNode[p0] = 1;
    this.candCount = 0;
    for (let g = 0; g < this.goodCount; g++) this.addNode(good[g]!, ct);
    const t0 = treeOf(p0);
    for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]!; j++) {
      const a = needs.members[j]!;
      let first = -1;
      for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]!; i++) {
        const x = appInstances.members[i]!;
        if (comp0[x] !== c0) continue;
        this.addNode(x, ct);
        if (first < 0) first = x;
      }
      if (first < 0) continue;
      relevantNode[first] = 1;
      if (t0 < 0 || first === p0) continue;
      let u = t0;
      let w = treeOf(first);
      while (u !== w) {
        if (bcf.depth[u]! >= bcf.depth[w]!) {
          this.onPath(u, ct);
          u = bcf.parent[u]!;
        } else {
          this.onPath(w, ct);
          w = bcf.parent[w]!;
        }
      }
      this.onPath(u, ct);
    }
  }

  /** Checks every node candidate of s (all in component C). */
  private checkNodes(s: number, C: number): void {
    for (let i = 0; i < this.candCount; i++) {
      const v = this.cands[i]!;
      this.nodeChecks++;
      this.failure.failNode(v, C);
      if (!this.upAfter(s)) this.nodePairs.push(v, s);
    }
  }

  /** Link candidates: bridges on the bridge-tree paths from p0 to one instance of each app. */
  private linkCandidates(s: number, C: number, ct: number): void {
    const { needs, appInstances } = this.m;
    const { comp0, cls, btf } = this.st;
    this.candCount = 0;
    const k0 = cls[this.good[0]!]!;
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
          this.addEdge(btf.parentEdge[u]!, ct);
          u = btf.parent[u]!;
        } else {
          this.addEdge(btf.parentEdge[w]!, ct);
          w = btf.parent[w]!;
        }
      }
    }
  }

  /** Checks every link candidate of s (all bridges of component C). */
  private checkLinks(s: number, C: number): void {
    const { edgeA, edgeB } = this.p;
    for (let i = 0; i < this.candCount; i++) {
      const e = this.cands[i]!;
      this.linkChecks++;
      this.failure.failBridge(e, edgeA[e]!, edgeB[e]!, C);
      if (!this.upAfter(s)) this.edgePairs.push(e, s);
    }
  }

  /**
   * Is service s up after the failure under test? Only its good attach points (`good`)
   * can serve: a failure never makes another one good.
   */
  private upAfter(s: number): boolean {
    const { needs, appInstances } = this.m;
    const comp0 = this.st.comp0;
    const { failure, attachMark, appMark, keyCount, keys, good } = this;
    const tok = ++this.evalToken;
    let keyN = 0;
    for (let g = 0; g < this.goodCount; g++) {
      const q = good[g]!;
      if (q === failure.node) continue;
      const k = failure.piece(q);
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
      const at = ++this.appToken;
      need++;
      let any = false;
      for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]!; i++) {
        const x = appInstances.members[i]!;
        if (x === failure.node || comp0[x] !== failure.comp) continue;
        const k = failure.piece(x);
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
  }

  private addNode(v: number, ct: number): void {
    if (this.nodeCand[v] !== ct) {
      this.nodeCand[v] = ct;
      this.cands[this.candCount++] = v;
    }
  }

  /** A tree vertex on a path from p0 to an instance: a candidate cut vertex, or a block. */
  private onPath(t: number, ct: number): void {
    const { bct, B } = this.st;
    if (t >= B) {
      const v = bct.cutNodes[t - B]!;
      this.addNode(v, ct);
      this.relevantNode[v] = 1;
    } else this.relevantBlock[t] = 1;
  }

  private addEdge(e: number, ct: number): void {
    if (this.edgeCand[e] !== ct) {
      this.edgeCand[e] = ct;
      this.cands[this.candCount++] = e;
    }
  }
}
