/**
 * The spanning-tree shortcut of the multi-element passes (multiElementAnalysis.ts).
 *
 * A breadth-first spanning forest of G − F, rooted at a node of highest degree in each
 * component, with DFS entry/exit times. A node whose tree path to the root holds no failed
 * node or edge ("clean") is in the root's piece: a search reaching one is in the main piece
 * and stops growing. So searches only explore below the failure, instead of growing from
 * every side until they meet (which, around a ring, is most of the graph).
 */
import type { CsrGraph } from '../graph/CsrGraph.js';
import { spanningForest, type SpanningForest } from '../graph/spanningForest.js';
import type { FailureUnderTest } from './FailureUnderTest.js';

/** The forest and the subtrees the failure under test cuts off from their roots. */
export class TreeShortcut {
  readonly forest: SpanningForest;
  private readonly dirtyFrom: Int32Array;
  private readonly dirtyTo: Int32Array;
  private dirtyCount = 0;

  /** @param maxSubtrees cut-off subtrees up to which the shortcut is used. */
  constructor(
    private readonly g: CsrGraph,
    F: { nodes: Uint8Array; edges: Uint8Array },
    comp0: Int32Array,
    compCount: number,
    private readonly maxSubtrees: number,
  ) {
    this.forest = spanningForest(g, F, comp0, compCount);
    this.dirtyFrom = new Int32Array(maxSubtrees);
    this.dirtyTo = new Int32Array(maxSubtrees);
  }

  /** The root node of component c. */
  root(c: number): number {
    return this.forest.root[c]!;
  }

  /** True if x (alive) is joined to its component's root by tree edges that did not fail. */
  clean(x: number): boolean {
    const t = this.forest.tin[x]!;
    for (let i = 0; i < this.dirtyCount; i++) if (this.dirtyFrom[i]! <= t && t <= this.dirtyTo[i]!) return false;
    return true;
  }

  /**
   * Records the subtrees cut off from their root by the failure, as entry-time intervals;
   * false (no shortcut) when there are too many.
   */
  cut(f: FailureUnderTest): boolean {
    const { edgeA, edgeB } = this.g;
    const { parentEdge } = this.forest;
    this.dirtyCount = 0;
    for (let i = 0; i < f.nodeCount; i++) if (!this.addSubtree(f.nodes[i]!)) return false;
    for (let i = 0; i < f.edgeCount; i++) {
      const e = f.edges[i]!;
      const a = edgeA[e]!;
      const b = edgeB[e]!;
      const c = parentEdge[a] === e ? a : parentEdge[b] === e ? b : -1;
      if (c >= 0 && !this.addSubtree(c)) return false;
    }
    return true;
  }

  /**
   * Does the failure cut a subtree holding one of these entry times (ascending) off its
   * root? A node whose entry time is in no such subtree is clean: still joined to its
   * component's root. Any number of subtrees (unlike {@link cut}).
   */
  cutsAny(f: FailureUnderTest, sortedTin: Int32Array): boolean {
    const { edgeA, edgeB } = this.g;
    const { parentEdge } = this.forest;
    for (let i = 0; i < f.nodeCount; i++) if (this.holds(f.nodes[i]!, sortedTin)) return true;
    for (let i = 0; i < f.edgeCount; i++) {
      const e = f.edges[i]!;
      const a = edgeA[e]!;
      const b = edgeB[e]!;
      const c = parentEdge[a] === e ? a : parentEdge[b] === e ? b : -1;
      if (c >= 0 && this.holds(c, sortedTin)) return true;
    }
    return false;
  }

  /** Does the subtree of c hold one of these entry times? */
  private holds(c: number, sortedTin: Int32Array): boolean {
    const from = this.forest.tin[c]!;
    let lo = 0;
    let hi = sortedTin.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedTin[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < sortedTin.length && sortedTin[lo]! <= this.forest.tout[c]!;
  }

  private addSubtree(c: number): boolean {
    if (this.dirtyCount === this.maxSubtrees) return false;
    this.dirtyFrom[this.dirtyCount] = this.forest.tin[c]!;
    this.dirtyTo[this.dirtyCount++] = this.forest.tout[c]!;
    return true;
  }
}
