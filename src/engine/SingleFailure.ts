/**
 * The single failure under test in singleFailureChecks.ts — a node (a cut vertex or not) or
 * a bridge — and the piece of G − failure that holds a surviving node, read off the rooted
 * block-cut tree or the bridge tree without a graph search.
 */
import type { SurvivabilityStructures } from './survivabilityStructures.js';

/** One failed node or bridge of component `comp`, and {@link piece} under it. */
export class SingleFailure {
  /** The failed node, -1 when a bridge failed. */
  node = -1;
  /** The component of G − F the failure hits. */
  comp = -1;
  /** A bridge failed (else a node). */
  private bridge = false;
  /** The failed node's tree vertex if it is a cut vertex, else -1. */
  private tree = -1;
  /** For a bridge: the bridge-tree vertex below it (the root of the side cut off). */
  private below = -1;

  constructor(private readonly st: SurvivabilityStructures) {}

  /** Fails node v of component c. */
  failNode(v: number, c: number): void {
    const { bct, B } = this.st;
    this.bridge = false;
    this.node = v;
    this.comp = c;
    this.tree = bct.nodeCut[v]! >= 0 ? B + bct.nodeCut[v]! : -1;
    this.below = -1;
  }

  /** Fails bridge e (its ends a and b) of component c. */
  failBridge(e: number, a: number, b: number, c: number): void {
    const { cls, btf } = this.st;
    this.bridge = true;
    this.node = -1;
    this.comp = c;
    this.tree = -1;
    const ka = cls[a]!;
    const kb = cls[b]!;
    this.below = btf.parent[ka] === kb && btf.parentEdge[ka] === e ? ka : kb;
  }

  /**
   * The piece of G − failure holding the surviving node x (not the failed node), as a key:
   * for a cut vertex v, the tree vertex next to v towards x; for a bridge, 0 or 1 by side;
   * otherwise (x elsewhere, or the failure splits nothing) 2 + T + x's component.
   */
  piece(x: number): number {
    const { comp0, T, B, bct, bcf, cls, btf } = this.st;
    const c = comp0[x]!;
    if (c !== this.comp) return 2 + T + c;
    if (this.bridge) {
      const k = cls[x]!;
      const below = this.below;
      return btf.tin[below]! <= btf.tin[k]! && btf.tin[k]! <= btf.tout[below]! ? 1 : 0;
    }
    const tv = this.tree;
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
  }
}
